#!/usr/bin/env bash
# Set up publisher on a fresh Debian machine: system packages (CJK fonts, poppler),
# then a virtual environment in .venv with the package installed in editable mode.
#   bash scripts/setup.sh          # to build sites and PDFs
#   bash scripts/setup.sh --test   # also the test and lint tools
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: the browser tests (tests/browser) drive it through playwright; no browser is downloaded.
DEBS=(fonts-noto-cjk fonts-arphic-ukai poppler-utils chromium)
missing=()
for pkg in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
.venv/bin/pip install -q --disable-pip-version-check -e ".${extras}"
