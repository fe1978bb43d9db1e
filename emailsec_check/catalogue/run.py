"""Catalogue entries of ``run`` itself: an area that did not finish before the deadline.

Each carries the ID prefix and ``area`` of the area that was cut short (number 900
in every area), so reports group them with it and ``--select ST`` keeps it.
"""

from __future__ import annotations

from emailsec_check.model import Area, CheckInfo

_WHY = (
    "The run has one deadline ([settings] deadline in the config, 120 s unless set) so that a "
    "cron job or CI step always ends. This area was still waiting when it passed, so its "
    "results are missing: nothing was decided about it, which is why this is a skip, not a "
    "fail. Raise the deadline, lower --timeout, or split the config."
)

STATUS_DEADLINE = CheckInfo("ST900", Area.STATUS, "Status pages checked before the deadline", _WHY)
DATACENTER_DEADLINE = CheckInfo(
    "DC900", Area.DATACENTER, "Console URLs checked before the deadline", _WHY
)
IDENTITIES_DEADLINE = CheckInfo(
    "ID900", Area.IDENTITIES, "Identity files checked before the deadline", _WHY
)
REQUEST_DEADLINE = CheckInfo("RQ900", Area.REQUEST, "Requests checked before the deadline", _WHY)

CHECKS = (STATUS_DEADLINE, DATACENTER_DEADLINE, IDENTITIES_DEADLINE, REQUEST_DEADLINE)
