#!/bin/sh
# The man page against the program: sh test/install/check-man.sh PROGRAM MANPAGE
#
# - groff -ww and `man -l` render it without a warning;
# - it has every section the man page promises;
# - every option and command that `PROGRAM --help` names is an item of OPTIONS and COMMANDS,
#   every --format value an item of OUTPUT FORMATS, every input form of
#   include/rollcheck/read.h an item of INPUT FORMATS, every rule `PROGRAM rules` lists (over
#   rules/) an item of RULES, and exit statuses 0, 1 and 2 items of EXIT STATUS;
# - and, so that the check itself is known to bite, a copy of the page with one option and one
#   rule taken out is found wanting.
# Run from the repository root (make check-install does).
set -u
[ $# -eq 2 ] || { echo "usage: $0 PROGRAM MANPAGE" >&2; exit 2; }
program=$1 page=$2
fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

bad() {
    echo "check-man: $*" >&2
    fail=1
}

[ -s "$page" ] || { echo "check-man: $page is missing or empty" >&2; exit 1; }

# ---- warnings --------------------------------------------------------------------------
out=$(groff -man -ww -z "$page" 2>&1)
[ -z "$out" ] || bad "groff -ww warns about $page:
$out"
MANWIDTH=80 man -l "$page" >"$tmp/man.txt" 2>"$tmp/man.err"
[ -s "$tmp/man.err" ] && bad "man -l $page wrote on stderr:
$(cat "$tmp/man.err")"
[ "$(wc -l <"$tmp/man.txt")" -gt 100 ] || bad "man -l $page rendered less than 100 lines"

# ---- what --help names -------------------------------------------------------------------
"$program" --help >"$tmp/help.txt" || bad "$program --help failed"
# Every "-x" or "--name" token of the help text, at the start of a word.
options=$(grep -oE '(^|[][ (|,])--?[a-zA-Z][a-zA-Z0-9-]*' "$tmp/help.txt" |
    sed -E 's/^[][ (|,]//' | sort -u)
commands=$(awk '/^Commands:/ { on = 1; next } on && /^$/ { exit }
    on && /^  [a-z]/ { print $1 }' "$tmp/help.txt")
# The values of --format, as the program lists them when given one it does not know:
# "unknown format 'x' (use text, json, sarif, junit or html)".
formats=$("$program" check --format=no-such-format samples/clean.json 2>&1 |
    sed -n 's/.*unknown format.*(use \([^)]*\)).*/\1/p' | sed 's/,* or /, /' | tr -s ', ' '\n')
rules=$(ROLLCHECK_RULES=rules "$program" rules | awk '{ print $1 }')
[ -n "$options" ] || bad "no option found in $program --help"
[ -n "$commands" ] || bad "no command found in $program --help"
[ -n "$formats" ] || bad "$program check --format=no-such-format does not list the formats: update this test"
[ -n "$rules" ] || bad "$program rules listed nothing"

# The forms of read.h and the item of INPUT FORMATS that describes each.  A form added to
# read.h without a line here fails the test, until the man page and this list say it.
forms='RC_FORMAT_MODEL_JSON	model JSON
RC_FORMAT_R_HTML	EDGAR R pages
RC_FORMAT_FILING_SUMMARY	FilingSummary.xml
RC_FORMAT_SUBMISSION	full submission text files
RC_FORMAT_TEXT_CAPTURE	text captures
RC_FORMAT_XBRL_INSTANCE	XBRL instances
RC_FORMAT_INLINE_XBRL	inline XBRL
RC_FORMAT_XBRL_JSON	xBRL-JSON
RC_FORMAT_COMPANYFACTS	companyfacts JSON
RC_FORMAT_CSV	CSV schedules
RC_FORMAT_XLSX	xlsx workbooks'
in_header=$(grep -oE '^ *RC_FORMAT_[A-Z_]+' include/rollcheck/read.h | tr -d ' ' |
    grep -vE '^RC_FORMAT_(UNKNOWN|_COUNT)$' | sort)
in_list=$(printf '%s\n' "$forms" | cut -f1 | sort)
[ "$in_header" = "$in_list" ] || bad "the input forms of read.h and of this test differ:
$(printf '%s\n' "$in_header" >"$tmp/h"; printf '%s\n' "$in_list" >"$tmp/l"; diff "$tmp/h" "$tmp/l")"

# ---- the check, as a function of the page, so that it can be tried on a broken copy ------
# Render as plain ASCII, one line per paragraph: an item's tag is then a line indented by 7
# columns, its text is indented further.
render() {
    groff -man -Tascii -P-cbou -rLL=250n "$1" 2>/dev/null
}

# section NAME: the rendered lines of section NAME of the page on stdin.
section() {
    awk -v name="$1" '/^[A-Z][A-Z ]*$/ { on = ($0 == name); next } on { print }'
}

# has_item TEXT SECTION-FILE: whether an item of the section has a tag that starts with TEXT,
# or lists it after a comma ("-h, --help"), followed by a space, a comma, "=" or the end.
has_item() {
    awk -v want="$1" '
    function ok(rest) { return rest == "" || rest ~ /^[ ,=(]/ }
    /^       [^ ]/ {
        tag = substr($0, 8)
        sub(/  .*/, "", tag)
        n = split(tag, parts, /, /)
        for (i = 1; i <= n; i++)
            if (substr(parts[i], 1, length(want)) == want && ok(substr(parts[i], length(want) + 1)))
                found = 1
    }
    END { exit !found }' "$2"
}

# missing PAGE: one line for each thing the page lacks.
missing() {
    render "$1" >"$tmp/page.txt"
    for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "INPUT FORMATS" "OUTPUT FORMATS" \
        "EXIT STATUS" RULES FILES ENVIRONMENT EXAMPLES "SEE ALSO"; do
        grep -qx "$s" "$tmp/page.txt" || echo "section $s"
    done
    section OPTIONS <"$tmp/page.txt" >"$tmp/options"
    for o in $options; do has_item "$o" "$tmp/options" || echo "option $o"; done
    section COMMANDS <"$tmp/page.txt" >"$tmp/commands"
    for c in $commands; do has_item "$c" "$tmp/commands" || echo "command $c"; done
    section "OUTPUT FORMATS" <"$tmp/page.txt" >"$tmp/outputs"
    for f in $formats; do has_item "$f" "$tmp/outputs" || echo "output format $f"; done
    section "INPUT FORMATS" <"$tmp/page.txt" >"$tmp/inputs"
    printf '%s\n' "$forms" | while IFS='	' read -r enum item; do
        has_item "$item" "$tmp/inputs" || echo "input form $enum ($item)"
    done
    section RULES <"$tmp/page.txt" >"$tmp/rules"
    for r in $rules; do has_item "$r" "$tmp/rules" || echo "rule $r"; done
    section "EXIT STATUS" <"$tmp/page.txt" >"$tmp/status"
    for st in 0 1 2; do has_item "$st" "$tmp/status" || echo "exit status $st"; done
    section ENVIRONMENT <"$tmp/page.txt" >"$tmp/env"
    has_item ROLLCHECK_RULES "$tmp/env" || echo "environment ROLLCHECK_RULES"
    section FILES <"$tmp/page.txt" >"$tmp/files"
    has_item prefix/share/rollcheck/rules/ "$tmp/files" || echo "file prefix/share/rollcheck/rules/"
}

lacks=$(missing "$page")
[ -z "$lacks" ] || bad "$page lacks:
$lacks"

# The same check on a copy without --disable's item and without RC101: both must be found.
sed -e 's/^\.BI \\-\\-disable " id"$/.BI \\-\\-disabled " id"/' \
    -e 's/^\.BR RC101 /.BR RC1010 /' "$page" >"$tmp/broken.1"
cmp -s "$page" "$tmp/broken.1" && bad "could not break a copy of $page for the self-test"
lacks=$(missing "$tmp/broken.1")
printf '%s\n' "$lacks" | grep -qx 'option --disable' ||
    bad "the check does not notice a missing option (found: $lacks)"
printf '%s\n' "$lacks" | grep -qx 'rule RC101' ||
    bad "the check does not notice a missing rule (found: $lacks)"

if [ "$fail" -eq 0 ]; then
    echo "check-man: $page: $(echo "$options" | wc -w) options, $(echo "$commands" | wc -w) commands," \
        "$(echo "$formats" | wc -w) output formats, $(printf '%s\n' "$forms" | wc -l) input forms," \
        "$(echo "$rules" | wc -w) rules: all there, no warnings"
fi
exit $fail
