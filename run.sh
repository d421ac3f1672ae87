#!/usr/bin/env bash
# The project's two entry points (see README):
#   bash run.sh demo   set up everything on a fresh machine, then run the demo
#   bash run.sh test   set up the same way, then run the whole test suite
# Set-up is idempotent: a second run checks a stamp and skips what is done.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
venv="$here/.venv"
py="$venv/bin/python"

log() { printf '[run.sh] %s\n' "$*" >&2; }

need_debian() {
    # Chromium drives the browser tests; fonts make screenshots readable.
    local missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
    [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

need_venv() {
    local stamp_src stamp
    stamp_src="$(cat pyproject.toml run.sh package-lock.json | sha256sum | cut -c1-16)"
    stamp="$venv/.setup-$stamp_src"
    if [ -f "$stamp" ] && "$py" -c "import cnnslicer_widgets" 2>/dev/null; then
        return 0
    fi
    local base_py
    base_py="$(command -v python3.11 || command -v python3)"
    [ -x "$py" ] || { log "creating virtual environment with $base_py"; "$base_py" -m venv "$venv"; }
    log "installing torch==2.14.1 torchvision==0.29.1 (about a minute the first time)"
    "$py" -m pip install -q --disable-pip-version-check torch==2.14.1 torchvision==0.29.1 2>&1 | grep -v "^WARNING: Location" || true
    log "installing cnnslicer_widgets and its test/docs dependencies"
    "$py" -m pip install -q --disable-pip-version-check -e ".[test,docs,distributed]" 2>&1 | grep -v "^WARNING: Location" || true
    "$py" -c "import torch, torchvision, cnnslicer_widgets" \
        || { log "set-up failed: the package does not import"; exit 1; }
    rm -f "$venv"/.setup-*
    touch "$stamp"
}

need_node_modules() {
    # esbuild, to check that the committed JS bundles match their sources (the bundles
    # themselves are committed, so using the package needs no node).
    local stamp="node_modules/.setup-$(sha256sum package-lock.json | cut -c1-16)"
    [ -f "$stamp" ] && return 0
    log "installing the JS build tools (npm ci)"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
    touch "$stamp"
}

setup() {
    need_debian
    need_venv
    need_node_modules
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
    demo)
        setup
        exec "$venv/bin/cnnslicer" demo "$@"
        ;;
    test)
        setup
        set +e
        "$py" -m pytest "$@"
        rc=$?
        set -e
        if [ $rc -eq 5 ]; then
            log "pytest collected no tests: treating that as a failure"
            exit 1
        fi
        exit $rc
        ;;
    setup)
        setup
        ;;
    *)
        echo "usage: bash run.sh {demo|test|setup} [args...]" >&2
        exit 2
        ;;
esac
