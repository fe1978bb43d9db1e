"""``emailsec-check run`` (being built)."""

from __future__ import annotations
