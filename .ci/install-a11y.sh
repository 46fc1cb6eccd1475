#!/usr/bin/env bash
# Install what the accessibility scan needs: Debian's Chromium, axe-core from npm, and the
# Nu HTML checker (vnu-jar from npm, run with the machine's Java) for valid HTML and CSS.
#
# Idempotent: each part is skipped when already present. Never fails the build: when
# apt-get or npm is unavailable (or an install fails) it says so and exits 0, and the
# tests then skip the axe scan with a plain message.
#
# Usage: bash .ci/install-a11y.sh   (from anywhere; axe-core goes into the repository root)
set -u

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Pinned so a new axe-core rule cannot turn CI red without a change in this repository.
AXE_CORE_VERSION="${AXE_CORE_VERSION:-4.14.1}"
VNU_VERSION="${VNU_VERSION:-26.9.27}"
CHROMIUM="/usr/bin/chromium"
AXE_JS="$ROOT/node_modules/axe-core/axe.min.js"
SKIP_NOTE="the accessibility scan (axe-core in Chromium) will be skipped"

start=$(date +%s)

if [ -x "$CHROMIUM" ]; then
    echo "install-a11y: Chromium already installed"
elif ! command -v apt-get >/dev/null 2>&1; then
    echo "install-a11y: apt-get not available, Chromium not installed: $SKIP_NOTE"
else
    # apt-get update can fail on one mirror and still leave a usable list: try the install anyway.
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || echo "install-a11y: apt-get update failed (trying the install anyway)"
    if apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; then
        echo "install-a11y: Chromium installed"
    else
        echo "install-a11y: apt-get could not install Chromium: $SKIP_NOTE"
    fi
fi

installed_axe_version() {
    [ -f "$ROOT/node_modules/axe-core/package.json" ] || return 1
    sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$ROOT/node_modules/axe-core/package.json" | head -n 1
}

if [ -f "$AXE_JS" ] && [ "$(installed_axe_version)" = "$AXE_CORE_VERSION" ] \
    && [ -f "$ROOT/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
    echo "install-a11y: axe-core $AXE_CORE_VERSION and vnu-jar already installed"
elif ! command -v npm >/dev/null 2>&1; then
    echo "install-a11y: npm not available, axe-core not installed: $SKIP_NOTE"
else
    # --no-save: no package.json or lock file is written; node_modules/ is disposable.
    # Both in one command: a later --no-save install would prune the other.
    if (cd "$ROOT" && npm install --no-save --no-audit --no-fund --no-package-lock \
        --loglevel=error "axe-core@$AXE_CORE_VERSION" "vnu-jar@$VNU_VERSION" >/dev/null 2>&1); then
        echo "install-a11y: axe-core $AXE_CORE_VERSION and vnu-jar $VNU_VERSION installed"
    else
        echo "install-a11y: npm could not install axe-core: $SKIP_NOTE"
    fi
fi

echo "install-a11y: done in $(($(date +%s) - start)) s"
exit 0
