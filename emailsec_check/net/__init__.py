"""The only modules that touch the network: ``http`` (httpx) and ``dns`` (dnspython)."""
