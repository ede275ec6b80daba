#!/usr/bin/env bash
# Coverage-guided fuzzing (issue 16; docs/fuzzing.md): builds the fuzz targets of fuzz/ with
# cargo-fuzz (libFuzzer), then runs each for SECONDS_PER_TARGET (default 60), one after the
# other, and prints per target the executions, executions per second and any crash.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [target...]     (no target: every one)
#   scripts/fuzz.sh --replay [target...]                 (seeds and fuzz/regressions/ only)
#
# --replay runs each target once over its seeds and its past failures (fuzz/regressions/<target>/)
# without mutating anything: deterministic, so CI gates on it, while a randomised run's new
# finding is a bug to fix and pin, not a flaky gate.
# Installs cargo-fuzz into .tools/ on first use (pinned). The machine's stable toolchain is
# enough: with --sanitizer none cargo-fuzz passes rustc no `-Z` flag; RUSTC_BOOTSTRAP=1 only
# matters for a sanitizer build run by hand (docs/fuzzing.md). Seeds are
# rebuilt every run from examples/, ../shared/contract/examples/, tests/data/ and fuzz/seeds/
# into fuzz/seeds-built/ (one file per line); what the fuzzer learns is kept in fuzz/corpus/.
# Exit status: 1 when some target crashed (its input is in fuzz/artifacts/<target>/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

CARGO_FUZZ_VERSION=0.13.1
ALL=(intake scanner withdrawal erasure policy kafka_config audit_verify dead_letter)
REPLAY=0
if [ "${1:-}" = --replay ]; then
  REPLAY=1
  shift
  SECS=0
else
  SECS=${1:-60}
  shift || true
fi
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL[@]}")

if ! "$ROOT/.tools/bin/cargo-fuzz" --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION into .tools/" >&2
  CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/cargo-fuzz-install" \
    cargo install --locked --quiet cargo-fuzz --version "$CARGO_FUZZ_VERSION" --root "$ROOT/.tools"
fi
export PATH="$ROOT/.tools/bin:$PATH"
export RUSTC_BOOTSTRAP=1
# The fuzz build has its own profile and flags: keep it apart from the main build's artifacts.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/fuzz"

# --- seeds: one file per line of each source ----------------------------------------------
SEEDS=fuzz/seeds-built
rm -rf "$SEEDS"
python3 - "$SEEDS" <<'PY'
import json, os, sys
out = sys.argv[1]
shared = "../shared/contract/examples"

def lines(path):
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        return [l.rstrip(b"\r\n") for l in f if l.strip()]

def write(target, items):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    for i, b in enumerate(items):
        with open(os.path.join(d, "seed-%04d" % i), "wb") as f:
            f.write(b)

leads = lines("examples/leads.jsonl") + lines(f"{shared}/leads.jsonl")
phrases = []
for p in ("tests/data/special-text/phrases.jsonl", "tests/data/special-text/heldout.jsonl"):
    phrases += [json.loads(l)["text"].encode() for l in lines(p)]
identifiers = []
for p in ("tests/data/identifiers/cards.txt", "tests/data/identifiers/ibans-valid.txt",
          "tests/data/identifiers/ibans-invalid.txt"):
    identifiers += [l.split(b"\t")[-1] for l in lines(p) if not l.startswith(b"#")]
# A lead whose message is each phrase: the special texts through the whole engine.
with_phrase = []
if leads:
    base = json.loads(leads[0])
    for t in phrases:
        base.setdefault("attributes", {})["message"] = t.decode()
        with_phrase.append(json.dumps(base, ensure_ascii=False).encode())
write("intake", leads + with_phrase + [b"\n".join(leads[:3])])
write("scanner", phrases + identifiers)
write("withdrawal", lines("examples/withdrawals.jsonl") + lines(f"{shared}/withdrawals.jsonl"))
write("erasure", lines("fuzz/seeds/erasures.jsonl"))
toml = lambda p: [open(p, "rb").read()] if os.path.exists(p) else []
write("policy", toml("examples/policy.toml"))
write("kafka_config", toml("examples/kafka.toml") + toml("deploy/kafka.toml"))
audit = lines("fuzz/seeds/audit.jsonl")
write("audit_verify", audit + [b"\n".join(audit) + b"\n"]
      + [b"\n".join(audit + lines("fuzz/seeds/checkpoints.jsonl"))])
write("dead_letter", lines("fuzz/seeds/dead-letter.jsonl"))
PY

# --- build, then run each target ------------------------------------------------------------
echo "fuzz: building the fuzz targets" >&2
cargo fuzz build --sanitizer none --fuzz-dir fuzz >&2

LOGS=fuzz/logs
mkdir -p "$LOGS"
failed=0
printf '%-14s %12s %10s  %s\n' target executions exec/s result
for t in "${TARGETS[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  log="$LOGS/$t.log"
  start=$(date +%s.%N)
  status=0
  mkdir -p "fuzz/regressions/$t"
  if [ "$REPLAY" = 1 ]; then
    # -runs=0: every input of the directories is run once, nothing is mutated or added.
    cargo fuzz run --sanitizer none --fuzz-dir fuzz "$t" "fuzz/regressions/$t" "$SEEDS/$t" -- \
      -runs=0 -print_final_stats=1 -timeout=30 -rss_limit_mb=4096 >"$log" 2>&1 || status=$?
  else
    cargo fuzz run --sanitizer none --fuzz-dir fuzz "$t" "fuzz/corpus/$t" "$SEEDS/$t" \
      "fuzz/regressions/$t" -- \
      -max_total_time="$SECS" -print_final_stats=1 -timeout=30 -rss_limit_mb=4096 \
      >"$log" 2>&1 || status=$?
  fi
  end=$(date +%s.%N)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  execs=${execs:-$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)}
  execs=${execs:-0}
  # libFuzzer's own rate (time spent fuzzing), else over the wall time of the run.
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  [ "$REPLAY" = 1 ] && rate=-
  rate=${rate:-$(awk -v n="$execs" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')}
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    failed=1
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    result="CRASH ${artifact:-see $log}"
  fi
  printf '%-14s %12s %10s  %s\n' "$t" "$execs" "$rate" "$result"
done
exit "$failed"
