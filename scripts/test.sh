#!/usr/bin/env bash
# Installs whatever is missing (scripts/setup.sh), then runs every test tier through `npm test`:
# typecheck, lint, unit, integration (real SDK clients against the practice account, a real sshd)
# and host (the extension inside a real VS Code: code-server + headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/setup.sh
echo "test: setup took $((SECONDS - start)) s"
tests=$SECONDS
status=0
npm test || status=$?
echo "test: npm test took $((SECONDS - tests)) s (exit $status); screenshot and results in .test-artifacts/host/"
exit "$status"
