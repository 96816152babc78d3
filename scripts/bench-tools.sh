#!/usr/bin/env bash
# Install the benchmark's HTTP load generator (wrk, from Debian) when missing. Idempotent.
set -euo pipefail
NAME=bench-tools
CACHE_DIR=${TZNR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tznr}
LOG="$CACHE_DIR/bench-tools.log"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

have wrk || apt_install wrk
