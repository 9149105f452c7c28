"""python -m partneradvisor"""

from ._entry import run

run()
