# nginx in front of the app containers (deploy/compose.yaml), from Debian's package, run as www-data on port 8080.
# The configuration is deploy/nginx.conf.template, rendered at start for the upstreams named in LENET_APPS.
FROM debian:bookworm-slim
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
COPY deploy/nginx.conf.template /etc/lenet/nginx.conf.template
COPY deploy/nginx-entrypoint.sh /usr/local/bin/nginx-entrypoint
USER www-data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/nginx-entrypoint"]
