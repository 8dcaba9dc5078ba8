#!/bin/sh
# `make install PREFIX=/usr DESTDIR=<temporary directory>`, then what it installed, used as a
# user would use it (make check-install runs this from the repository root):
#
# - the staged tree holds exactly the files an install should, all under DESTDIR/usr, none of
#   them naming DESTDIR, and nothing was written to the real /usr;
# - the installed rollcheck, with ROLLCHECK_RULES unset, finds its installed rules and
#   vocabulary: seed 000 (model JSON and its text capture) gives exit status 1 and the RC102
#   finding, Netflix's XBRL instance passes; moved elsewhere the tree still works (the rules are
#   found relative to the program), and without its rules directory the program says so;
# - `man -l` renders the installed man page, without a warning, and `man` finds it by name;
# - a small C program (use_library.c) builds with nothing but the staged rollcheck.pc
#   (`pkg-config --define-variable=prefix=...`), links and finds the seed 000 finding;
# - `make uninstall` leaves no file behind.
#
# Environment: MAKE, BUILD (the build directory to install from), CC, and TEST_CFLAGS /
# TEST_LDFLAGS for the C program (the sanitizer flags under `make asan`).
set -u
cd "$(dirname "$0")/../.." || exit 2
MAKE=${MAKE:-make}
BUILD=${BUILD:-build}
CC=${CC:-cc}
TEST_CFLAGS=${TEST_CFLAGS:-}
TEST_LDFLAGS=${TEST_LDFLAGS:-}
# The installed program must find its rules by itself.
unset ROLLCHECK_RULES

fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
stage=$tmp/stage

bad() {
    echo "check-install: $*" >&2
    fail=1
}

# expect_status WANT DESCRIPTION COMMAND...: run COMMAND, stdout to $tmp/out, stderr to
# $tmp/err, and check its exit status.
expect_status() {
    want=$1 what=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" -eq "$want" ] ||
        bad "$what: exit status $got, not $want
$(head -n 5 "$tmp/out")
$(head -n 5 "$tmp/err")"
}

# ---- the install -----------------------------------------------------------------------------
touch "$tmp/before"
sleep 1 # so that a file written by the install is strictly newer than $tmp/before
if ! $MAKE -s --no-print-directory install PREFIX=/usr DESTDIR="$stage" BUILD="$BUILD" \
    >"$tmp/install.log" 2>&1; then
    cat "$tmp/install.log" >&2
    echo "check-install: make install failed" >&2
    exit 1
fi

expected=$(
    {
        echo usr/bin/rollcheck
        echo usr/lib/librollcheck.a
        echo usr/lib/pkgconfig/rollcheck.pc
        echo usr/include/rollcheck.h
        for h in include/rollcheck/*.h; do echo "usr/include/rollcheck/${h##*/}"; done
        for r in rules/*.json; do echo "usr/share/rollcheck/rules/${r##*/}"; done
        echo usr/share/man/man1/rollcheck.1
    } | sort
)
actual=$(cd "$stage" && find . ! -type d | sed 's|^\./||' | sort)
[ "$expected" = "$actual" ] || bad "the staged tree is not what an install holds:
$(printf '%s\n' "$expected" >"$tmp/expected"; printf '%s\n' "$actual" >"$tmp/actual"
    diff "$tmp/expected" "$tmp/actual")"
for f in labels.json concepts.json; do
    [ -f "$stage/usr/share/rollcheck/rules/$f" ] || bad "the vocabulary file $f is not installed"
done
[ -x "$stage/usr/bin/rollcheck" ] || bad "the installed program is not executable"

# Nothing written where the install would have gone without DESTDIR: no file of the install,
# and no directory of its own, is newer than the install.  (The shared directories are left
# out: a package installed meanwhile may touch /usr/bin, and a file written there is caught
# by its own name.)
for f in $expected; do
    for p in "/$f" "$(dirname "/$f")"; do
        [ -e "$p" ] && [ -n "$(find "$p" -maxdepth 0 -newer "$tmp/before")" ] &&
            case $p in /usr/bin | /usr/lib | /usr/include | /usr/share/man/man1) ;; *)
                bad "make install with DESTDIR wrote $p" ;;
            esac
    done
