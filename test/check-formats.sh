#!/bin/sh
# Every machine-readable format on real data: sh test/check-formats.sh BIN
#
# For each input below (the seed and excerpt captures, the samples, Apple's R-page
# folder, the XBRL instances, a run with an unreadable input among good ones, and the
# broken sample with a baseline that accepts its findings),
# rollcheck check writes JSON, SARIF and JUnit XML; then
#   - the SARIF must validate against the official schema (test/schemas), with a real
#     JSON-schema validator (python3-jsonschema: the schema's own draft, and Draft 7),
#     and say what the JSON says: the same findings, rules, levels, places and numbers;
#   - the JUnit XML must be well-formed (xmllint --noout), its counts must add up
#     (testsuites = the sum of its testsuites = the testcases they hold) and equal the
#     JSON summary's, as docs/junit.md says:
#       tests    = checks + skipped + unreadable inputs + inputs not read
#       failures = failed - accepted,  errors = unreadable inputs,
#       skipped  = skipped + accepted + inputs not read;
#   - the exit status must not depend on the format, and -o FILE must write the same
#     bytes as standard output.
# Prints each failing input with what failed, and exits 1 when any failed.
set -u

if [ $# -ne 1 ]; then
    echo "usage: sh test/check-formats.sh BIN" >&2
    exit 2
fi
case $1 in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$root" || exit 2
[ -x "$bin" ] || { echo "check-formats: $bin is not an executable" >&2; exit 2; }
command -v xmllint >/dev/null 2>&1 ||
    { echo "check-formats: xmllint not found (Debian: libxml2-utils)" >&2; exit 2; }
py=""
for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import jsonschema' >/dev/null 2>&1; then
        py=$candidate
        break
    fi
done
[ -n "$py" ] ||
    { echo "check-formats: no python3 with jsonschema (Debian: python3-jsonschema)" >&2; exit 2; }

ROLLCHECK_RULES=rules
export ROLLCHECK_RULES
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rollcheck-formats.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

cat >"$tmp/compare.py" <<'EOF'
import json
import sys
import urllib.parse
import xml.etree.ElementTree as ET

import jsonschema

schema_path, json_path, sarif_path, junit_path = sys.argv[1:5]
problems = []


def problem(text):
    problems.append(text)


schema = json.load(open(schema_path, encoding="utf-8"))
report = json.load(open(json_path, encoding="utf-8"))
sarif = json.load(open(sarif_path, encoding="utf-8"))

# -- SARIF: valid, under the schema's own draft and under Draft 7
validators = [jsonschema.validators.validator_for(schema), jsonschema.Draft7Validator]
for cls in validators:
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    for error in sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))[:5]:
        where = "/".join(str(p) for p in error.path)
        problem("sarif: %s: %s: %s" % (cls.__name__, where, error.message))

# -- SARIF says what the JSON says
run = sarif["runs"][0]
rules = run["tool"]["driver"]["rules"]
artifacts = run.get("artifacts", [])
results = run.get("results", [])
findings = report["findings"]
levels = {"error": "error", "warning": "warning", "info": "note"}
if len(results) != len(findings):
    problem("sarif: %d results, the JSON has %d findings" % (len(results), len(findings)))
