#!/usr/bin/env python3
"""docs/ci.md, tried as a new user would: test/ci/run-workflow.sh runs this.

The GitHub Actions workflow and the pre-commit configuration are taken out of docs/ci.md (the
blocks marked <!-- file: NAME -->; the doc's copy of .pre-commit-hooks.yaml must equal the
file) and put in a sample repository of filings: a git repository holding two model-JSON
transcriptions from samples/, Apple's R pages (test/data/aapl-20250329) and a Netflix XBRL
instance (test/data/assemble).  The workflow's job then runs as a runner would run it, in a
fresh clone of that repository for each run:

- every `run:` step verbatim, with the shell GitHub uses (`shell: bash` is
  `bash --noprofile --norc -eo pipefail FILE`), the workflow's env, RUNNER_TEMP, GITHUB_PATH,
  GITHUB_ENV, GITHUB_WORKSPACE, and the steps' `if:` conditions;
- except three steps that cannot run outside GitHub: the apt-get step becomes a check that the
  packages it installs are installed (dpkg), the checkout of rollcheck copies this working tree
  (tracked and untracked files, not build/), and the upload step is skipped; the test checks
  that its condition would let it run and that the file it uploads is there.

Runs: (1) seed 000's finding fails the job and is the one SARIF result; (2) with a baseline
written and its reason filled in as docs/ci.md says, the job passes and the result is
suppressed; (3) a number changed in another filing fails the job again, its findings the only
results not suppressed.  Then the pre-commit hook's entry runs as pre-commit would run it: the
hook of .pre-commit-hooks.yaml with the configuration's overrides, on the files `files` and
`exclude` select, for all files and for the staged ones.

Runs 2 and 3 start from run 1's copy of rollcheck with its build, as a cache would give it: the
build from source is tried once.  Exit status 0 when everything holds, 1 when something does not.
"""
import glob
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOC = os.path.join(ROOT, "docs", "ci.md")
HOOKS = os.path.join(ROOT, ".pre-commit-hooks.yaml")
WORKFLOW_FILE = ".github/workflows/rollcheck.yml"
BASELINE = "rollcheck-baseline.json"

# The sample repository: its path -> the file or folder of this repository it is a copy of.
FILINGS = {
    "filings/rong360-seed-000.json": "samples/seed-000.json",
    "filings/example-corp.json": "samples/clean.json",
    "filings/aapl-20250329": "test/data/aapl-20250329",
    "filings/nflx-20240126.xml": "test/data/assemble/nflx-20240126-sbc.xml",
}


class Harness(Exception):
    """The workflow does something this runner does not model: fix the test or the doc."""


failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what)
    if not ok:
        failures.append(what)
    return ok


def run(cmd, cwd, env=None, **kw):
    return subprocess.run(cmd, cwd=cwd, env=env, text=True, **kw)


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=rollcheck test", "-c", "user.email=test@invalid",
                    "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                   cwd=repo, check=True, stdout=subprocess.DEVNULL)


# ---- docs/ci.md ----------------------------------------------------------------------------

def doc_blocks():
    """The code blocks of docs/ci.md marked <!-- file: NAME -->, by NAME."""
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    blocks = {}
    for m in re.finditer(r"<!-- file: (\S+) -->\n```[a-z]*\n(.*?)^```", text, re.S | re.M):
        blocks[m.group(1)] = m.group(2)
    for name in (WORKFLOW_FILE, ".pre-commit-hooks.yaml", ".pre-commit-config.yaml"):
        if name not in blocks:
            raise Harness(f"docs/ci.md has no block marked <!-- file: {name} -->")
    return blocks


# ---- GitHub expressions: the part of the language the workflow may use -----------------------

TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>\d+(?:\.\d+)?)"
                   r"|(?P<op>==|!=|&&|\|\||!|\(|\)|,)"
                   r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*))")
STATUS_FUNCTIONS = ("success", "failure", "always", "cancelled")


