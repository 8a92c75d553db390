#!/usr/bin/env bash
# Installs Debian's ShellCheck when it is missing: a native test runs every shell command the
# engine prints through `bash -n` and `shellcheck`, so that each one runs as printed.
set -euo pipefail
if command -v shellcheck >/dev/null 2>&1; then
  exit 0
fi
echo "setup: installing shellcheck from Debian's packages"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends shellcheck
