#!/usr/bin/env bash
# Debian packages the test suite needs: a PostgreSQL server, Chromium for the
# browser tests, poppler-utils to read PDFs back, and the Nanum Korean fonts.
# Installs only what is missing; needs root (or sudo).
set -euo pipefail

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -d /usr/share/fonts/truetype/nanum ] || need+=(fonts-nanum)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)

if [ ${#need[@]} -eq 0 ]; then
  echo "Debian packages for the tests: all present (nothing to install)"
  exit 0
fi
echo "Installing Debian packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
