"""Catalogue entries of ``run`` itself: an area that did not finish before the deadline.

Their ``area`` is the area that was cut short, so reports group them with it.
"""

from __future__ import annotations

from emailsec_check.model import Area, CheckInfo

_WHY = (
    "The run has one deadline ([settings] deadline in the config, 120 s unless set) so that a "
    "cron job or CI step always ends. This area was still waiting when it passed, so its "
    "results are missing: nothing was decided about it, which is why this is a skip, not a "
    "fail. Raise the deadline, lower --timeout, or split the config."
)

STATUS_DEADLINE = CheckInfo("RUN001", Area.STATUS, "Status pages checked before the deadline", _WHY)
DATACENTER_DEADLINE = CheckInfo(
    "RUN002", Area.DATACENTER, "Console URLs checked before the deadline", _WHY
)
IDENTITIES_DEADLINE = CheckInfo(
    "RUN003", Area.IDENTITIES, "Identity files checked before the deadline", _WHY
)
REQUEST_DEADLINE = CheckInfo("RUN004", Area.REQUEST, "Requests checked before the deadline", _WHY)

CHECKS = (STATUS_DEADLINE, DATACENTER_DEADLINE, IDENTITIES_DEADLINE, REQUEST_DEADLINE)