done
# Installed text files name the final places, never the staging directory or the build.
if grep -rl -e "$stage" -e "$PWD/$BUILD" "$stage/usr/lib/pkgconfig" "$stage/usr/share" \
    "$stage/usr/include" >"$tmp/leaks"; then
    bad "installed files name the staging or build directory: $(cat "$tmp/leaks")"
fi

# ---- the installed program, with its installed rules --------------------------------------------
rollcheck=$stage/usr/bin/rollcheck
expect_status 1 "installed rollcheck check samples/seed-000.json" \
    "$rollcheck" check samples/seed-000.json
grep -q '^samples/seed-000.json:205:28: error: weighted-average exercise price at the end does not follow from the movements: computed 0.2749–0.2850, reported 0.24 \[RC102\]$' "$tmp/out" ||
    bad "installed rollcheck: no RC102 finding for seed 000:
$(head -n 3 "$tmp/out")"
[ "$(grep -c ': error: .*\[RC[0-9]*\]$' "$tmp/out")" -eq 1 ] ||
    bad "installed rollcheck: seed 000 should give exactly one finding"

# The capture needs the installed vocabulary (labels.json) to find its table.
expect_status 1 "installed rollcheck check on the seed 000 capture" \
    "$rollcheck" check test/data/captures/000_a8457b317564bba9.txt
grep -q 'reported 0.24 \[RC102\]$' "$tmp/out" ||
    bad "installed rollcheck: no RC102 finding in the seed 000 capture"
# An XBRL instance needs the installed concept map (concepts.json).
expect_status 0 "installed rollcheck check on Netflix's XBRL instance" \
    "$rollcheck" check test/data/assemble/nflx-20240126-sbc.xml
grep -q '^summary: 1 file, [0-9]* facts, 3 roll-forwards' "$tmp/out" ||
    bad "installed rollcheck: Netflix's instance should give 3 roll-forwards:
$(tail -n 1 "$tmp/out")"

# The installed rules are the repository's rules.
expect_status 0 "installed rollcheck rules" "$rollcheck" rules
cp "$tmp/out" "$tmp/rules.installed"
ROLLCHECK_RULES=rules "$BUILD/rollcheck" rules >"$tmp/rules.source" 2>&1
cmp -s "$tmp/rules.installed" "$tmp/rules.source" ||
    bad "installed rollcheck rules differs from the rules of rules/"

# Moved elsewhere, the tree still works: the rules are found relative to the program.
cp -R "$stage/usr" "$tmp/moved"
expect_status 1 "moved rollcheck check samples/seed-000.json" \
    "$tmp/moved/bin/rollcheck" check samples/seed-000.json
grep -q 'reported 0.24 \[RC102\]$' "$tmp/out" || bad "moved rollcheck: no RC102 finding"
# ... and without its rules it fails, saying so: the rules found above were the installed ones.
rm -r "$tmp/moved/share/rollcheck"
expect_status 2 "rollcheck without its rules directory" \
    "$tmp/moved/bin/rollcheck" check samples/seed-000.json
grep -q 'cannot find the default rules' "$tmp/err" ||
    bad "rollcheck without its rules: no 'cannot find the default rules' message: $(cat "$tmp/err")"

# ---- the man page -----------------------------------------------------------------------------
page=$stage/usr/share/man/man1/rollcheck.1
MANWIDTH=80 man -l "$page" >"$tmp/man.out" 2>"$tmp/man.err" || bad "man -l $page failed"
[ -s "$tmp/man.err" ] && bad "man -l $page wrote on stderr: $(cat "$tmp/man.err")"
grep -q 'rollcheck - check the share-based payment roll-forwards in SEC filings' "$tmp/man.out" ||
    bad "man -l $page: no NAME line in: $(head -n 5 "$tmp/man.out")"
