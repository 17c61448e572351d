#!/usr/bin/env bash
# One-command setup on a fresh machine: system packages for the browser tests, npm dependencies
# (never failing offline), then the demo study loaded into a fresh database unless --no-demo.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ -x /usr/bin/apt-get ] && [ "$(id -u)" = 0 ]; then
  echo "setup: installing Debian's Chromium for the renderer tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
    echo "setup: could not install chromium; the browser tests will say so"
fi

# The Electron binary and ONNX Runtime's CUDA provider come from outside the npm registry: skip them
# when no network allows it (override by setting the variables yourself).
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD-1}"
export ONNXRUNTIME_NODE_INSTALL="${ONNXRUNTIME_NODE_INSTALL-skip}"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

if [ "${1-}" != "--no-demo" ]; then
  npm run --silent build:renderer # the reading room for the browser host (the desktop app builds its own)
  node bin/ecg-desk.mjs demo
fi
