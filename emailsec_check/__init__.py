"""emailsec-check: health checks for email- and endpoint-security cloud accounts."""

__version__ = "0.1.0"
TOOL_NAME = "emailsec-check"
