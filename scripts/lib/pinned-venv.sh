# Sourced by the install-*.sh scripts: one pinned PyPI distribution in its own venv under
# <repo>/.tools, installed once (idempotent: nothing is done when the pinned version is there).
#
#   pinned_venv LOG_NAME VENV DIST VERSION [extra pip args...]
#
# DIST is the distribution name as PyPI spells it (`moto`, `confluent-kafka`); the requirement
# installed is `DIST[...]==VERSION` as given in the extra args, else `DIST==VERSION`.
# Returns with `$VPY` set to the venv's python; dies with a message otherwise. `log` and `die`
# stay defined for the calling script.

die() { echo "$LOG_NAME: ERROR: $*" >&2; exit 1; }
log() { echo "$LOG_NAME: $*" >&2; }

pinned_venv() {
  LOG_NAME="$1"
  local venv="$2" dist="$3" version="$4"
  shift 4
  VPY="$venv/bin/python"
  installed_version() {
    "$VPY" -c "import importlib.metadata as m; print(m.version('$dist'))" 2>/dev/null || true
  }
  if [[ -x "$VPY" ]] && [[ "$(installed_version)" == "$version" ]]; then
    log "$dist $version already installed in $venv"
    return 0
  fi
  local python="${PYTHON:-python3}"
  command -v "$python" >/dev/null 2>&1 || die "$python not found"
  if [[ ! -x "$VPY" ]]; then
    log "creating venv $venv"
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    "$python" -m venv "$venv" >&2 || die "'$python -m venv' failed (on Debian's python: apt-get install python3-venv)"
  fi
  local requirement="$dist==$version"
  if [[ $# -gt 0 && "$1" == "$dist"* ]]; then requirement="$1"; shift; fi
  log "installing $requirement"
  "$VPY" -m pip install --quiet --disable-pip-version-check "$@" "$requirement" >&2 \
    || die "pip install $requirement failed"
  local got
  got="$(installed_version)"
  [[ "$got" == "$version" ]] || die "$dist version check failed (got '$got')"
  log "installed $dist $got"
}
