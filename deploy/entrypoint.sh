#!/bin/sh
# The app container's start: secrets from files, the class store's schema, then the app on 0.0.0.0:8501.
# With a command, it runs that command with the secrets instead, e.g. the class store's command line:
#   podman exec deploy_app1_1 lenet-entrypoint lenet class erase CODE
#
# Secrets come as files (compose `secrets:`, mounted under /run/secrets), named by *_FILE variables, so they
# never appear in `podman inspect` or the image: LENET_TEACHER_PIN_FILE gives LENET_TEACHER_PIN, PGPASSWORD_FILE
# gives PGPASSWORD, which libpq (psycopg) uses when LENET_CLASS_DB's URL has no password.
set -eu

for name in LENET_TEACHER_PIN PGPASSWORD LENET_CLASS_DB; do
    eval "file=\${${name}_FILE:-}"
    if [ -n "$file" ]; then
        [ -r "$file" ] || { echo "error: ${name}_FILE names $file, which cannot be read" >&2; exit 2; }
        value=$(cat "$file")  # $(...) drops the file's trailing newline
        export "$name=$value"
        unset "${name}_FILE"
    fi
done

case "${1:-}" in
    "" | -*) ;;          # nothing, or lenet-lab's options: start the app
    *) exec "$@" ;;      # a command: run it with the secrets
esac

# Opening the class store creates or upgrades its schema (Alembic). PostgreSQL may still be starting: retry for
# about a minute. The list itself is thrown away (it names the classes' codes). Two app containers may do this
# at once: Alembic's upgrade runs in one transaction, and the loser retries.
tries=0
until lenet class list --json >/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -ge "${LENET_DB_TRIES:-30}" ]; then
        echo "error: the class store (LENET_CLASS_DB) did not open after $tries tries; see above" >&2
        exit 1
    fi
    echo "the class store is not ready yet (try $tries); again in 2 s" >&2
    sleep 2
done

exec lenet-lab --address 0.0.0.0 --port 8501 --no-browser "$@"