def to_python(expr):
    """Translate a GitHub expression into a Python one over the names of Expr below."""
    out, pos = [], 0
    while expr[pos:].strip():
        m = TOKEN.match(expr, pos)
        if not m:
            raise Harness(f"cannot read the expression {expr!r} at {expr[pos:]!r}")
        pos = m.end()
        if m["str"] is not None:
            out.append(repr(m["str"][1:-1].replace("''", "'")))
        elif m["num"] is not None:
            out.append(m["num"])
        elif m["op"] is not None:
            out.append({"&&": " and ", "||": " or ", "!": " not "}.get(m["op"], m["op"]))
        else:
            name = m["name"]
            if name in STATUS_FUNCTIONS or name == "hashFiles":
                out.append("f_" + name)
            elif name in ("true", "false"):
                out.append(name.capitalize())
            elif name.startswith("env.") and name.count(".") == 1:
                out.append(f"env({name[4:]!r})")
            elif name.startswith("steps.") and name.count(".") == 2:
                _, step, field = name.split(".")
                out.append(f"steps({step!r}, {field!r})")
            else:
                raise Harness(f"the expression {expr!r} uses {name!r}, which this runner lacks")
    return "".join(out)


def strip_braces(expr):
    expr = expr.strip()
    if expr.startswith("${{") and expr.endswith("}}"):
        expr = expr[3:-2]
    return expr


# ---- the runner ----------------------------------------------------------------------------

