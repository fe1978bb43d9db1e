"""emailsec-check: health checks for email- and endpoint-security cloud accounts."""

import time

#: When this process began running our code: reports count start-up in their duration.
STARTED = time.time()

__version__ = "0.1.0"
TOOL_NAME = "emailsec-check"
