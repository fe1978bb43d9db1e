"""``emailsec-check status`` (being built)."""

from __future__ import annotations