class Job:
    """One run of the workflow's only job, in a fresh clone of the filings repository."""

    def __init__(self, workflow, origin, home, rollcheck_from=None):
        self.workflow = workflow
        self.origin = origin
        self.home = home
        os.makedirs(home)
        self.workspace = os.path.join(home, "workspace")
        os.makedirs(self.workspace)
        self.temp = os.path.join(home, "runner-temp")
        os.makedirs(self.temp)
        self.files = {n: os.path.join(home, n) for n in ("github_path", "github_env",
                                                         "github_output", "step_summary")}
        for path in self.files.values():
            open(path, "w").close()
        self.rollcheck_from = rollcheck_from
        self.steps = {}  # id -> {"outcome": ...}
        self.results = []  # one dict per step
        self.failed = False
        self.added_path = []
        self.added_env = {}
        self.env = self.base_env()

    @staticmethod
    def base_env():
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("GITHUB_", "RUNNER_", "ROLLCHECK_", "MAKE", "MFLAGS"))}
        # No rollcheck but the one the workflow installs.
        env["PATH"] = os.pathsep.join(
            d for d in env.get("PATH", "/usr/bin:/bin").split(os.pathsep)
            if d and not os.access(os.path.join(d, "rollcheck"), os.X_OK))
        env.update({"CI": "true", "GITHUB_ACTIONS": "true", "RUNNER_OS": "Linux"})
        return env

    def evaluate(self, expr, status_check=False):
        code = to_python(strip_braces(str(expr)))
        if status_check and not any(f in strip_braces(str(expr)) for f in STATUS_FUNCTIONS):
            code = f"f_success() and ({code})"  # GitHub's implicit success()

        def hash_files(*patterns):
            paths = sorted(p for pat in patterns
                           for p in glob.glob(os.path.join(self.workspace, pat), recursive=True)
                           if os.path.isfile(p))
            if not paths:
                return ""
            h = hashlib.sha256()
            for p in paths:
                with open(p, "rb") as f:
                    h.update(hashlib.sha256(f.read()).digest())
            return h.hexdigest()

        names = {
            "f_success": lambda: not self.failed,
            "f_failure": lambda: self.failed,
            "f_always": lambda: True,
            "f_cancelled": lambda: False,
            "f_hashFiles": hash_files,
            "env": lambda k: self.env.get(k, ""),
            "steps": lambda s, f: self.steps.get(s, {}).get(f, ""),
            "True": True, "False": False,
        }
        return eval(code, {"__builtins__": {}}, names)  # noqa: S307 (our own translation)

    def interpolate(self, text):
        def value(m):
            v = self.evaluate(m.group(1))
            return ("true" if v else "false") if isinstance(v, bool) else str(v)
        return re.sub(r"\$\{\{(.*?)\}\}", value, str(text))

    def step_env(self, step):
        env = dict(self.env)
        env.update(self.added_env)
        for key, val in (step.get("env") or {}).items():
            env[key] = self.interpolate(val)
        env["PATH"] = os.pathsep.join(list(reversed(self.added_path)) + [self.env["PATH"]])
        return env

    def after_step(self):
        with open(self.files["github_path"]) as f:
            self.added_path = [line.strip() for line in f if line.strip()]
        with open(self.files["github_env"]) as f:
            text = f.read()
        name = r"[A-Za-z_][A-Za-z0-9_]*"
        for m in re.finditer(rf"^({name})<<(\S+)\n(.*?)\n\2$|^({name})=([^\n]*)$", text, re.S | re.M):
            if m.group(1):
                self.added_env[m.group(1)] = m.group(3)
            else:
                self.added_env[m.group(4)] = m.group(5)

    def run(self):
        wf = self.workflow
        jobs = wf.get("jobs") or {}
        if len(jobs) != 1:
            raise Harness("the workflow should have one job")
        (job_name, job), = jobs.items()
        if "ubuntu" not in str(job.get("runs-on", "")):
            raise Harness("the job does not run on Ubuntu")
        self.env.update({"GITHUB_WORKSPACE": self.workspace, "RUNNER_TEMP": self.temp,
                         "GITHUB_PATH": self.files["github_path"],
                         "GITHUB_ENV": self.files["github_env"],
                         "GITHUB_OUTPUT": self.files["github_output"],
                         "GITHUB_STEP_SUMMARY": self.files["step_summary"],
                         "HOME": self.home})
        for scope in (wf, job):
            for key, val in (scope.get("env") or {}).items():
                self.env[key] = self.interpolate(val)
        defaults = {}
        for scope in (wf, job):
            defaults.update(((scope.get("defaults") or {}).get("run")) or {})
        for i, step in enumerate(job.get("steps") or []):
            self.run_step(i, step, defaults)
        return not self.failed

    def run_step(self, i, step, defaults):
        name = step.get("name") or step.get("uses") or f"step {i + 1}"
        condition = step.get("if", "success()")
        result = {"name": name, "id": step.get("id"), "status": None, "log": ""}
        self.results.append(result)
        if not self.evaluate(condition, status_check=True):
            result["outcome"] = "skipped"
            print(f"  step  {name}: skipped (if: {condition})")
            self.record(step, "skipped")
            return
        if "uses" in step:
            outcome = self.run_action(step, result)
        elif "run" in step:
            outcome = self.run_script(step, defaults, result)
        else:
            raise Harness(f"step {name!r} has neither uses nor run")
        if outcome == "failure" and not step.get("continue-on-error"):
            self.failed = True
        result["outcome"] = outcome
        self.record(step, outcome)
        self.after_step()

    def record(self, step, outcome):
        if step.get("id"):
            self.steps[step["id"]] = {"outcome": outcome, "conclusion": outcome}

    def run_action(self, step, result):
        uses, with_ = step["uses"], {k: self.interpolate(v) for k, v in
                                     (step.get("with") or {}).items()}
        result["uses"], result["with"] = uses, with_
        if uses.startswith("actions/checkout@"):
            if "repository" not in with_:
                git(self.home, "clone", "-q", self.origin, self.workspace)
                print(f"  step  {result['name']}: git clone of the sample filings repository")
                return "success"
            if not with_.get("path"):
                raise Harness("the checkout of rollcheck has no path: it would replace the filings")
            dest = os.path.join(self.workspace, with_["path"])
            if self.rollcheck_from:
                shutil.copytree(self.rollcheck_from, dest, symlinks=True)
                how = "the previous run's copy, with its build (as a cache would give it)"
            else:
                copy_tree(ROOT, dest)
                how = "a copy of this working tree"
            print(f"  step  {result['name']}: {with_['repository']}@{with_.get('ref', '')}"
                  f" replaced by {how}")
            return "success"
        if uses.startswith("github/codeql-action/upload-sarif@"):
            sarif = with_.get("sarif_file", "")
            result["would_upload"] = sarif
            print(f"  step  {result['name']}: skipped (needs GitHub); would upload {sarif}")
            return "skipped"
        raise Harness(f"the workflow uses {uses}, which this runner does not model")

    def run_script(self, step, defaults, result):
        script = step["run"]
        shell = step.get("shell", defaults.get("shell"))
        wd = os.path.join(self.workspace,
                          step.get("working-directory", defaults.get("working-directory", ".")))
        if re.search(r"\bapt-get\b", script):
            return self.check_packages(script, result)
        argv = {None: ["bash", "-e"], "bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail"],
                "sh": ["sh", "-e"]}.get(shell)
        if argv is None:
            raise Harness(f"shell {shell!r} is not modelled")
        path = os.path.join(self.home, f"step-{len(self.results)}.sh")
        with open(path, "w") as f:
            f.write(script)
        proc = run(argv + [path], wd, self.step_env(step), stdout=subprocess.PIPE,
                   stderr=subprocess.STDOUT)
        result["status"], result["log"] = proc.returncode, proc.stdout
        print(f"  step  {result['name']}: exit status {proc.returncode}")
        return "success" if proc.returncode == 0 else "failure"

    def check_packages(self, script, result):
        text = script.replace("\\\n", " ")
        packages = []
        for m in re.finditer(r"apt-get\s+install\b([^\n;&|]*)", text):
            packages += [w for w in m.group(1).split() if not w.startswith("-")]
        if not packages:
            raise Harness(f"step {result['name']!r} runs apt-get but installs nothing")
        missing = []
        for p in packages:
            q = run(["dpkg-query", "-W", "-f=${Status}", p], ROOT, stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL)
            if q.stdout.strip() != "install ok installed":
                missing.append(p)
        result["packages"] = packages
        # `make` installs the Makefile's DEB_BUILD_PKGS itself when one is missing (make
        # deps): the step must list them all, or a real runner would run apt-get a second time.
        with open(os.path.join(ROOT, "Makefile")) as f:
            m = re.search(r"^DEB_BUILD_PKGS\s*[:?]?=(.*)$", f.read(), re.M)
        if not m:
            raise Harness("no DEB_BUILD_PKGS in the Makefile")
        unlisted = sorted(set(m.group(1).split()) - set(packages))
        check(not unlisted, "the apt-get step installs every package of the Makefile's "
              "DEB_BUILD_PKGS" + (f" (not {' '.join(unlisted)})" if unlisted else ""))
        print(f"  step  {result['name']}: apt-get replaced by a check that "
              f"{' '.join(packages)} are installed: " + (f"missing {' '.join(missing)}"
                                                          if missing else "they are"))
        result["status"] = 1 if missing else 0
        return "failure" if missing else "success"

    def step(self, name):
        for r in self.results:
            if r["name"] == name or r.get("id") == name:
                return r
        raise Harness(f"the workflow has no step {name!r}")


