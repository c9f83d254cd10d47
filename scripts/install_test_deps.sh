#!/usr/bin/env bash
# Installs what the browser and PDF tests need and nothing else: Debian's chromium (headless
# rendering of the HTML report) and poppler-utils (pdftoppm, PDF pages to PNG). Idempotent: when
# both are present it changes nothing and exits 0. Needs root or sudo only when something is missing.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install_test_deps: chromium and pdftoppm already present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    run=()
elif command -v sudo >/dev/null 2>&1; then
    run=(sudo)
else
    echo "install_test_deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
fi

echo "install_test_deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install_test_deps: done"