grep -q 'RC102 (error; options)' "$tmp/man.out" || bad "man -l $page: no RC102 in RULES"
out=$(groff -man -ww -z "$page" 2>&1)
[ -z "$out" ] || bad "groff -ww warns about the installed man page: $out"
# As a user would look it up once the man directory is on MANPATH.
MANPATH=$stage/usr/share/man MANWIDTH=80 man rollcheck >"$tmp/man2.out" 2>"$tmp/man.err" ||
    bad "man rollcheck (MANPATH=$stage/usr/share/man) failed: $(cat "$tmp/man.err")"
cmp -s "$tmp/man.out" "$tmp/man2.out" || bad "man rollcheck and man -l show different pages"

# ---- pkg-config and the library ------------------------------------------------------------------
PKG_CONFIG_PATH=$stage/usr/lib/pkgconfig
export PKG_CONFIG_PATH
version=$("$rollcheck" --version | sed -n 's/^rollcheck //p')
[ "$(pkg-config --modversion rollcheck 2>&1)" = "$version" ] ||
    bad "pkg-config --modversion rollcheck is '$(pkg-config --modversion rollcheck 2>&1)', not '$version'"
[ "$(pkg-config --variable=prefix rollcheck)" = /usr ] ||
    bad "the installed rollcheck.pc's prefix is not /usr"
[ "$(pkg-config --print-requires rollcheck | tr '\n' ' ')" = "libcjson gmp libxml-2.0 libzip " ] ||
    bad "rollcheck.pc requires '$(pkg-config --print-requires rollcheck | tr '\n' ' ')'"
# The staged file, its prefix pointed into the staging directory.  The library is static:
# The libraries librollcheck needs are Requires of rollcheck.pc: no --static needed.
flags=$(pkg-config --define-variable=prefix="$stage/usr" --cflags --libs rollcheck) ||
    bad "pkg-config --cflags --libs rollcheck failed"
case " $flags " in *" -I$stage/usr/include "*) ;; *) bad "no -I$stage/usr/include in: $flags" ;; esac
case " $flags " in *" -L$stage/usr/lib "*) ;; *) bad "no -L$stage/usr/lib in: $flags" ;; esac
mkdir "$tmp/user" && cp test/install/use_library.c "$tmp/user/"
# $flags is split into words on purpose: it is a list of options.
# shellcheck disable=SC2086
if (cd "$tmp/user" && $CC -std=c11 -Wall -Wextra -Werror $TEST_CFLAGS use_library.c \
    -o use_library $flags $TEST_LDFLAGS) >"$tmp/cc.log" 2>&1; then
    expect_status 0 "the program built against the staged library" \
        "$tmp/user/use_library" "$stage/usr/share/rollcheck/rules" samples/seed-000.json
    printf 'RC102 samples/seed-000.json:205:28 error\nfindings: 1\n' >"$tmp/want"
    cmp -s "$tmp/want" "$tmp/out" || bad "use_library printed:
$(cat "$tmp/out")"
else
    bad "use_library.c does not build with the staged rollcheck.pc ($flags):
$(cat "$tmp/cc.log")"
fi

# ---- uninstall --------------------------------------------------------------------------------
if $MAKE -s --no-print-directory uninstall PREFIX=/usr DESTDIR="$stage" BUILD="$BUILD" \
    >"$tmp/install.log" 2>&1; then
    left=$(cd "$stage" && find . ! -type d)
    [ -z "$left" ] || bad "make uninstall left: $left"
else
    bad "make uninstall failed: $(cat "$tmp/install.log")"
fi

[ "$fail" -eq 0 ] && echo "check-install: make install PREFIX=/usr DESTDIR=...:" \
    "$(echo "$expected" | wc -l) files; the installed program, man page, pkg-config file and" \
    "library work; uninstall clean"
exit $fail
