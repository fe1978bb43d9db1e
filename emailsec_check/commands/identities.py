"""``emailsec-check identities`` (being built)."""

from __future__ import annotations
