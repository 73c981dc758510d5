"""`python -m lenet ...` and the `lenet` command of an installed copy: the command line in lenet/cli.py."""

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["class"]:  # the class store's commands need no TensorFlow (seconds saved per call)
        from lenet.classroom.cli import main as class_main

        return class_main(argv[1:])
    from lenet.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
