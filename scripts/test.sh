#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need (the tansu broker, the
# independent Python Kafka client, the S3 server of the broker restart tests, headless Chromium
# for the HTML report test), then runs every test. This is the README's test command, and what
# CI runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-tansu.sh >/dev/null
scripts/install-python-client.sh >/dev/null
scripts/install-s3-server.sh >/dev/null
if ! command -v chromium >/dev/null 2>&1; then
  echo "test: installing Debian chromium (HTML report test)" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

cargo test --locked --all-targets "$@"
