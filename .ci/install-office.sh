#!/usr/bin/env bash
# Install what the cover report's office check needs: LibreOffice Writer without a GUI
# (it converts the .docx to PDF headlessly) and Liberation fonts (metric-compatible with
# Arial, the cover report's font), both from Debian.
#
# Idempotent: skipped when soffice is already installed. Never fails the build: when
# apt-get is unavailable or the install fails it says so and exits 0, and the test
# that converts the cover report is skipped with a plain reason.
#
# Usage: bash .ci/install-office.sh
set -u

SKIP_NOTE="the cover report's conversion to PDF with LibreOffice will be skipped"
start=$(date +%s)

if command -v soffice >/dev/null 2>&1; then
    echo "install-office: LibreOffice already installed"
elif ! command -v apt-get >/dev/null 2>&1; then
    echo "install-office: apt-get not available, LibreOffice not installed: $SKIP_NOTE"
else
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || echo "install-office: apt-get update failed (trying the install anyway)"
    if apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-liberation2 >/dev/null 2>&1; then
        echo "install-office: LibreOffice installed"
    else
        echo "install-office: apt-get could not install LibreOffice: $SKIP_NOTE"
    fi
fi

echo "install-office: done in $(($(date +%s) - start)) s"
exit 0
