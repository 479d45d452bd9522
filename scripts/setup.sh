#!/usr/bin/env bash
# One command from a bare machine to the extension running in a real VS Code:
#
#   bash scripts/setup.sh            system packages, npm packages, VS Code host, build, then npm start
#   bash scripts/setup.sh --no-start the same without starting (what .ci/run uses before npm test)
#   bash scripts/setup.sh --check    only say what is missing; install nothing
#
# Steps, each skipped when already done:
#   1. Debian/Ubuntu packages (installed as root directly, otherwise through sudo; each one named
#      with the reason below). On any other system the script says what is missing and stops.
#   2. npm packages (`npm ci`, when node_modules is missing or older than package-lock.json).
#   3. The VS Code host: code-server from npm into .vscode-test/ (about a minute, once).
#   4. `npm start`: build, package the .vsix and open it in code-server on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

start=1
check_only=0
for arg in "$@"; do
  case "$arg" in
    --no-start) start=0 ;;
    --check) check_only=1; start=0 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown option '$arg' (expected --no-start, --check or --help)" >&2; exit 2 ;;
  esac
done

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# --- Node.js -------------------------------------------------------------------------------------
# code-server 4.100.3 (VS Code 1.100.3, the host the tests and `npm start` use) declares Node 20.
command -v node >/dev/null 2>&1 || fail "Node.js 20 is missing. Install Node 20 (nvm: nvm install 20; or NodeSource's node_20.x packages; Debian 12's and Ubuntu 24.04's own nodejs is 18, too old), then run this again."
command -v npm >/dev/null 2>&1 || fail "npm is missing (it comes with Node.js; Debian: apt-get install npm)."
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" != 20 ]; then
  fail "Node.js 20 is needed (this is $(node --version)): the VS Code host the tests and npm start use, code-server 4.100.3, runs on Node 20 only (the extension itself needs >= 20). With nvm: nvm install 20 && nvm use 20."
fi
if [ -r /etc/os-release ] && grep -q '^ID=ubuntu' /etc/os-release && [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  say "note: on Ubuntu, the chromium package is a snap (/snap/bin/chromium); if the tests cannot find /usr/bin/chromium, run them with CHROMIUM_PATH=/snap/bin/chromium"
fi

# --- System packages -----------------------------------------------------------------------------
# package|how to tell it is there|why it is needed
needs=(
  "build-essential|make g++|code-server's native modules (node-pty, kerberos) build from source"
  "pkg-config|pkg-config|the same native builds find their libraries with it"
  "python3|python3|node-gyp runs the native builds with Python"
  "libkrb5-dev|krb5-config|Kerberos headers for code-server's kerberos module"
  "ripgrep|/usr/bin/rg|VS Code's search; code-server would download rg from the internet otherwise"
  "chromium|${CHROMIUM_PATH:-/usr/bin/chromium}|the browser the integration and end-to-end tests drive (headless)"
  "fonts-nanum|/usr/share/fonts/truetype/nanum|a Korean font, so the Korean walkthrough's screenshots show Hangul"
)

have() {
  local probe
  for probe in $1; do
    case "$probe" in
      /*) [ -e "$probe" ] || return 1 ;;
      *) command -v "$probe" >/dev/null 2>&1 || return 1 ;;
    esac
  done
}

missing=()
reasons=()
for entry in "${needs[@]}"; do
  IFS='|' read -r pkg probe why <<<"$entry"
  if ! have "$probe"; then
    missing+=("$pkg")
    reasons+=("  - $pkg: $why")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  say "missing system packages:"
  printf '%s\n' "${reasons[@]}"
  if [ "$check_only" = 1 ]; then
    say "install them with: sudo apt-get install ${missing[*]}"
    exit 1
  fi
  if [ "$(uname -s)" != Linux ] || ! command -v apt-get >/dev/null 2>&1; then
    fail "this script installs them on Debian or Ubuntu only (apt-get). Install the packages above with your system's package manager (the VS Code host is Linux-only here; on macOS or Windows use desktop VS Code: open the folder and press F5), then run this again."
  fi
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "not root and no sudo: as root, run apt-get install ${missing[*]}"
    sudo_cmd=(sudo)
    say "installing them with sudo (you may be asked for your password)"
  else
    say "installing them with apt-get"
  fi
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  say "system packages: all present"
fi
[ "$check_only" = 1 ] && { say "nothing missing"; exit 0; }

# --- npm packages --------------------------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
else
  say "npm packages: up to date"
fi

# --- VS Code host --------------------------------------------------------------------------------
node scripts/vscode-host/install-code-server.mjs

if [ "$start" = 1 ]; then
  say "starting the extension in VS Code (npm start; Ctrl-C stops it)"
  exec npm start
fi
say "done. Run the tests with: npm test"
