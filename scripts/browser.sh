#!/usr/bin/env bash
# Tools of the real-browser and accessibility tests (tests/browser/).
#
# Usage: scripts/browser.sh {up|env|status}
#
#   up      install what is missing: Debian's Chromium (/usr/bin/chromium), a Java
#           runtime, Node.js and npm, then the npm packages axe-core, vnu-jar and ical.js
#           (Mozilla's iCalendar parser, the calendar tests' independent client) into the cache
#   env     print the export lines to eval: eval "$(scripts/browser.sh env)"
#   status  tell what is installed
#
# Every step is skipped when its result is already there. Playwright (PyPI, the `test`
# extra) drives this Chromium through `executable_path`: no browser is ever downloaded.
# The npm packages go to ${TZNR_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/tznr}/browser-tools.
set -euo pipefail

readonly CHROMIUM=${TZNR_CHROMIUM:-/usr/bin/chromium}
readonly AXE_CORE_VERSION=4.14.1
readonly VNU_JAR_VERSION=26.9.27
readonly ICAL_JS_VERSION=2.2.1
readonly CACHE_DIR=${TZNR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tznr}
readonly TOOLS_DIR=$CACHE_DIR/browser-tools
readonly LOG=$CACHE_DIR/browser-tools.log
readonly AXE_JS=$TOOLS_DIR/node_modules/axe-core/axe.min.js
readonly VNU_JAR=$TOOLS_DIR/node_modules/vnu-jar/build/dist/vnu.jar
readonly ICAL_JS=$TOOLS_DIR/node_modules/ical.js/dist/ical.js

readonly NAME=browser.sh
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

npm_tools_installed() {
    [[ -f $AXE_JS && -f $VNU_JAR && -f $ICAL_JS ]] \
        && grep -q "\"version\": \"$AXE_CORE_VERSION\"" "$TOOLS_DIR/node_modules/axe-core/package.json" \
        && grep -q "\"version\": \"$VNU_JAR_VERSION\"" "$TOOLS_DIR/node_modules/vnu-jar/package.json" \
        && grep -q "\"version\": \"$ICAL_JS_VERSION\"" "$TOOLS_DIR/node_modules/ical.js/package.json"
}

cmd_up() {
    mkdir -p "$CACHE_DIR"
    # Fonts: without them headless Chromium renders text as empty boxes in screenshots.
    [[ -x $CHROMIUM ]] || apt_install chromium fonts-liberation
    have java || apt_install default-jre-headless
    have node || apt_install nodejs
    have npm || apt_install npm
    if ! npm_tools_installed; then
        say "npm install axe-core@$AXE_CORE_VERSION vnu-jar@$VNU_JAR_VERSION ical.js@$ICAL_JS_VERSION"
        mkdir -p "$TOOLS_DIR"
        [[ -f $TOOLS_DIR/package.json ]] || printf '{"private": true}\n' >"$TOOLS_DIR/package.json"
        logged npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --save-exact \
            "axe-core@$AXE_CORE_VERSION" "vnu-jar@$VNU_JAR_VERSION" "ical.js@$ICAL_JS_VERSION"
    fi
    npm_tools_installed || die "axe-core, vnu-jar or ical.js missing after npm install (log: $LOG)"
}

cmd_env() {
    printf 'export TZNR_CHROMIUM=%q\n' "$CHROMIUM"
    printf 'export TZNR_AXE_JS=%q\n' "$AXE_JS"
    printf 'export TZNR_VNU_JAR=%q\n' "$VNU_JAR"
    printf 'export TZNR_ICAL_JS=%q\n' "$ICAL_JS"
}

cmd_status() {
    if [[ -x $CHROMIUM ]]; then say "chromium: $("$CHROMIUM" --version 2>/dev/null)"; else say "chromium: missing"; fi
    if have java; then say "java: $(java -version 2>&1 | head -1)"; else say "java: missing"; fi
    if have node; then say "node: $(node --version)"; else say "node: missing"; fi
    if npm_tools_installed; then
        say "axe-core $AXE_CORE_VERSION, vnu-jar $VNU_JAR_VERSION, ical.js $ICAL_JS_VERSION: $TOOLS_DIR"
    else say "axe-core/vnu-jar/ical.js: missing"; fi
}

case ${1:-} in
    up) cmd_up ;;
    env) cmd_env ;;
    status) cmd_status ;;
    *) die "usage: $0 {up|env|status}" ;;
esac
