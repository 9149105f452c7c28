"""Light frozen records: what a frozen dataclass gives the model and the engine, without
generating and compiling code for every class at import (a dataclass costs about 0.7 ms to
define; a record some 15 µs). Instances have `__slots__`, keyword or positional
construction with defaults, equality, a hash, a repr, and a pickle of their field values.

    class Text(Record):
        nl: str
        en: str = ""

A name declared with `= derived()` is a slot that `__post_init__` fills from the fields:
it is not an argument, and not compared, hashed or pickled (unpickling runs __init__).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

if TYPE_CHECKING:
    from typing_extensions import Self, dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Any:
        return lambda cls: cls


_DERIVED: Any = object()


def derived(*, init: Literal[False] = False) -> Any:
    """Declares a slot that __post_init__ computes (type checkers: not an argument)."""
    return _DERIVED


def _is_class_var(annotation: object) -> bool:
    return str(annotation).startswith(("ClassVar", "typing.ClassVar"))


class _RecordType(type):
    """Turns the annotated names of a record class into its fields and slots."""

    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> _RecordType:
        annotations = ns.get("__annotations__", {})
        names = [n for n, a in annotations.items() if not _is_class_var(a)]
        fields = tuple(n for n in names if ns.get(n) is not _DERIVED)
        inherited = any(getattr(base, "_fields", ()) for base in bases)
        assert not (fields and inherited), "a record's fields are declared in one class"
        defaults = {n: ns.pop(n) for n in fields if n in ns}
        for n in names:
            ns.pop(n, None)
        ns["__slots__"] = tuple(names)
        if not inherited:
            ns["_fields"], ns["_defaults"] = fields, defaults
        return super().__new__(mcs, name, bases, ns)


@dataclass_transform(frozen_default=True, field_specifiers=(derived,))
class Record(metaclass=_RecordType):
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]]
    _defaults: ClassVar[dict[str, Any]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        setattr_ = object.__setattr__
        if len(args) == len(fields) and not kwargs:  # every value given in order (unpickling)
            for name, value in zip(fields, args, strict=True):
                setattr_(self, name, value)
            self.__post_init__()
            return
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} takes {len(fields)} values, not {len(args)}")
        for name, value in zip(fields[: len(args)], args, strict=True):
            setattr_(self, name, value)
        for name in fields[len(args) :]:
            if name in kwargs:
                setattr_(self, name, kwargs.pop(name))
            elif name in self._defaults:
                setattr_(self, name, self._defaults[name])
            else:
                raise TypeError(f"{type(self).__name__} needs {name}")
        if kwargs:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(kwargs)}")
        self.__post_init__()

    def __post_init__(self) -> None:
        """Fill the derived slots (nothing here)."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name}")

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        return type(self), self._values()

    def _replace(self, **changes: Any) -> Self:
        """A copy with some fields changed."""
        return type(self)(**{**dict(zip(self._fields, self._values(), strict=True)), **changes})
