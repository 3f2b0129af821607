#!/usr/bin/env bash
# Opens AWS Scale-Out Lab in a real VS Code on the practice account (a local AWS: no account, no cost).
#   bash scripts/demo.sh                 code-server on http://127.0.0.1:PORT/ (PORT from $PORT, else free)
#   bash scripts/demo.sh --code-server   the same even when a desktop `code` is installed
#   bash scripts/demo.sh --aws           keep your AWS credentials and profiles visible (default: hidden)
#   bash scripts/demo.sh --fresh         forget the demo's VS Code state and practice account first
#   bash scripts/demo.sh --lang ja       VS Code and the extension in Japanese (code-server only)
# With a desktop `code` on PATH (and no --code-server) it runs `code --extensionDevelopmentPath=<repo>`.
# Runs until Ctrl-C. Its VS Code state lives in ~/.cache/scale-out-lab/demo, outside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

use_code_server=0 keep_aws=0 fresh=0 lang=en
while (($#)); do
  case "$1" in
    --code-server) use_code_server=1 ;;
    --aws) keep_aws=1 ;;
    --fresh) fresh=1 ;;
    --lang=*) lang="${1#--lang=}" ;;
    --lang) lang="${2:-}"; shift ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$lang" in en | ja) ;; *) echo "demo: --lang is en or ja, not '$lang'" >&2; exit 2 ;; esac
((use_code_server == 0)) && [ "$lang" = ja ] && use_code_server=1 # the language pack is code-server's

bash scripts/setup.sh
source scripts/env.sh
node esbuild.js --production

# (not the `code` that VS Code's and code-server's own terminals put on PATH: it opens their window)
code_cli="$(command -v code || true)"
if ((use_code_server == 0)) && [ -n "$code_cli" ] && [[ "$code_cli" != *remote-cli* ]]; then
  echo "demo: opening desktop VS Code with the extension under development ($repo)"
  exec code --extensionDevelopmentPath="$repo" --new-window
fi

demo="$SCALE_OUT_LAB_CACHE/demo"
((fresh)) && rm -rf "$demo"
mkdir -p "$demo"/{home,tmp,user-data/User,extensions,workspace}

# The extension, loaded from this clone: the extensions dir holds a link named as an installed VSIX would be.
ext_id="$(node -p "const p=require('./package.json'); p.publisher + '.' + p.name + '-' + p.version")"
find "$demo/extensions" -maxdepth 1 -type l -name "$(node -p "const p=require('./package.json'); p.publisher + '.' + p.name")-*" -delete
ln -sfn "$repo" "$demo/extensions/$ext_id"

# First run only, so what you change in the demo's Settings stays (--fresh starts over).
settings="$demo/user-data/User/settings.json"
[ -f "$settings" ] || cat >"$settings" <<'JSON'
{
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "scaleOutLab.practice.speed": "instant"
}
JSON
printf 'auth: none\ncert: false\n' >"$demo/code-server.yaml"
# The display language: Japanese from the language pack setup assembled (scripts/languagePack.ts), else English.
locale_args=()
if [ "$lang" = ja ]; then
  npx tsx scripts/languagePack.ts install "$SCALE_OUT_LAB_CACHE" "$demo/extensions" "$demo/user-data"
  locale_args=(--locale ja)
else
  rm -f "$demo/user-data/User/argv.json" "$demo/user-data/languagepacks.json"
  find "$demo/extensions" -maxdepth 1 -type l -name 'ms-ceintl.vscode-language-pack-ja-*' -delete
fi
[ -f "$demo/workspace/README.md" ] || printf '# Scale-out lab\n\nOpen the AWS Scale-Out Lab view in the activity bar.\n' >"$demo/workspace/README.md"

port="${PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
env_args=(PATH="$(dirname "$NODE24_BIN"):$PATH" TMPDIR="$demo/tmp")
if ((keep_aws == 0)); then
  # No AWS_* variables and a HOME without ~/.aws: the extension opens on the practice account.
  for v in $(compgen -e | grep '^AWS_' || true); do env_args=(-u "$v" "${env_args[@]}"); done
  env_args+=(HOME="$demo/home")
fi

setsid env "${env_args[@]}" "$NODE24_BIN" "$CODE_SERVER_BIN" \
  --bind-addr "127.0.0.1:$port" --config "$demo/code-server.yaml" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$demo/user-data" --extensions-dir "$demo/extensions" "${locale_args[@]}" \
  "$demo/workspace" >"$demo/code-server.log" 2>&1 &
server=$!
stop() { kill -TERM -- "-$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

url="http://127.0.0.1:$port/"
for _ in $(seq 1 240); do
  kill -0 "$server" 2>/dev/null || { cat "$demo/code-server.log" >&2; echo "demo: code-server stopped" >&2; exit 1; }
  [ "$(curl -sL -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ] && break
  sleep 0.25
done
[ "$(curl -sL -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ] || { echo "demo: no page at $url, see $demo/code-server.log" >&2; exit 1; }
echo
echo "  AWS Scale-Out Lab is open in VS Code at  $url"
echo "  (practice account$( ((keep_aws)) && echo ' unless AWS credentials are found' ); click \"AWS Scale-Out Lab\" in the activity bar)"
echo "  Log: $demo/code-server.log    Stop: Ctrl-C"
echo
wait "$server"
