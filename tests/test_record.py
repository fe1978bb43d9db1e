"""Record, the base of the package's records: value semantics from ``__slots__``."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from typing import Final

import pytest

import emailsec_check
from emailsec_check.profiles import Region
from emailsec_check.record import Record


class _Pair(Record):
    __slots__ = ("left", "right")

    left: Final[str]
    right: Final[int]

    def __init__(self, left: str, right: int = 0) -> None:
        self.left = left
        self.right = right


class _OtherPair(Record):  # the fields of _Pair, in another kind of record
    __slots__ = ("left", "right")

    def __init__(self, left: str, right: int = 0) -> None:
        self.left, self.right = left, right


def test_records_are_equal_and_hash_alike_by_value_and_type() -> None:
    assert _Pair("a", 1) == _Pair("a", 1)
    assert hash(_Pair("a", 1)) == hash(_Pair("a", 1))
    assert _Pair("a", 1) != _Pair("a", 2)
    assert _Pair("a", 1) != _OtherPair("a", 1)  # same fields, another kind of record
    assert len({_Pair("a", 1), _Pair("a", 1), _Pair("b", 1)}) == 2


def test_replace_makes_a_changed_copy_and_refuses_an_unknown_field() -> None:
    pair = _Pair("a", 1)
    assert pair.replace(right=2) == _Pair("a", 2)
    assert pair == _Pair("a", 1)  # the original is left as it was
    with pytest.raises(TypeError, match="_Pair has no field 'middle'"):
        pair.replace(middle=3)


def test_repr_and_as_dict_name_the_fields_in_their_declared_order() -> None:
    assert repr(_Pair("a", 1)) == "_Pair(left='a', right=1)"
    assert list(Region("eu", "Europe").as_dict())[:3] == ["id", "name", "console_hosts"]


def _records(kind: type[Record]) -> Iterator[type[Record]]:
    for sub in kind.__subclasses__():
        yield sub
        yield from _records(sub)


def test_every_record_of_the_package_declares_its_fields_in_init_order() -> None:
    # replace() builds a record from its fields by name, and as_dict (profiles --format
    # json) lists them in __slots__ order: both need __slots__ to be __init__'s parameters.
    for module in pkgutil.walk_packages(emailsec_check.__path__, "emailsec_check."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    records = [kind for kind in _records(Record) if kind.__module__.startswith("emailsec_check")]
    assert len(records) >= 40
    for kind in records:
        parameters = list(inspect.signature(kind).parameters)
        assert list(kind.__slots__) == parameters, kind.__qualname__
