#!/usr/bin/env bash
# Runs one integration test N times with every core kept busy by a spin loop, and counts passes:
# the "20/20 under load" figure of the SIGTERM drain test.
#   scripts/stress-test.sh kafka_e2e::sigterm_commits_everything_and_restart_reaudits_nothing 20
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
test_name=${1:?usage: scripts/stress-test.sh TEST_NAME [RUNS]}
runs=${2:-20}
scripts/install-tansu.sh >/dev/null
scripts/install-python-client.sh >/dev/null
bin=$(cargo test --locked --test it --no-run --message-format=json 2>/dev/null |
  python3 -c 'import sys, json
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "it":
        print(m["executable"])')
spinners=()
for _ in $(seq "$(nproc)"); do
  (while :; do :; done) &
  spinners+=($!)
done
trap 'kill "${spinners[@]}" 2>/dev/null || true' EXIT
pass=0
for i in $(seq "$runs"); do
  if "$bin" "$test_name" --exact >"${TMPDIR:-/tmp}/stress-$i.log" 2>&1; then
    pass=$((pass + 1))
  else
    echo "run $i failed: ${TMPDIR:-/tmp}/stress-$i.log" >&2
  fi
done
echo "$test_name under load ($(nproc) spinning cores): $pass/$runs passed"
[ "$pass" -eq "$runs" ]
