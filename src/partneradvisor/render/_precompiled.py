"""The HTML report's Jinja2 template compiled when the package is made, not at every run.

Compiling the template takes some 40 ms, as long as everything else a report needs; a
single `-o report.html` pays it every time. `python -m partneradvisor.render.html` writes
the compiled template into a module of the package (so it is trusted like the code, and
Python keeps its bytecode); it is used only while it was compiled from this very template,
with these options, by the installed Jinja2 (tests/test_reports.py fails when it is stale);
otherwise the template is compiled as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .._hashing import sha256

if TYPE_CHECKING:
    from jinja2 import Environment, Template

MODULE = "_report_template"
_HEADER = '''"""Generated from templates/{name} by `python -m partneradvisor.render.html`."""

# fmt: off
KEY = {key!r}
'''


def _key(env: Environment, name: str) -> str:
    """What the compiled code depends on: the template, the options, Jinja2's version."""
    import jinja2

    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    finalize = getattr(env.finalize, "__qualname__", None)  # compiled into every output
    options = (env.autoescape, finalize, env.trim_blocks, env.lstrip_blocks, jinja2.__version__)
    return sha256(f"{options!r}\0{source}".encode()).hexdigest()


def load(env: Environment, name: str) -> Template | None:
    """The template as compiled when the package was made, if it is still current."""
    try:
        from . import _report_template as compiled
    except ImportError:
        return None
    if getattr(compiled, "KEY", None) != _key(env, name):
        return None
    # its functions find the environment among their globals: the module's own namespace
    return env.template_class.from_module_dict(env, vars(compiled), env.make_globals(None))


def write(env: Environment, name: str) -> Path:
    """Compile the template into the package's module (what the module loader of Jinja2
    would import: code whose environment is given when it is loaded)."""
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    code = env.compile(source, name, name, raw=True, defer_init=True)
    target = Path(__file__).with_name(f"{MODULE}.py")
    target.write_text(_HEADER.format(name=name, key=_key(env, name)) + str(code) + "\n")
    return target
