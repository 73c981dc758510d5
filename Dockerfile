# The LeNet-5 classroom as one container image, for a school server (docs/school-server.md; deploy/compose.yaml
# runs two of it behind nginx, with PostgreSQL). Debian 12's own Python 3.11, the app installed with
# `pip install .` into a venv (weights and gallery are package data), run as a non-root user, data in /data.
#
#   podman build --format docker -t lenet5-classroom .                            # or: docker build
#   podman build --format docker --build-arg TENSORFLOW=no -t lenet5-classroom .  # ~1/3 the size, no training
#
# TENSORFLOW=no leaves TensorFlow out: the app serves on its NumPy engine, and only "Watch it learn" (training,
# fine-tuning) needs TensorFlow; that tab then says the server was installed without it.
# A machine whose HTTPS goes through an inspecting proxy gives pip its CA bundle as a build secret (never kept
# in the image): --secret id=ca,src=/etc/ssl/certs/ca-certificates.crt
ARG TENSORFLOW=yes

# Python and nothing else; both stages start here (one layer, built once). No compiler: every dependency
# has a binary wheel for Linux x86-64 and aarch64 (docs/install.md).
FROM debian:bookworm-slim AS python
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-venv \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin

FROM python AS build
ARG TENSORFLOW
# The dependencies first, from requirements.txt alone, so a change in the code rebuilds only the last step.
# TENSORFLOW=no: its lines leave requirements.txt, which pyproject.toml reads as the dependencies, so the
# installed package's metadata says so too (`pip check` stays clean).
COPY requirements.txt /src/requirements.txt
RUN --mount=type=secret,id=ca \
    if [ -s /run/secrets/ca ]; then export PIP_CERT=/run/secrets/ca; fi \
    && if [ "$TENSORFLOW" = no ]; then sed -i '/^tensorflow/d' /src/requirements.txt; fi \
    && python3 -m venv /opt/lenet \
    && /opt/lenet/bin/pip install --no-cache-dir --disable-pip-version-check -r /src/requirements.txt
COPY . /src
RUN --mount=type=secret,id=ca \
    if [ -s /run/secrets/ca ]; then export PIP_CERT=/run/secrets/ca; fi \
    && if [ "$TENSORFLOW" = no ]; then sed -i '/^tensorflow/d' /src/requirements.txt; fi \
    && /opt/lenet/bin/pip install --no-cache-dir --disable-pip-version-check --no-deps /src \
    && /opt/lenet/bin/pip check

FROM python
COPY --from=build /opt/lenet /opt/lenet
COPY deploy/entrypoint.sh /usr/local/bin/lenet-entrypoint
# uid 10001: no user of the host's; /data holds the class store (SQLite, when LENET_CLASS_DB is unset) and the
# "Watch it learn" runs.
RUN groupadd --system --gid 10001 lenet \
    && useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin lenet \
    && mkdir /data && chown lenet:lenet /data
ENV PATH=/opt/lenet/bin:$PATH \
    LENET_DATA_DIR=/data \
    PYTHONUNBUFFERED=1 \
    HOME=/data
VOLUME /data
USER 10001
WORKDIR /data
EXPOSE 8501
# Streamlit's own health answer, asked with Python's urllib (no curl in the image).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python3", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
ENTRYPOINT ["/usr/local/bin/lenet-entrypoint"]
