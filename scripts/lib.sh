# Shell helpers shared by services.sh and browser.sh (sourced, not run).
# The sourcing script sets NAME (for messages), CACHE_DIR and LOG first.

say() { printf '%s\n' "$*"; }
die() { printf '%s: %s\n' "$NAME" "$*" >&2; exit 1; }
is_root() { [[ $(id -u) -eq 0 ]]; }
have() { command -v "$1" >/dev/null 2>&1; }

# Run a command quietly, its output appended to the log; on failure show the tail.
logged() {
    mkdir -p "$CACHE_DIR"
    printf '\n### %s: %s\n' "$(date '+%F %T')" "$*" >>"$LOG"
    if ! "$@" >>"$LOG" 2>&1; then
        tail -n 30 "$LOG" >&2
        die "failed: $* (full log: $LOG)"
    fi
}

# Install Debian packages, as root or through passwordless sudo.
apt_install() {
    local sudo=()
    if ! is_root; then
        if ! { have sudo && sudo -n true 2>/dev/null; }; then
            die "need root to install $* (run: sudo apt-get install -y $*)"
        fi
        sudo=(sudo -n)
    fi
    export DEBIAN_FRONTEND=noninteractive
    mkdir -p "$CACHE_DIR"
    # Refresh the package lists only when they do not know the package yet,
    # or when an install from stale lists fails.
    if [[ $(apt-cache policy "$1" 2>/dev/null) != *"Candidate: "[0-9]* ]]; then
        say "apt-get update"
        logged "${sudo[@]}" apt-get update -q
    fi
    say "apt-get install $*"
    if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "$@" >>"$LOG" 2>&1; then
        logged "${sudo[@]}" apt-get update -q
        logged "${sudo[@]}" apt-get install -y -q --no-install-recommends "$@"
    fi
}
