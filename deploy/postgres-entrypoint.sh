#!/bin/sh
# The class store's PostgreSQL: on first start (an empty volume) a cluster with the role and database `lenet`,
# whose password is the file POSTGRES_PASSWORD_FILE (a compose secret); then the server in the foreground.
set -eu
BIN=/usr/lib/postgresql/15/bin
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ ! -r "${POSTGRES_PASSWORD_FILE:-}" ]; then
        echo "error: POSTGRES_PASSWORD_FILE must name a readable file (docs/school-server.md: the secrets)" >&2
        exit 2
    fi
    "$BIN/initdb" --pgdata="$PGDATA" --username=postgres --auth-local=peer --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    # Only password logins over the network; the password in SQL with its quotes doubled.
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    password=$(sed "s/'/''/g" "$POSTGRES_PASSWORD_FILE")
    "$BIN/postgres" --single -D "$PGDATA" -c unix_socket_directories=/tmp postgres >/dev/null <<SQL
CREATE ROLE lenet LOGIN PASSWORD '$password';
CREATE DATABASE lenet OWNER lenet;
SQL
    echo "created the database lenet"
fi
exec "$BIN/postgres" -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp
