"""`python -m lenet class new|list|export|erase`: class mode from the command line (honours $LENET_CLASS_DB)."""

import argparse
import json
import math
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from classroom import export
from classroom.errors import ClassError, ClassExpired
from classroom.store import ClassStore

MAX_HOURS = 7 * 24  # a class code longer than a week is more often forgotten than used: its drawings linger


def add_class_commands(commands) -> None:
    """Add the `class` command and its sub-commands to `python -m lenet`'s sub-parsers."""
    group = commands.add_parser("class", help="class mode: start a class, list, export or erase classes")
    sub = group.add_subparsers(dest="class_command", required=True, metavar="ACTION")
    new = sub.add_parser("new", help="start a class; prints its code (and the PIN, shown only now)")
    new.add_argument("--pin", help="the teacher PIN (4-32 characters; default: 6 random digits)")
    new.add_argument(
        "--hours", type=float, default=24.0, help=f"how long the code stays valid (more than 0, at most {MAX_HOURS})"
    )
    new.add_argument("--json", action="store_true", help='print {"code", "pin", "expires_at"} as JSON')
    new.set_defaults(run=run_class_command, class_run=cmd_new)
    listing = sub.add_parser("list", help="every class: code, drawings, expiry")
    listing.add_argument("--json", action="store_true", help="one JSON list")
    listing.set_defaults(run=run_class_command, class_run=cmd_list)
    out = sub.add_parser("export", help="the class's visible drawings as MNIST-layout npz (x_test, y_test)")
    out.add_argument("code")
    out.add_argument("--out", required=True, metavar="FILE.npz", help="npz for `python -m lenet evaluate --data`")
    out.add_argument("--csv", metavar="FILE.csv", help="also a CSV: id, meant, answered, confidence, time, alias")
    out.add_argument("--png-zip", metavar="FILE.zip", help="also a zip of 28x28 PNGs")
    out.add_argument("--answers-csv", metavar="FILE.csv", help="also the answers to the teacher's challenges, as CSV")
    out.add_argument("--answers-npz", metavar="FILE.npz", help="also the drawn answers as npz (x, meant, answered)")
    out.set_defaults(run=run_class_command, class_run=cmd_export)
    erase = sub.add_parser("erase", help="delete a class and all its drawings")
    which = erase.add_mutually_exclusive_group(required=True)
    which.add_argument("code", nargs="?", help="the class to erase")
    which.add_argument(
        "--expired",
        action="store_true",
        help="erase every class whose code has expired (and clear what earlier erases left in the database files)",
    )
    erase.set_defaults(run=run_class_command, class_run=cmd_erase)


def run_class_command(args: argparse.Namespace) -> int:
    """Run one class action; a ClassError prints `error: ...` and gives exit status 2."""
    try:
        return args.class_run(args)
    except ClassError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def cmd_new(args: argparse.Namespace) -> int:
    if not (math.isfinite(args.hours) and 0 < args.hours <= MAX_HOURS):  # checked before the store is opened
        raise ClassError(f"--hours must be more than 0 and at most {MAX_HOURS} (a week).")
    store = ClassStore()
    code, pin = store.new_class(args.pin, ttl=timedelta(hours=args.hours))
    expires = store.find_class(code).expires_at.isoformat(timespec="seconds")
    if args.json:
        print(json.dumps({"code": code, "pin": pin, "expires_at": expires}))
    else:
        print(code)
        print(f"teacher PIN: {pin} (shown only now) · expires {expires} · students open ?class={code}", file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    classes = ClassStore().list_classes()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "code": c.code,
                        "drawings": c.drawings,
                        "expired": c.expired,
                        "expires_at": c.expires_at.isoformat(timespec="seconds"),
                    }
                    for c in classes
                ]
            )
        )
        return 0
    print(f"{'code':<9} {'drawings':>8}  expires (UTC)")
    for c in classes:
        state = " (expired)" if c.expired else ""
        print(f"{c.code:<9} {c.drawings:>8}  {c.expires_at:%Y-%m-%d %H:%M}{state}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    files: list[tuple[Any, Callable[..., bytes]]] = [
        (args.out, export.to_npz),
        (args.csv, export.to_csv),
        (args.png_zip, export.to_png_zip),
    ]
    files += [(args.answers_csv, export.answers_to_csv), (args.answers_npz, export.answers_to_npz)]
    files = [(Path(path), make) for path, make in files if path]
    for path, _ in files:  # a mistyped place is refused before the store is even opened
        if path.is_dir() or not path.parent.is_dir():
            raise ClassError(f"cannot write {path}: " + ("it is a folder." if path.is_dir() else "no such folder."))
    store = ClassStore()
    try:
        store.find_class(args.code)  # an unknown code is an error ...
    except ClassExpired:
        pass  # ... an ended class can still be exported
    drawings = store.drawings(args.code, include_hidden=False)
    if not drawings:
        raise ClassError(f"Class {args.code} has no drawings to export yet.")
    challenges, answers = store.answers(args.code)
    inputs = {export.answers_to_csv: (challenges, answers), export.answers_to_npz: (answers,)}
    write_all({path: make(*inputs.get(make, (drawings,))) for path, make in files})
    for path, _ in files:
        print(f"wrote {path}", file=sys.stderr)
    print(f"{len(drawings)} drawings exported" + (f", {len(answers)} answers" if answers else ""))
    return 0


def write_all(contents: dict[Path, bytes]) -> None:
    """Write every file or none: each goes to a temporary file beside it first, renamed once all are written."""
    written: dict[Path, str] = {}
    mode = 0o666 & ~_umask()  # what a plain open() would give; mkstemp's own 0600 would surprise
    try:
        for path, data in contents.items():
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            written[path] = temporary
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temporary, mode)
    except OSError as err:
        for temporary in written.values():
            os.unlink(temporary)
        raise ClassError(f"cannot write {path}: {err.strerror or err}; no file was written.") from err
    for path, temporary in written.items():
        os.replace(temporary, path)


def _umask() -> int:
    current = os.umask(0)  # the only way to read it; the CLI is one thread
    os.umask(current)
    return current


def cmd_erase(args: argparse.Namespace) -> int:
    if args.expired:
        codes = ClassStore().erase_expired()
        print(f"{len(codes)} expired class(es) erased" + (f": {', '.join(codes)}" if codes else ""))
        return 0
    n = ClassStore().erase_class(args.code)
    print(f"class {args.code} erased ({n} drawings)")
    return 0


def main(argv: list[str]) -> int:
    """`python -m lenet class ...` without loading TensorFlow (lenet/__main__.py sends it here)."""
    parser = argparse.ArgumentParser(prog="python -m lenet")
    add_class_commands(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(["class", *argv])
    return args.run(args)
