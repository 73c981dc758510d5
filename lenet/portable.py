"""What differs between POSIX and Windows for a process lenet starts (Watch it learn's trainer lowers its own
priority); the rest of the trainer's share is train/portable.py. Standard library only."""

import os


def lower_priority(nice: int) -> None:
    """A child's own lower priority, on POSIX; Windows has no os.nice (its children are started below normal)."""
    if hasattr(os, "nice"):
        os.nice(nice)
