#!/bin/sh
# Installs what the PDF tests need (run as root, as the test setup does): LibreOffice, Noto CJK
# and poppler-utils by scripts/libreoffice/setup.sh, and Debian's Chromium (headless printing of
# web pages to PDF; the VS Code test setup installs the same package).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
sh "$HERE/../libreoffice/setup.sh"
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends chromium
fi
echo "Chromium: $(chromium --version 2>/dev/null | head -1)"
