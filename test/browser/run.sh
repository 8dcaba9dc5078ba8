#!/bin/sh
# The HTML report in a real browser: sh test/browser/run.sh BIN [OUTDIR]  (make check-browser)
#
# Writes the HTML report of a few inputs with BIN, has headless Chromium (Debian's package,
# /usr/bin/chromium) render each page to a PNG and dump its DOM, and asserts on what was
# rendered (test/browser/check_render.py): the seed 000 finding's cell is highlighted in the
# DOM and its colour is on the screenshot, once per highlighted cell; a clean sample shows no
# highlight at all; every page is self-contained and parses as HTML5 without an error.
# The pages, screenshots and DOMs stay in OUTDIR (default build/browser) to be looked at.
#
# Chromium and python3-html5lib are installed with apt-get when missing; when that cannot be
# done (no network, not root and no sudo) the test says so and exits 0 (skipped).
set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: sh test/browser/run.sh BIN [OUTDIR]" >&2
    exit 2
fi
case $1 in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
out=${2:-build/browser}
cd "$root" || exit 2
if [ ! -x "$bin" ]; then
    echo "check-browser: $bin is not an executable" >&2
    exit 2
fi
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
PYTHON=/usr/bin/python3 # Debian's, which sees Debian's python3-html5lib

# ---- what the test needs -----------------------------------------------------------------
need=""
[ -x "$CHROMIUM" ] || need=" chromium"
{ [ -x "$PYTHON" ] && "$PYTHON" -c 'import html5lib' 2>/dev/null; } || need="$need python3-html5lib"
if [ -n "$need" ]; then
    echo "check-browser: installing$need with apt-get"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    # shellcheck disable=SC2086 # $need is a list of package names
    if ! { $SUDO apt-get update -q >/dev/null &&
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $need >/dev/null; }; then
        echo "check-browser: skipped:$need could not be installed (no network, or no root)"
        exit 0
    fi
fi
if [ ! -x "$CHROMIUM" ] || ! "$PYTHON" -c 'import html5lib' 2>/dev/null; then
    echo "check-browser: skipped: $CHROMIUM or python3-html5lib is still missing"
    exit 0
fi

mkdir -p "$out" || exit 2
profile=$(mktemp -d "${TMPDIR:-/tmp}/rollcheck-chromium.XXXXXX") || exit 2
trap 'rm -rf "$profile"' EXIT
trap 'exit 2' HUP INT TERM

# chromium ARGS...: headless, no network of its own, a new empty profile each time
chromium() {
    rm -rf "$profile" && mkdir "$profile" || return 1
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --force-device-scale-factor=1 --hide-scrollbars "$@"
}

passed=0
failed=0
# result STATUS: count one assertion (its line was printed by check_render.py)
result() {
    if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

# render NAME STATUS INPUT: write the report of INPUT (expecting exit status STATUS), check
# it as written, dump its DOM as Chromium builds it and render it to NAME.png
render() {
    name=$1 want=$2 input=$3
    ROLLCHECK_RULES=rules "$bin" check --format html "$input" >"$out/$name.html" \
        2>"$out/$name.stderr"
    status=$?
    if [ "$status" != "$want" ]; then
        echo "FAIL $name: rollcheck exited $status, expected $want"
        sed 's/^/  /' "$out/$name.stderr"
        result 1
        return 1
    fi
    "$PYTHON" test/browser/check_render.py static "$out/$name.html"
    result $?
    page="file://$root/$out/$name.html"
    case $out in /*) page="file://$out/$name.html" ;; esac
    if ! chromium --dump-dom "$page" >"$out/$name.dom.html" 2>"$out/$name.chromium.log" ||
        [ ! -s "$out/$name.dom.html" ]; then
        echo "FAIL $name: chromium --dump-dom failed (see $out/$name.chromium.log)"
        result 1
        return 1
    fi
    rm -f "$out/$name.png"
    if ! chromium --screenshot="$out/$name.png" --window-size=1280,$WINDOW_HEIGHT "$page" \
        >>"$out/$name.chromium.log" 2>&1 || [ ! -s "$out/$name.png" ]; then
        echo "FAIL $name: chromium --screenshot failed (see $out/$name.chromium.log)"
        result 1
        return 1
    fi
    return 0
}

# Tall enough for each whole page: check_render.py fails when a page goes on below it.
WINDOW_HEIGHT=5000

# Seed 000: RC102 on the Global Share Plan's FY2021 WAEP, 0.24 shown against 0.2749-0.2850.
if render seed-000 1 test/data/captures/000_a8457b317564bba9.txt; then
    "$PYTHON" test/browser/check_render.py findings "$out/seed-000.png" "$out/seed-000.dom.html" \
        error RC102 0.24
    result $?
fi
# The invented clean sample: every check passes, nothing is highlighted.
if render clean 0 samples/clean.json; then
    "$PYTHON" test/browser/check_render.py clean "$out/clean.png" "$out/clean.dom.html"
    result $?
fi
# The invented broken sample: five errors on five cells, the one warning on one of them.
if render broken 1 samples/broken.json; then
    "$PYTHON" test/browser/check_render.py findings "$out/broken.png" "$out/broken.dom.html" \
        error RC102 16.45
    result $?
fi
# An R page capture whose one finding is a warning (RC103, under 1%): the warning colour.
if render excerpt-r33 0 test/data/captures/351817_000035181720000004_R33.htm.txt; then
    "$PYTHON" test/browser/check_render.py findings "$out/excerpt-r33.png" \
        "$out/excerpt-r33.dom.html" warning RC103 22.10
    result $?
fi

echo "check-browser: the pages, their DOMs and screenshots are in $out"
echo "check-browser: $passed passed, $failed failed"
[ "$failed" = 0 ]
