"""`python -m lenet ...`: the command line in lenet/cli.py."""

import sys

from lenet.cli import main

sys.exit(main())
