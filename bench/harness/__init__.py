"""What the benchmarks stand on: tables and logging (common.py), a timed app server (server.py,
timed_server.py), a bare canvas app for the floor (bare_app.py), and Chromium drawing and timing (browser.py)."""
