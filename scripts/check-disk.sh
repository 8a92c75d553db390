#!/usr/bin/env bash
# Warns, before `make test` starts, when the disk that will hold cargo's build tree has less room
# than a full run writes there, so that a run which then stops with "No space left on device"
# has already said why and what to do. It only warns: the figure is a measurement of this
# repository's run, not a promise, and a run that fits anyway should go on.
set -euo pipefail
cd "$(dirname "$0")/.."

# Measured on a fresh clone (see the README's "Two commands"): `make test` leaves 1.7 GB in the
# build tree; a first run's tools add 0.75 GB (cargo's registry, the npm tools) and Trunk's
# build, in the temporary folder while it runs. Both rounded up.
TARGET_MB=${DISK_TARGET_MB:-2000}
TOOLS_MB=${DISK_TOOLS_MB:-1500}

target=${CARGO_TARGET_DIR:-target}
# The build tree may not exist yet: ask about the nearest folder that does.
place=$target
while [ ! -d "$place" ]; do
  parent=$(dirname "$place")
  if [ "$parent" = "$place" ]; then break; fi
  place=$parent
done

free_kb=$(df -Pk "$place" | awk 'NR == 2 { print $4 }')
case $free_kb in
  '' | *[!0-9]*) exit 0 ;; # df said something else: no figure, no warning
esac
free_mb=$((free_kb / 1024))

need_mb=$TARGET_MB
if ! command -v trunk >/dev/null 2>&1 || ! command -v wasm-bindgen >/dev/null 2>&1; then
  need_mb=$((TARGET_MB + TOOLS_MB))
fi
if [ "$free_mb" -lt "$need_mb" ]; then
  echo "make test: warning: ${free_mb} MB free on the disk of ${target}/, and a full run needs about ${need_mb} MB." >&2
  echo "make test: if it stops with \"No space left on device\", free some space or set CARGO_TARGET_DIR to a folder on a larger disk." >&2
fi
