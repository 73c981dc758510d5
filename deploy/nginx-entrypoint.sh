#!/bin/sh
# Renders deploy/nginx.conf.template (the fields bench/cluster.py fills for its local servers) for the app
# containers in LENET_APPS ("app1:8501 app2:8501", compose's service names), then runs nginx in the foreground.
set -eu
PREFIX=/tmp/nginx
mkdir -p "$PREFIX"
servers=""
for app in ${LENET_APPS:-app1:8501 app2:8501}; do
    # the same passive health check per server as bench/cluster.py: a dead container leaves the rotation
    servers="${servers}        server ${app} max_fails=3 fail_timeout=10s;\\n"
done
# nginx resolves the upstreams' names once, at start, and stops if one is unknown: wait for the containers
# (compose starts them first, but their names appear on the network when they run), up to a minute.
for app in ${LENET_APPS:-app1:8501 app2:8501}; do
    tries=0
    until getent hosts "${app%:*}" >/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -lt 60 ] || { echo "error: ${app%:*} is not on this network after 60 s" >&2; exit 1; }
        sleep 1
    done
done
sed -e "s|{{PREFIX}}|$PREFIX|g" -e "s|{{LISTEN}}|8080|" -e "s|{{SERVERS}}|$servers|" \
    /etc/lenet/nginx.conf.template >"$PREFIX/nginx.conf"
exec nginx -e stderr -p "$PREFIX" -c "$PREFIX/nginx.conf" -g "daemon off;"
