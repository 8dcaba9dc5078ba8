#!/bin/sh
# docs/ci.md tried as a new user would (make check-ci): its GitHub Actions workflow's run:
# steps, verbatim, on a sample repository of filings, and its pre-commit hook's entry, the way
# pre-commit runs it.  The work is in run_workflow.py (its docstring says what runs and what
# is replaced: the apt-get step by a check that the packages are installed, the checkout of
# rollcheck by a copy of this tree, the SARIF upload skipped); this checks what it needs.
set -u
cd "$(dirname "$0")/../.." || exit 2
for tool in python3 git bash dpkg-query; do
    command -v "$tool" >/dev/null 2>&1 || { echo "run-workflow: $tool is missing" >&2; exit 1; }
done
python3 -c 'import yaml' 2>/dev/null || {
    echo "run-workflow: python3's yaml module is missing (Debian: apt-get install python3-yaml)" >&2
    exit 1
}
exec python3 test/ci/run_workflow.py
