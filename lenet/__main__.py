"""`python -m lenet ...` and the `lenet` command of an installed copy: the command line in lenet/cli.py.

`python -m lenet class ...` is class mode's (classroom/cli.py, a package that depends on lenet, never the
reverse). This entry point is the one place in lenet that names it, so the command teachers and scripts
use keeps working; it needs no TensorFlow (seconds saved per call).
"""

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["class"]:
        from classroom.cli import main as class_main

        return class_main(argv[1:])
    from lenet.cli import main as lenet_main

    return lenet_main(argv)


if __name__ == "__main__":
    sys.exit(main())
