#!/usr/bin/env bash
# The two commands of this project on Linux and macOS (Windows: py run.py app | py run.py test):
#   ./run.sh app    install what the app needs (once) and open it on the shipped weights
#   ./run.sh test   install the test tools and Debian's chromium, postgresql and nginx (once), run every test
# Extra arguments go to streamlit (app) or pytest (test). The launcher is run.py; PYTHON picks the Python
# that creates .venv (default python3; Python 3.11-3.13, 3.11-3.12 on Intel Macs).
set -euo pipefail
cd "$(dirname "$0")"
exec "${PYTHON:-python3}" run.py "$@"
