"""`python -m generator` runs the `servefirst` command line."""

import sys

from generator.cli import main

sys.exit(main())
