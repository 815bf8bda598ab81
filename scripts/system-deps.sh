#!/usr/bin/env bash
# Installs the Debian packages the test suite uses, when they are missing.
set -euo pipefail
need=()
command -v pandoc >/dev/null 2>&1 || need+=(pandoc)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
[ -f /usr/share/unicode/BidiCharacterTest.txt ] || need+=(unicode-data)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get here; install ${need[*]} by hand (tests that need them will skip)" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
