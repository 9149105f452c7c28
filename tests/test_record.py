"""The light records the model is made of behave as the frozen dataclasses they replace."""

from __future__ import annotations

import pickle

import pytest

from partneradvisor._record import Record, derived


class Point(Record):
    x: int
    y: int = 0
    label: str | None = None


class Indexed(Record):
    items: tuple[str, ...]
    _position: dict[str, int] = derived()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_position", {item: i for i, item in enumerate(self.items)})


def test_a_record_is_made_by_position_or_name_with_defaults():
    assert Point(1, 2) == Point(x=1, y=2) == Point(1, y=2, label=None)
    assert (Point(3).y, Point(3).label) == (0, None)
    assert Point(1) != Point(2) and Point(1) != (1, 0, None)
    assert repr(Point(1, label="a")) == "Point(x=1, y=0, label='a')"
    assert hash(Point(1)) == hash(Point(1)) and len({Point(1), Point(1), Point(2)}) == 2


@pytest.mark.parametrize(
    ("args", "kwargs", "says"),
    [((1, 2, None, 4), {}, "takes 3 values"), ((), {}, "needs x"), ((1,), {"z": 1}, "no field z")],
)
def test_a_wrong_construction_is_refused(args, kwargs, says):
    with pytest.raises(TypeError, match=says):
        Point(*args, **kwargs)


def test_a_record_is_frozen_and_has_no_dict():
    point = Point(1)
    with pytest.raises(AttributeError, match="frozen"):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError, match="frozen"):
        del point.x  # type: ignore[misc]
    assert not hasattr(point, "__dict__")
    assert point._replace(y=5) == Point(1, 5) and point == Point(1)


def test_derived_slots_are_rebuilt_not_compared_nor_pickled():
    made = Indexed(("a", "b"))
    assert made._position == {"a": 0, "b": 1}
    again = pickle.loads(pickle.dumps(made, protocol=5))
    assert again == made and again._position == {"a": 0, "b": 1}
    assert b"_position" not in pickle.dumps(made)
