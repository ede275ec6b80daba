#!/usr/bin/env bash
# Repeatable chaos: N SIGKILLs at random moments on two `leadguard serve` instances of one group
# judging 100,000+ reference-mix events on the test broker, then the figures (inputs, audit
# records, missing, duplicated audit records, duplicated destination copies, `audit verify`).
#   scripts/chaos.sh 20                      # 20 kills, a random seed (printed)
#   scripts/chaos.sh 20 --seed 7 --events 200000
# Exit status 1 if an input is missing or audited twice, a copy is lost, or a chain fails to verify.
# See benches/chaos.rs. It uses the test build (dev profile), shared with scripts/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
kills=${1:?usage: scripts/chaos.sh N [--seed S] [--events E]}
shift
scripts/install-tansu.sh >/dev/null
scripts/install-python-client.sh >/dev/null
exec cargo test --locked --bench chaos -- --kills "$kills" "$@"
