"""The TLS trust this run uses: the system's store, certifi's, and ``--ca-bundle``."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Optional

from emailsec_check.errors import InputError

__all__ = ["make_ssl_context"]


def make_ssl_context(ca_bundle: Optional[str]) -> ssl.SSLContext:
    """This system's trust store and certifi's, plus ``ca_bundle`` (a TLS-inspecting proxy's CA)."""
    context = ssl.create_default_context()
    try:
        import certifi

        context.load_verify_locations(cafile=certifi.where())
    except (ImportError, OSError, ssl.SSLError):
        pass  # the system's store alone still verifies
    if ca_bundle:
        path = Path(ca_bundle)
        if not path.is_file():
            raise InputError("CA bundle not found (--ca-bundle or SSL_CERT_FILE)", path=path)
        try:
            context.load_verify_locations(cafile=str(path))
        except (OSError, ssl.SSLError, ValueError) as error:
            raise InputError(
                f"not a usable CA bundle (PEM certificates expected): {error}", path=path
            ) from None
    return context
