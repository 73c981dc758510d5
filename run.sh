#!/usr/bin/env bash
# The two commands of this project, on a fresh machine with Python 3.11:
#   ./run.sh app    install what the app needs (once) and open it on the shipped weights
#   ./run.sh test   install the test tools and Debian's chromium, postgresql and nginx (once), run every test
# Extra arguments go to streamlit (app) or pytest (test).
set -euo pipefail
cd "$(dirname "$0")"
VENV=.venv
PY="$VENV/bin/python"

install() {  # install requirements file $1 once per content (a stamp holds its hash)
  [ -x "$PY" ] || python3 -m venv "$VENV"
  local stamp="$VENV/.installed-$(basename "$1")" sum
  sum=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    "$PY" -m pip install --quiet --disable-pip-version-check -r "$1"
    echo "$sum" > "$stamp"
  fi
}

services() {  # Debian's chromium (browser tests), postgresql (class store tests) and nginx (multi-server tests)
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "note: missing ${missing[*]} (sudo apt-get install ${missing[*]}); the tests that need them will skip" >&2
  fi
}

case "${1:-}" in
  app)
    shift
    install requirements.txt
    # glibc's malloc keeps up to 8 arenas per core for a threaded process: 2 hold ~140 MB less (bench/server.py)
    MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" exec "$PY" -m streamlit run app.py "$@"
    ;;
  test)
    shift
    install requirements-dev.txt
    services
    exec "$PY" -m pytest "$@"
    ;;
  *)
    echo "usage: ./run.sh app | ./run.sh test [pytest args]" >&2
    exit 2
    ;;
esac