for i, (r, f) in enumerate(zip(results, findings)):
    tag = "sarif: result %d (%s)" % (i, f["rule"])
    if r["ruleId"] != f["rule"] or rules[r["ruleIndex"]]["id"] != f["rule"]:
        problem("%s: ruleId/ruleIndex do not name %s" % (tag, f["rule"]))
    if r["level"] != levels[f["severity"]]:
        problem("%s: level %s for severity %s" % (tag, r["level"], f["severity"]))
    if r["message"]["text"] != f["message"]:
        problem("%s: message differs" % tag)
    loc = r["locations"][0]["physicalLocation"]
    uri = loc["artifactLocation"]["uri"]
    path = urllib.parse.unquote(uri[len("file://"):] if uri.startswith("file://") else uri)
    if path != f["file"]:
        problem("%s: uri %s for file %s" % (tag, uri, f["file"]))
    index = loc["artifactLocation"].get("index")
    if index is None or artifacts[index]["location"]["uri"] != uri:
        problem("%s: artifact index %s does not name %s" % (tag, index, uri))
    region = loc.get("region", {})
    if region.get("startLine", 0) != f["line"] or (
        f["line"] and region.get("startColumn", 0) != f["column"]
    ):
        problem("%s: region %s for %s:%s" % (tag, region, f["line"], f["column"]))
    props = r["properties"]
    for key in ("reported", "expected", "relation", "difference", "quantity", "members",
                "period", "note", "tagging_defect", "accuracy_widened"):
        if props.get(key) != f.get(key):
            problem("%s: properties.%s %r, the JSON has %r" % (tag, key, props.get(key), f.get(key)))
    suppressions = r.get("suppressions", [])
    if bool(suppressions) != bool(f.get("accepted")) or (
        suppressions and suppressions[0].get("justification") != f.get("accepted_reason")
    ):
        problem("%s: suppressions %r, the JSON has accepted %r" % (tag, suppressions,
                                                                   f.get("accepted")))
    fingerprint = r.get("partialFingerprints", {}).get("rollcheckFindingKey/v1", "")
    if len(fingerprint) != 16:
        problem("%s: no fingerprint" % tag)
files = report["files"]
unreadable = sum(1 for x in files if x["error"])
not_read = sum(1 for x in files if not x["error"] and x["skipped"])
invocation = run["invocations"][0]
if invocation["executionSuccessful"] != (unreadable == 0):
    problem("sarif: executionSuccessful %s with %d unreadable inputs"
            % (invocation["executionSuccessful"], unreadable))
errors = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
if len(errors) != unreadable:
    problem("sarif: %d error notifications for %d unreadable inputs" % (len(errors), unreadable))
accepted = sum(1 for r in results if r.get("suppressions"))

# -- JUnit: the counts add up, and equal the summary's
root = ET.parse(junit_path).getroot()
attrs = ("tests", "failures", "errors", "skipped")


def count(node):
    return {a: int(node.get(a)) for a in attrs}


totals = {a: 0 for a in attrs}
for suite in root.findall("testsuite"):
    got = count(suite)
    cases = suite.findall("testcase")
    held = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
    }
    if got != held:
        problem("junit: testsuite %s says %s, holds %s" % (suite.get("name"), got, held))
    for a in attrs:
        totals[a] += got[a]
if count(root) != totals:
    problem("junit: testsuites says %s, its testsuites add up to %s" % (count(root), totals))
s = report["summary"]
want = {
    "tests": s["checks"] + s["skipped"] + unreadable + not_read,
    "failures": s["failed"] - accepted,
    "errors": unreadable,
    "skipped": s["skipped"] + accepted + not_read,
}
if count(root) != want:
    problem("junit: testsuites %s, the summary gives %s" % (count(root), want))
if s["failed"] != len(findings):
    problem("json: %d failed checks but %d findings" % (s["failed"], len(findings)))

for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
EOF

# A baseline accepting the broken sample's findings, its reasons filled in as a person would.
"$bin" check --write-baseline "$tmp/written.json" samples/broken.json >/dev/null 2>&1
sed 's/"reason": ""/"reason": "accepted for the test"/' "$tmp/written.json" >"$tmp/baseline.json"

