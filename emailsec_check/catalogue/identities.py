"""Catalogue entries for the ``identities`` area."""

from __future__ import annotations

from emailsec_check.model import CheckInfo

CHECKS: tuple[CheckInfo, ...] = ()
