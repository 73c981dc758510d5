"""The project's two commands, on Windows, macOS and Linux, with nothing installed but Python 3.11-3.13:

    python run.py app    install what the app needs (once) and open it on the shipped weights
    python run.py test   install the test tools (and, as root on Debian, chromium, postgresql, nginx: once), run pytest

On Windows type `py run.py app`; on Linux and macOS `./run.sh app` does the same. Extra arguments go to Streamlit
(app) or pytest (test). The work is in launch/ (standard library only: nothing is installed yet).
"""

import sys
from pathlib import Path

from launch.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], Path(__file__).resolve().parent))
