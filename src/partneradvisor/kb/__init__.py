"""The knowledge base: its files read into validated, typed objects (see loader.py)."""

KB_ENV = "PARTNERADVISOR_KB"  # the environment variable naming a user's knowledge base
