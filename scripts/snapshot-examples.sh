#!/usr/bin/env bash
# Runs the reference examples through file mode with a fixed --now and writes every output file
# with AES-GCM envelopes masked (their nonces are random), so that two builds can be compared
# byte for byte: scripts/snapshot-examples.sh OLD_BIN /tmp/a; scripts/snapshot-examples.sh
# NEW_BIN /tmp/b; diff -r /tmp/a /tmp/b. Used to show a refactor changes no output.
set -euo pipefail
bin=${1:?usage: snapshot-examples.sh LEADGUARD_BINARY OUT_DIR}
out=${2:?usage: snapshot-examples.sh LEADGUARD_BINARY OUT_DIR}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT
"$bin" run --policy examples/policy.toml --input examples/leads.jsonl \
  --withdrawals examples/withdrawals.jsonl --suppress examples/do-not-call.txt \
  --out "$raw" --now 2026-11-22T12:00:00Z >/dev/null
rm -rf "$out" && mkdir -p "$out"
for f in "$raw"/*.jsonl; do
  sed -E 's/enc:[^"]*/enc:MASKED/g' "$f" >"$out/$(basename "$f")"
done
