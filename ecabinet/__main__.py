"""``python -m ecabinet`` runs the ``ecabinet`` command."""

import sys

from ecabinet.cli import main

sys.exit(main())
