"""Support requests complete the first time: every field there, filled, in a usable form.

Facts in, results out: the request is read elsewhere (``sources.request``) and handed in
as a ``RequestDocument``; nothing here opens a file or the network.

Where each check's code is:

- RQ001 filled in, RQ011 given twice: ``presence``; RQ002 placeholder: ``validators``;
- RQ003 email, RQ004 order number, RQ008 product, RQ009 person's name: ``values``;
- RQ005 date and time: ``when`` (read by ``rules.dates``); RQ006 URL: ``portal``;
  RQ007 browser: ``browser``; the field kind -> check table: ``validators.VALIDATORS``;
- RQ010 extra field or text, RQ012 the whole request: ``assess``;
- RQ013 a credential in the request: ``secrets`` (found and masked), reported by ``assess``.

Every result's data carries ``kind`` and ``field`` (null for the whole request).
"""

from __future__ import annotations

from emailsec_check.checks.request.assess import RequestAssessment, assess_request
from emailsec_check.checks.request.findings import FieldKind, Finding
from emailsec_check.checks.request.secrets import mask_secrets, secret_label
from emailsec_check.checks.request.validators import VALIDATORS, Validator

__all__ = [
    "VALIDATORS",
    "FieldKind",
    "Finding",
    "RequestAssessment",
    "Validator",
    "assess_request",
    "mask_secrets",
    "secret_label",
]