# One case per line: the operands (and options) of rollcheck check.
{
    for f in test/data/captures/*.txt samples/*.json test/data/assemble/*.xml; do
        echo "$f"
    done
    echo "test/data/aapl-20250329"
    echo "test/golden/inputs/empty.json samples/clean.json test/golden/inputs/binary.png"
    echo "--baseline $tmp/baseline.json samples/broken.json"
} >"$tmp/cases"

total=0
failed=0
while IFS= read -r operands; do
    total=$((total + 1))
    # shellcheck disable=SC2086 # the operands are words
    set -- $operands
    "$bin" check --format json "$@" >"$tmp/json" 2>/dev/null
    sj=$?
    "$bin" check --format sarif "$@" >"$tmp/sarif" 2>/dev/null
    ss=$?
    "$bin" check --format junit "$@" >"$tmp/junit" 2>/dev/null
    sx=$?
    "$bin" check --format sarif -o "$tmp/out.sarif" "$@" >"$tmp/stdout" 2>/dev/null
    so=$?
    out=$(
        if [ "$sj" -gt 2 ] || [ "$sj" != "$ss" ] || [ "$sj" != "$sx" ] || [ "$sj" != "$so" ]; then
            echo "  exit status: json $sj, sarif $ss, junit $sx, sarif -o $so"
        fi
        if ! cmp -s "$tmp/sarif" "$tmp/out.sarif" || [ -s "$tmp/stdout" ]; then
            echo "  -o FILE: not the bytes of standard output, or something on standard output"
        fi
        xmllint --noout "$tmp/junit" 2>&1 | sed -n '1,5s/^/  junit: /p'
        "$py" "$tmp/compare.py" test/schemas/sarif-schema-2.1.0.json "$tmp/json" "$tmp/sarif" \
            "$tmp/junit" 2>&1 | sed -n '1,20p'
    )
    if [ -n "$out" ]; then
        failed=$((failed + 1))
        echo "FAIL $operands"
        echo "$out"
    fi
done <"$tmp/cases"

# extract -o FILE: the bytes extract writes to standard output
total=$((total + 1))
"$bin" extract samples/seed-000.json >"$tmp/model.json" 2>/dev/null
"$bin" extract -o "$tmp/model-o.json" samples/seed-000.json >"$tmp/stdout" 2>/dev/null
if ! cmp -s "$tmp/model.json" "$tmp/model-o.json" || [ -s "$tmp/stdout" ]; then
    failed=$((failed + 1))
    echo "FAIL extract -o: not the bytes of standard output, or something on standard output"
fi

# The progress line: drawn on a terminal (script(1) makes one) while several files are
# read, and wiped at the end; never when standard error is not a terminal, nor for one file.
total=$((total + 1))
progress=$(
    if ! command -v script >/dev/null 2>&1; then
        echo "  script(1) not found (Debian: bsdutils)"
        exit
    fi
    script -qec "'$bin' check samples/clean.json samples/seed-000.json >/dev/null" /dev/null \
        </dev/null >"$tmp/tty" 2>&1
    tr '\r' '\n' <"$tmp/tty" >"$tmp/tty-lines"
    for line in "rollcheck: reading 1/2 clean.json" "rollcheck: reading 2/2 seed-000.json"; do
        grep -qx "$line" "$tmp/tty-lines" || echo "  no line '$line' on the terminal"
    done
    [ "$(tr -d ' \r' <"$tmp/tty")" = "rollcheck:reading1/2clean.jsonrollcheck:reading2/2seed-000.json" ] ||
        echo "  more than the progress line on the terminal"
    [ "$(tail -c 2 "$tmp/tty" | od -An -c | tr -d ' ')" = '\r' ] ||
        echo "  the progress line is not wiped at the end"
    "$bin" check samples/clean.json samples/seed-000.json 2>"$tmp/err" >/dev/null
    [ -s "$tmp/err" ] && echo "  a progress line on standard error that is not a terminal"
    script -qec "'$bin' check samples/seed-000.json >/dev/null" /dev/null </dev/null >"$tmp/tty" 2>&1
    [ -s "$tmp/tty" ] && echo "  a progress line for one file"
)
if [ -n "$progress" ]; then
    failed=$((failed + 1))
    echo "FAIL progress line"
    echo "$progress"
fi

if [ "$failed" -gt 0 ]; then
    echo "check-formats: $failed of $total cases failed"
    exit 1
fi
echo "check-formats: all $total cases passed (SARIF valid, JUnit consistent, -o, progress line)"
exit 0
