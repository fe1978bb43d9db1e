"""Catalogue entries for the ``request`` area."""

from __future__ import annotations

from emailsec_check.model import CheckInfo

CHECKS: tuple[CheckInfo, ...] = ()
