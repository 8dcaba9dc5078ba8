#!/bin/sh
# Write the man page: man/gen-man.sh SOURCE PROGRAM RULES-DIR > rollcheck.1
#
# @VERSION@ becomes `PROGRAM --version`'s version and the line @RULES@ the rules in force as
# `PROGRAM rules` lists them over RULES-DIR (the rules `make install` installs), one .TP item
# each, so that the man page's RULES section cannot disagree with the program.
set -eu
[ $# -eq 3 ] || { echo "usage: $0 SOURCE PROGRAM RULES-DIR" >&2; exit 2; }
src=$1 program=$2 rulesdir=$3

version=$("$program" --version | sed -n 's/^rollcheck //p')
[ -n "$version" ] || { echo "$0: no version from $program --version" >&2; exit 1; }
rules=$(ROLLCHECK_RULES=$rulesdir "$program" rules)
[ -n "$rules" ] || { echo "$0: $program rules listed nothing" >&2; exit 1; }

# Each line of `rollcheck rules` is "ID  SEVERITY  AWARDS  TITLE", the columns padded with
# spaces; titles are free text, so roff's escape character and control characters at the
# start of a line are neutralised.
items=$(printf '%s\n' "$rules" | awk '
{
    id = $1; severity = $2; awards = $3
    title = $0
    sub(/^[^ ]+ +[^ ]+ +[^ ]+ +/, "", title)
    gsub(/\\/, "\\e", title)
    gsub(/-/, "\\-", id)
    gsub(/,/, ", ", awards)
    if (title ~ /^[.'\'']/) title = "\\&" title
    printf ".TP\n.BR %s \" (%s; %s)\"\n%s\n", id, severity, awards, title
}')

awk -v version="$version" -v items="$items" '
$0 == "@RULES@" { print items; next }
{ gsub(/@VERSION@/, version); print }
' "$src"
