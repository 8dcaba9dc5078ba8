#!/bin/sh
# Golden end-to-end tests: sh test/run-golden.sh BIN
#
# Every directory test/golden/<case>/ that has an "args" file is a case:
#   args      one line: the arguments to BIN, in sh syntax (quotes work);
#             relative paths are relative to the repository root
#   expected  the expected standard output
#   status    the expected exit status
#   stderr    optional: the expected standard error (not compared when absent)
# The runner runs from the repository root with ROLLCHECK_RULES=rules, puts
# $ROLLCHECK_WRAP (e.g. valgrind) before the command when it is set, prints
# each failing case with the start of a diff, goes on, and exits 1 when any
# case failed.
set -u

if [ $# -ne 1 ]; then
    echo "usage: sh test/run-golden.sh BIN" >&2
    exit 2
fi
case $1 in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$root" || exit 2
if [ ! -x "$bin" ]; then
    echo "run-golden: $bin is not an executable" >&2
    exit 2
fi

ROLLCHECK_RULES=rules
export ROLLCHECK_RULES
wrap=${ROLLCHECK_WRAP:-}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rollcheck-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# show_diff NAME EXPECTED ACTUAL: the first differing lines
show_diff() {
    echo "  $1 differs (- expected, + actual):"
    diff -u "$2" "$3" | sed -n '3,14s/^/    /p'
}

total=0
failed=0
for dir in test/golden/*/; do
    dir=${dir%/}
    [ -f "$dir/args" ] || continue
    name=${dir#test/golden/}
    total=$((total + 1))
    args=$(cat "$dir/args")
    # shellcheck disable=SC2086 # $wrap is a command with its own words
    eval "set -- $args"
    $wrap "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    ok=1
    want_status=$(cat "$dir/status" 2>/dev/null || echo "(missing)")
    if [ "$status" != "$want_status" ]; then
        [ $ok = 1 ] && echo "FAIL $name"
        ok=0
        echo "  exit status $status, expected $want_status"
    fi
    if ! cmp -s "$dir/expected" "$tmp/stdout"; then
        [ $ok = 1 ] && echo "FAIL $name"
        ok=0
        show_diff stdout "$dir/expected" "$tmp/stdout"
    fi
    if [ -f "$dir/stderr" ] && ! cmp -s "$dir/stderr" "$tmp/stderr"; then
        [ $ok = 1 ] && echo "FAIL $name"
        ok=0
        show_diff stderr "$dir/stderr" "$tmp/stderr"
    fi
    [ $ok = 1 ] || failed=$((failed + 1))
done

if [ "$failed" -gt 0 ]; then
    echo "golden: $failed of $total cases failed"
    exit 1
fi
echo "golden: all $total cases passed"
exit 0
