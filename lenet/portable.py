"""What differs between POSIX and Windows for the processes lenet starts (the lab's Keras process); the
trainer's share is train/portable.py. Standard library only."""

import os


def lower_priority(nice: int) -> None:
    """A child's own lower priority, on POSIX; Windows has no os.nice (its children are started below normal)."""
    if hasattr(os, "nice"):
        os.nice(nice)
