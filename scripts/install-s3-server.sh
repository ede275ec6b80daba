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

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/pinned-venv.sh
source "$REPO_ROOT/scripts/lib/pinned-venv.sh"
VENV="$REPO_ROOT/.tools/s3-venv"
pinned_venv install-s3-server "$VENV" moto "$MOTO_VERSION" "moto[server]==$MOTO_VERSION"
[[ -x "$VENV/bin/moto_server" ]] || die "moto_server missing from $VENV"
echo "$VENV/bin/moto_server"
