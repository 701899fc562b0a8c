#!/bin/sh
# Installs what the office tests need (run as root, as the test setup does):
# LibreOffice Writer and Calc without a GUI (Word files we export, spreadsheets we read and write), Noto CJK fonts and poppler-utils (pdftoppm for the
# README pictures), then writes the fontconfig alias file that maps the official 公文 fonts
# (proprietary, not installable here) to Noto CJK SC. Without it LibreOffice draws Chinese
# with Japanese glyph variants.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
if ! command -v soffice >/dev/null 2>&1 || ! dpkg-query -W -f='${Status}' libreoffice-calc-nogui 2>/dev/null | grep -q 'install ok installed' || ! command -v pdftoppm >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Serif CJK"; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-noto-cjk-extra poppler-utils fontconfig
fi
fc-cache -f >/dev/null 2>&1 || true
echo "LibreOffice: $(soffice --version 2>/dev/null | head -1)"
echo "fontconfig aliases: FONTCONFIG_FILE=$HERE/fonts.conf"
