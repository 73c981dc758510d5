"""Benchmarks of the LeNet-5 classroom app: `python -m bench [--quick] [--only NAME] [--json]`."""
