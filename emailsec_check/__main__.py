"""``python -m emailsec_check`` runs the command line."""

from emailsec_check.cli import main

raise SystemExit(main())
