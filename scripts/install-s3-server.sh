#!/usr/bin/env bash
# Create <repo>/.tools/s3-venv with the S3 server that gives the test broker durable storage for
# the broker restart tests (tests/it/kafka_broker_restart.rs): moto's standalone server from PyPI.
#
# Why S3: the pinned tansu 0.6.0 binary is built with its `dynostore` storage only (memory:// and
# s3://); `postgres://` and `sqlite://` answer `FeatureNotEnabled`. With `s3://` the broker keeps
# its log and offsets in the S3 server, a separate process, so the broker can be stopped or
# SIGKILLed and started again without losing anything.
#
# Idempotent: if the venv already has the pinned version, nothing is done.
# Prints the server's path on stdout on success.
set -euo pipefail

MOTO_VERSION="5.2.1"

die() { echo "install-s3-server: ERROR: $*" >&2; exit 1; }
log() { echo "install-s3-server: $*" >&2; }

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO_ROOT/.tools/s3-venv"
VPY="$VENV/bin/python"
SERVER="$VENV/bin/moto_server"

installed_version() {
  "$VPY" -c 'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null || true
}

if [[ -x "$SERVER" ]] && [[ "$(installed_version)" == "$MOTO_VERSION" ]]; then
  log "moto $MOTO_VERSION already installed in $VENV"
  echo "$SERVER"
  exit 0
fi

PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found"
if [[ ! -x "$VPY" ]]; then
  log "creating venv $VENV"
  rm -rf "$VENV"
  mkdir -p "$(dirname "$VENV")"
  "$PYTHON" -m venv "$VENV" >&2 || die "'$PYTHON -m venv' failed (on Debian's python: apt-get install python3-venv)"
fi
log "installing moto[server]==$MOTO_VERSION"
"$VPY" -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" >&2 \
  || die "pip install moto[server]==$MOTO_VERSION failed"
got="$(installed_version)"
[[ "$got" == "$MOTO_VERSION" && -x "$SERVER" ]] || die "moto version check failed (got '$got')"
log "installed moto $got"
echo "$SERVER"
