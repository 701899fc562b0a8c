#!/bin/sh
# Installs what the office tests need (run as root, as the test setup does):
# LibreOffice Writer without a GUI, Noto CJK fonts and poppler-utils (pdftoppm for the
# README pictures), then writes the fontconfig alias file that maps the official 公文 fonts
# (proprietary, not installable here) to Noto CJK SC. Without it LibreOffice draws Chinese
# with Japanese glyph variants.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Serif CJK"; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk fonts-noto-cjk-extra poppler-utils fontconfig
fi
fc-cache -f >/dev/null 2>&1 || true
echo "LibreOffice: $(soffice --version 2>/dev/null | head -1)"
echo "fontconfig aliases: FONTCONFIG_FILE=$HERE/fonts.conf"
