# syntax=docker/dockerfile:1
#
# MB Compass: one process serving NiceGUI on port 8501.
#   docker build -t mb-compass .
#   docker run -p 8501:8501 -e SECRET_KEY=... -e MB_ADMIN_EMAIL=... -e MB_ADMIN_PASSWORD=... mb-compass
# Any other `mb` command runs in place of the default one: docker run --rm mb-compass mb check

# ---------------------------------------------------------------------------------------------
# Build stage: install the app and its pinned dependencies into a virtualenv that the runtime
# stage copies whole, so pip, its cache and the source tree stay out of the final image.
# Both stages use the same base image, so the venv's interpreter path and ABI match.
# ---------------------------------------------------------------------------------------------
FROM python:3.11-slim AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:${PATH}"

WORKDIR /src
# README.md is named in pyproject.toml but only feeds the package's long description;
# setuptools builds without it (with a warning), so it is not copied.
COPY pyproject.toml requirements.lock ./
COPY mb ./mb

# Every dependency ships manylinux wheels for CPython 3.11 (amd64 and arm64), so no compiler
# is installed. If a platform ever lacks a wheel, add `build-essential` to this stage only.
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install -c requirements.lock .

# ---------------------------------------------------------------------------------------------
# Runtime stage
# ---------------------------------------------------------------------------------------------
FROM python:3.11-slim

# unixodbc provides libodbc.so.2, which pyodbc (under aioodbc, used for Azure SQL) links
# against. Microsoft's ODBC Driver 18 for SQL Server is not in Debian: to reach Azure SQL, add
# Microsoft's package repository for this Debian release here (their guide "Install the
# Microsoft ODBC driver for SQL Server (Linux)" gives the two commands), install msodbcsql18
# with ACCEPT_EULA=Y, and use DATABASE_URL=mssql+aioodbc://...?driver=ODBC+Driver+18+for+SQL+Server
RUN apt-get update \
    && apt-get install -y --no-install-recommends unixodbc \
    && rm -rf /var/lib/apt/lists/*

# A fixed, high uid/gid so files on volumes keep one owner across rebuilds and hosts.
RUN groupadd --system --gid 10001 mb \
    && useradd --system --uid 10001 --gid mb --create-home --home-dir /home/mb \
        --shell /usr/sbin/nologin mb

# The venv stays owned by root: the app can run its code but not change it.
COPY --from=build /opt/venv /opt/venv

# MB_HOST: listen on every interface, or the published port reaches nothing.
# NICEGUI_STORAGE_PATH: NiceGUI's per-user storage defaults to ./.nicegui, which the app user
# cannot create in the root-owned /app; keeping it in the data volume also survives restarts.
# MB_BACKUP_DIR: the same reason for `mb backup`'s files (copy them off the host, or use --upload).
ENV PATH="/opt/venv/bin:${PATH}" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    MB_DATA_DIR=/app/data \
    MB_LOG_DIR=/app/logs \
    MB_BACKUP_DIR=/app/data/backups \
    MB_HOST=0.0.0.0 \
    MB_PORT=8501 \
    NICEGUI_STORAGE_PATH=/app/data/.nicegui

WORKDIR /app
# Created and chowned before VOLUME so a fresh named volume starts out owned by the app user.
# (A bind-mounted host directory keeps its host owner: give it to uid 10001 yourself.)
RUN mkdir -p /app/data /app/logs && chown mb:mb /app/data /app/logs
VOLUME ["/app/data", "/app/logs"]

EXPOSE 8501

# /health answers 200 when healthy or degraded and 503 when the database is down; urlopen
# raises on any non-2xx answer, refused connection or timeout, so the check exits non-zero.
# Python's urllib stands in for curl, which the slim image does not have.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('MB_PORT', '8501'), timeout=4); sys.exit(0 if 200 <= r.status < 300 else 1)"]

# Numeric so Kubernetes' runAsNonRoot can verify it; 10001 is the `mb` user created above.
USER 10001:10001

# A fresh container migrates its own database (and creates the first admin from
# MB_ADMIN_EMAIL / MB_ADMIN_PASSWORD) before serving; `exec` hands PID 1 to the server so
# `docker stop` reaches it directly. CMD rather than ENTRYPOINT, so `mb check` and the other
# commands can be run in its place.
CMD ["sh", "-c", "mb init-db && exec mb serve"]