def copy_tree(src, dest):
    """The files of the working tree that git would hold: tracked and untracked, not ignored."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], src,
                 stdout=subprocess.PIPE, check=True).stdout
    for rel in sorted(set(p for p in listed.split("\0") if p)):
        path = os.path.join(src, rel)
        if not os.path.isfile(path):
            continue  # deleted in the working tree
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        shutil.copy2(path, os.path.join(dest, rel), follow_symlinks=False)


# ---- the pre-commit hook ---------------------------------------------------------------------

def run_hook(config, repo, files, env):
    """Run the rollcheck hook as pre-commit would on files (paths relative to repo): the hook
    of .pre-commit-hooks.yaml with the config's overrides, its `files` / `exclude` applied
    (re.search, as pre-commit does), the command `entry args... files...`."""
    with open(HOOKS) as f:
        hooks = {h["id"]: h for h in yaml.safe_load(f)}
    (repo_cfg,) = config["repos"]
    (hook_cfg,) = repo_cfg["hooks"]
    hook = dict(hooks[hook_cfg["id"]])
    hook.update({k: v for k, v in hook_cfg.items() if k != "id"})
    if hook.get("language") != "system" or hook.get("pass_filenames", True) is not True:
        raise Harness("the hook is expected to be a system hook that is passed file names")
    if hook.get("types") or hook.get("types_or") or hook.get("exclude_types"):
        raise Harness("the hook's types are not modelled")
    selected = [p for p in files if re.search(hook.get("files", ""), p)
                and not (hook.get("exclude") and re.search(hook["exclude"], p))]
    argv = shlex.split(hook["entry"]) + list(hook.get("args", [])) + selected
    proc = run(argv, repo, env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) \
        if selected else None
    return selected, argv, proc


# ---- the scenario ----------------------------------------------------------------------------

def sarif_results(path):
    with open(path) as f:
        sarif = json.load(f)
    check(sarif.get("version") == "2.1.0" and len(sarif.get("runs", [])) == 1,
          f"{os.path.basename(path)} is SARIF 2.1.0 with one run")
    out = []
    for r in sarif["runs"][0].get("results", []):
        loc = r.get("locations", [{}])[0].get("physicalLocation", {})
        out.append({"rule": r.get("ruleId"),
                    "uri": loc.get("artifactLocation", {}).get("uri"),
                    "line": loc.get("region", {}).get("startLine"),
                    "suppressed": bool(r.get("suppressions"))})
    return out


def check_job(job, expect_pass, expect_status, label):
    print(f"  -- {label}")
    check(job.failed != expect_pass,
          f"the job {'passes' if expect_pass else 'fails'}")
    step = job.step("check")
    check(step["status"] == expect_status,
          f"the check step exits {expect_status} (got {step['status']})")
    if step["status"] != expect_status:
        print(step["log"])
    upload = next((r for r in job.results if "would_upload" in r), None)
    check(upload is not None and upload.get("outcome") == "skipped",
          "the upload step's condition lets it run")
    sarif = os.path.join(job.workspace, upload["would_upload"]) if upload else ""
    ok = check(bool(sarif) and os.path.isfile(sarif),
               f"the SARIF file the upload step names ({upload and upload['would_upload']}) "
               "is there")
    return sarif_results(sarif) if ok else []


def main():
    blocks = doc_blocks()
    with open(HOOKS) as f:
        check(f.read() == blocks[".pre-commit-hooks.yaml"],
              "docs/ci.md shows .pre-commit-hooks.yaml as it is")
    workflow = yaml.safe_load(blocks[WORKFLOW_FILE])
    check(workflow.get("permissions", {}).get("security-events") == "write",
          "the workflow may upload SARIF (permissions: security-events: write)")
    config = yaml.safe_load(blocks[".pre-commit-config.yaml"])

    tmp = tempfile.mkdtemp(prefix="rollcheck-ci.")
    try:
        origin = os.path.join(tmp, "filings-repo")
        os.makedirs(origin)
        for dest, src in FILINGS.items():
            s, d = os.path.join(ROOT, src), os.path.join(origin, dest)
            os.makedirs(os.path.dirname(d), exist_ok=True)
            (shutil.copytree if os.path.isdir(s) else shutil.copy2)(s, d)
        for name in (WORKFLOW_FILE, ".pre-commit-config.yaml"):
            os.makedirs(os.path.dirname(os.path.join(origin, name)) or origin, exist_ok=True)
            with open(os.path.join(origin, name), "w") as f:
                f.write(blocks[name])
        with open(os.path.join(origin, "README.md"), "w") as f:
            f.write("A sample repository of filings, checked by rollcheck.\n")
        git(origin, "init", "-q")
        git(origin, "add", ".")
        git(origin, "commit", "-q", "-m", "Filings")
        with open(os.path.join(origin, WORKFLOW_FILE)) as f:
            workflow = yaml.safe_load(f)  # what the runner would read

        # 1. seed 000's finding fails the job
        print("run 1: the filings as they are (seed 000 holds one finding, RC102)")
        job1 = Job(workflow, origin, os.path.join(tmp, "run1"))
        job1.run()
        results = check_job(job1, False, 1, "seed 000's finding fails the job")
        check([(r["rule"], r["uri"], r["line"], r["suppressed"]) for r in results]
              == [("RC102", "filings/rong360-seed-000.json", 205, False)],
              f"the one SARIF result is RC102 at filings/rong360-seed-000.json:205 ({results})")
        shown = job1.step("Show the findings")
        check(shown.get("outcome") == "success" and
              "filings/rong360-seed-000.json:205:28: error:" in shown["log"]
              and "[RC102]" in shown["log"], "the log shows the finding as text")
        installed = os.path.join(job1.temp, "rollcheck", "bin")
        if not check(os.access(os.path.join(installed, "rollcheck"), os.X_OK),
                     "the workflow installed rollcheck into $RUNNER_TEMP/rollcheck"):
            return
        user_env = Job.base_env()
        user_env["PATH"] = installed + os.pathsep + user_env["PATH"]

        # 2. the baseline, written and filled in as docs/ci.md says
        print("run 2: with a baseline that accepts it")
        proc = run(["bash", "-c", f"rollcheck check --write-baseline {BASELINE} filings/*"],
                   origin, user_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        check(proc.returncode == 1, f"--write-baseline exits 1 as check does ({proc.returncode})")
        path = os.path.join(origin, BASELINE)
        if not check(os.path.isfile(path), f"--write-baseline wrote {BASELINE}"):
            print(proc.stdout)
            return
        with open(path) as f:
            baseline = json.load(f)
        entries = baseline.get("findings", [])
        check(len(entries) == 1 and entries[0].get("rule") == "RC102"
              and entries[0].get("reason") == "", "the baseline lists RC102 with an empty reason")
        for e in entries:
            e["reason"] = "as published in the 20-F; the company was asked"
        with open(path, "w") as f:
            json.dump(baseline, f, indent=2)
            f.write("\n")
        git(origin, "add", BASELINE)
        git(origin, "commit", "-q", "-m", "Accept rollcheck's current findings")
        job2 = Job(workflow, origin, os.path.join(tmp, "run2"),
                   rollcheck_from=os.path.join(job1.workspace, ".rollcheck"))
        job2.run()
        results = check_job(job2, True, 0, "the accepted finding passes")
        check([(r["rule"], r["suppressed"]) for r in results] == [("RC102", True)],
              f"the RC102 result is suppressed ({results})")
        check(job2.step("Show the findings").get("outcome") == "skipped",
              "no text report in the log of a passing job")

        # 3. a new finding in another filing
        print("run 3: a number changed in filings/example-corp.json")
        changed = os.path.join(origin, "filings/example-corp.json")
        with open(changed) as f:
            text = f.read()
        if not check(text.count('"(42,000)"') == 1, "example-corp.json has its forfeiture"):
            return
        with open(changed, "w") as f:
            f.write(text.replace('"(42,000)"', '"(42,500)"'))
        git(origin, "add", "filings/example-corp.json")
        job3 = Job(workflow, origin, os.path.join(tmp, "run3"),
                   rollcheck_from=os.path.join(job1.workspace, ".rollcheck"))
        # the job runs on the commit; pre-commit (below) first sees the change staged
        staged = run(["git", "diff", "--cached", "--name-only"], origin,
                     stdout=subprocess.PIPE).stdout.split()
        git(origin, "commit", "-q", "-m", "A forfeiture of 42,500")
        job3.run()
        results = check_job(job3, False, 1, "the new finding fails the job")
        new = [r for r in results if not r["suppressed"]]
        check(bool(new) and all(r["uri"] == "filings/example-corp.json" for r in new)
              and any(r["rule"] == "RC101" for r in new),
              f"the results not suppressed are the new ones, RC101 among them ({new})")
        check([r["rule"] for r in results if r["suppressed"]] == ["RC102"],
              "seed 000's finding stays accepted")

        # the pre-commit hook
        print("pre-commit: the hook's entry on the sample repository")
        tracked = run(["git", "ls-files"], origin, stdout=subprocess.PIPE).stdout.split()
        selected, argv, proc = run_hook(config, origin, tracked, user_env)
        check(sorted(selected) == sorted(p for p in tracked if p.startswith("filings/")),
              "pre-commit run --all-files: the hook gets every file under filings/")
        check(proc is not None and proc.returncode == 1 and "[RC101" in proc.stdout,
              f"{' '.join(argv[:4])} ... exits 1 on the new finding "
              f"({proc and proc.returncode})")
        if proc and proc.returncode != 1:
            print(proc.stdout)
        check(proc is not None and re.search(r"^filings/rong360-seed-000\.json:205:28: error: "
                                             r".*\[RC102, accepted", proc.stdout, re.M),
              "the hook's report marks seed 000's finding accepted")
        selected, argv, proc = run_hook(config, origin, staged, user_env)
        check(selected == ["filings/example-corp.json"] and proc is not None
              and proc.returncode == 1, "at commit time: the staged filing, exit status 1 "
              f"({' '.join(argv)}: {proc and proc.returncode})")
        default = {"repos": [{"repo": "local", "hooks": [{"id": "rollcheck"}]}]}
        selected, argv, proc = run_hook(default, origin, tracked, user_env)
        check(BASELINE not in selected and "README.md" not in selected
              and all(p.startswith("filings/") for p in selected),
              f"the hook's own files/exclude keep the baseline and other files out ({selected})")
        check(proc is not None and proc.returncode == 1,
              "without --baseline, the hook fails on every finding")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except Harness as e:
        print(f"run-workflow: {e}", file=sys.stderr)
        sys.exit(1)
    if failures:
        print(f"run-workflow: {len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("run-workflow: docs/ci.md's workflow and pre-commit hook work as documented")
