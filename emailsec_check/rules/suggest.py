""" "Did you mean …?": the one nearest-match rule for names people type.

Unknown products, regions, request kinds, config keys and misspelt vendor hosts all
end in the same advice — the nearest known name, if one is close enough to be a
likely typo. Comparison ignores case; the suggestion is returned as the choice is
spelt, so it can be pasted back.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Optional

__all__ = ["did_you_mean", "did_you_mean_text"]

# How alike two names must be (difflib's ratio, 0..1) to be offered as a typo fix.
_CUTOFF = 0.6


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = _CUTOFF) -> Optional[str]:
    """The choice closest to ``word`` (ignoring case), or ``None`` if none is close.

    An exact match ignoring case is returned as such, so ``EU`` suggests ``eu``.
    ``cutoff`` (0..1) is how alike they must be; host names, long and alike in their
    tails, use a higher one than short ids.
    """
    spelt: dict[str, str] = {}
    for choice in choices:
        spelt.setdefault(choice.casefold(), choice)
    wanted = word.casefold()
    if wanted in spelt:
        return spelt[wanted]
    best = difflib.get_close_matches(wanted, list(spelt), n=1, cutoff=cutoff)
    return spelt[best[0]] if best else None


def did_you_mean_text(word: str, choices: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` for the nearest choice, or ``""`` when none is close.

    Ready to append to an error message.
    """
    best = did_you_mean(word, choices)
    return f" (did you mean {best!r}?)" if best is not None else ""
