"""The check catalogue: every check's stable ID, title and explanation.

Each area keeps its entries in its own module (``catalogue/<area>.py``) as
module-level ``CheckInfo`` constants plus a ``CHECKS`` tuple; the checks import
the constants, so a result can never carry an ID the catalogue does not know.
These modules use the standard library only: ``explain`` must start fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

from emailsec_check.model import CheckInfo, Result
from emailsec_check.rules.text import lazy_pattern

_AREA_MODULES = ("datacenter", "status", "identities", "request", "run")
ID_PATTERN = lazy_pattern(r"^[A-Z]{2,4}[0-9]{3}$")


@lru_cache(maxsize=1)
def all_checks() -> tuple[CheckInfo, ...]:
    """Every check, ordered by ID; raises if an ID is malformed or used twice."""
    found: dict[str, CheckInfo] = {}
    for name in _AREA_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for check in module.CHECKS:
            if not ID_PATTERN().match(check.id):
                raise ValueError(f"malformed check ID {check.id!r} in catalogue/{name}.py")
            if check.id in found:
                raise ValueError(f"check ID {check.id} is defined twice")
            found[check.id] = check
    return tuple(sorted(found.values(), key=lambda check: check.id))


def find(check_id: str) -> CheckInfo | None:
    """The check with this ID (any letter case), or None."""
    wanted = check_id.strip().upper()
    return next((check for check in all_checks() if check.id == wanted), None)


def matching(patterns: list[str]) -> list[CheckInfo]:
    """Checks whose ID equals or starts with one of ``patterns`` (``DC``, ``DC001``)."""
    wanted = tuple(pattern.strip().upper() for pattern in patterns)
    return [check for check in all_checks() if check.id.startswith(wanted)]


def select_results(
    results: Iterable[Result], select: Sequence[str], ignore: Sequence[str]
) -> list[Result]:
    """Results whose ID starts with a ``select`` entry (all when empty), minus ``ignore``."""
    wanted = tuple(item.strip().upper() for item in select if item.strip())
    unwanted = tuple(item.strip().upper() for item in ignore if item.strip())
    return [
        result
        for result in results
        if (not wanted or result.id.startswith(wanted))
        and not (unwanted and result.id.startswith(unwanted))
    ]
