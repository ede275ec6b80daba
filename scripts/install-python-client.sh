#!/usr/bin/env bash
# Create <repo>/.tools/venv with the independent Kafka client used by the
# integration tests (scripts/kafka_client.py): confluent-kafka from PyPI,
# whose wheels bundle a recent librdkafka (Debian's 2.0.2 is too old for tansu).
#
# Idempotent: if the venv already has the pinned version, nothing is done.
# Prints the venv's python path on stdout on success.
set -euo pipefail

CONFLUENT_KAFKA_VERSION="2.16.1"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/pinned-venv.sh
source "$REPO_ROOT/scripts/lib/pinned-venv.sh"
pinned_venv install-python-client "$REPO_ROOT/.tools/venv" confluent-kafka \
  "$CONFLUENT_KAFKA_VERSION" --only-binary=:all:
log "librdkafka $("$VPY" -c 'import confluent_kafka; print(confluent_kafka.libversion()[0])')"
echo "$VPY"
