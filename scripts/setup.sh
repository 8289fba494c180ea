#!/usr/bin/env bash
# Installs what building vitals needs and is missing, then builds both executables in release
# (`vitals`, the dashboard; `vitals-agent`, which `vitals agent`, `attach` and `--serve` hand over to).
#
#   scripts/setup.sh          the build's system libraries
#   scripts/setup.sh --tests  those, plus what the tests run: tmux (the dashboard is tested inside
#                             it), prometheus (promtool checks /metrics; a real server scrapes),
#                             podman (a real Engine API for the containers collector),
#                             busybox-static (the tiny image the container tests import),
#                             chromium with a font (the agent's web page in a real browser),
#                             systemd-analyze and yamllint (deploy/ is checked offline) and
#                             prometheus-node-exporter (dashboard 1860 against both, side by side),
#                             openssl and python3-venv (mail tests: a certificate made per test,
#                             aiosmtpd from PyPI in .build/smtp-venv as the SMTP server)
#
# On Debian and Ubuntu it installs with apt-get (as root, or through sudo); elsewhere it names the
# packages and stops. What each package is for:
#   libncursesw5-dev  the terminal (ncursesw headers; the library itself is in every install)
#   libsqlite3-dev    the history and alert journal files
#   libyaml-dev       the configuration file (libyaml's parser)
set -euo pipefail
cd "$(dirname "$0")/.."

tests=0
[ "${1:-}" = "--tests" ] && tests=1

need=()
[ -e /usr/include/ncursesw/curses.h ] || need+=(libncursesw5-dev)
[ -e /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
[ -e /usr/include/yaml.h ] || need+=(libyaml-dev)
if [ $tests = 1 ]; then
  command -v tmux >/dev/null || need+=(tmux)
  command -v promtool >/dev/null || need+=(prometheus)
  command -v podman >/dev/null || need+=(podman)
  [ -x /bin/busybox ] || need+=(busybox-static)
  command -v chromium >/dev/null || need+=(chromium)
  command -v systemd-analyze >/dev/null || need+=(systemd)
  command -v yamllint >/dev/null || need+=(yamllint)
  command -v prometheus-node-exporter >/dev/null || need+=(prometheus-node-exporter)
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
  command -v openssl >/dev/null || need+=(openssl)
  /usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3 python3-venv)
fi

if ! command -v swift >/dev/null; then
  echo "setup: no Swift toolchain on PATH; install Swift 6.1 or newer (swift.org/install) and run this again" >&2
  exit 1
fi

if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "setup: missing ${need[*]} (Debian's names); install your system's equivalents and run this again" >&2
    exit 1
  fi
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup: installing ${need[*]} needs root (no sudo here)" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "setup: installing ${need[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# Debian's prometheus package starts a server on :9090 where it can; the tests run their own.
if [ $tests = 1 ] && command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then systemctl stop prometheus || true; else sudo systemctl stop prometheus || true; fi
fi

# The mail tests' SMTP server: aiosmtpd, pinned, in a virtual environment of Debian's Python.
if [ $tests = 1 ] && ! .build/smtp-venv/bin/python -c 'import aiosmtpd' 2>/dev/null; then
  rm -rf .build/smtp-venv
  /usr/bin/python3 -m venv .build/smtp-venv
  .build/smtp-venv/bin/pip install -q 'aiosmtpd==1.4.6'
fi

# Both products, as users run them. WARNINGS_AS_ERRORS=1 (set by CI) fails on any warning
# in vitals' own targets.
swift build -c release --product vitals
swift build -c release --product vitals-agent
