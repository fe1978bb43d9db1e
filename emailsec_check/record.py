"""The base of the package's records: small immutable values with named fields.

A record names its fields in ``__slots__``, declares each ``Final`` (so that mypy
refuses a second assignment) and sets each once in ``__init__``, whose parameters
have the fields' names::

    class Region(Record):
        __slots__ = ("id", "name")

        id: Final[str]
        name: Final[str]

        def __init__(self, id: str, name: str = "") -> None:
            self.id = id
            self.name = name

:class:`Record` gives it equality and hashing by value, a ``repr`` that names the
fields, :meth:`~Record.as_dict` and :meth:`~Record.replace`. A record is not a tuple:
it has no order, no index and no unpacking.

Why not ``typing.NamedTuple``: defining one compiles its ``__new__`` from source,
about 0.8 M instructions a class against 0.1 M for a slotted class, and a command
defines some thirty records as it starts (``scripts/bench_startup.py``).
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

__all__ = ["Record"]

_R = TypeVar("_R", bound="Record")


class Record:
    """Equality, hashing, ``repr`` and ``replace`` from a subclass's ``__slots__``.

    A record's fields are the ``__slots__`` of its own class: records do not inherit
    fields from one another.
    """

    __slots__: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The fields by name, in their declared order."""
        return {name: getattr(self, name) for name in self.__slots__}

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with some fields changed (an unknown name is a ``TypeError``)."""
        unknown = set(changes).difference(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        made: _R = cast(Any, type(self))(**{**self.as_dict(), **changes})
        return made

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.as_dict().items())
        return f"{type(self).__name__}({shown})"
