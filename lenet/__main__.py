"""`python -m lenet ...`: the command line in lenet/cli.py."""

import sys

if sys.argv[1:2] == ["class"]:  # the class store's commands need no TensorFlow (seconds saved per call)
    from lenet.classroom.cli import main as class_main

    sys.exit(class_main(sys.argv[2:]))

from lenet.cli import main

sys.exit(main())
