#!/usr/bin/env bash
# Create <repo>/.tools/venv with the independent Kafka client used by the
# integration tests (scripts/kafka_client.py): confluent-kafka from PyPI,
# whose wheels bundle a recent librdkafka (Debian's 2.0.2 is too old for tansu).
#
# Idempotent: if the venv already has the pinned version, nothing is done.
# Prints the venv's python path on stdout on success.
set -euo pipefail

CONFLUENT_KAFKA_VERSION="2.16.1"

die() { echo "install-python-client: ERROR: $*" >&2; exit 1; }
log() { echo "install-python-client: $*" >&2; }

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO_ROOT/.tools/venv"
VPY="$VENV/bin/python"

installed_version() {
  "$VPY" -c 'import confluent_kafka; print(confluent_kafka.__version__)' 2>/dev/null || true
}

if [[ -x "$VPY" ]] && [[ "$(installed_version)" == "$CONFLUENT_KAFKA_VERSION" ]]; then
  log "confluent-kafka $CONFLUENT_KAFKA_VERSION already installed in $VENV"
  echo "$VPY"
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

log "installing confluent-kafka==$CONFLUENT_KAFKA_VERSION"
"$VPY" -m pip install --quiet --disable-pip-version-check --only-binary=:all: \
  "confluent-kafka==$CONFLUENT_KAFKA_VERSION" >&2 \
  || die "pip install confluent-kafka==$CONFLUENT_KAFKA_VERSION failed"

got="$(installed_version)"
[[ "$got" == "$CONFLUENT_KAFKA_VERSION" ]] || die "confluent-kafka version check failed (got '$got')"
log "confluent-kafka $got, librdkafka $("$VPY" -c 'import confluent_kafka; print(confluent_kafka.libversion()[0])')"
echo "$VPY"
