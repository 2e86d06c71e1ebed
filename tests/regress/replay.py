#!/usr/bin/env python3
"""Replays the regression corpus in tests/data/regress against the real journeysim executable.

Each case is a folder holding its input files and a case.json:

    {"what": "why the case is kept", "args": ["compare", "scenarios.json", ...],
     "exit": 1, "stderr": ["substrings the error output must contain", ...], "timeout_s": 60}

The case runs in a scratch copy of its folder. It fails when the exit code differs, a
substring is missing, the run exceeds its timeout (a hang), the output mentions an internal
error or a sanitizer report, a failed run leaves a new file behind, or an input file of the
folder is not named by the arguments (every kept input must be replayed). The corpus must not
be empty.

Usage: replay.py JOURNEYSIM CORPUS_DIR [CASE ...]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

FORBIDDEN = ("internal error", "AddressSanitizer", "runtime error:", "LeakSanitizer",
             "terminate called", "Assertion")


def replay(journeysim, folder):
    """Runs one case; returns a list of problems (empty when it holds)."""
    spec_path = os.path.join(folder, "case.json")
    if not os.path.isfile(spec_path):
        return ["no case.json"]
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    problems = []
    inputs = sorted(n for n in os.listdir(folder) if n != "case.json")
    if not inputs:
        problems.append("the case holds no input file")
    args = [str(a) for a in spec["args"]]
    named = {os.path.basename(a) for a in args} | {os.path.basename(a.split("=", 1)[-1]) for a in args}
    referenced = set()
    for name in inputs:
        if name in named:
            referenced.add(name)
    # A scenario file names its base model: that counts as replayed too.
    for name in list(referenced):
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                doc = json.load(f)
            if isinstance(doc, dict) and isinstance(doc.get("base"), str):
                referenced.add(os.path.basename(doc["base"]))
        except (ValueError, UnicodeDecodeError):
            pass
    for name in inputs:
        if name not in referenced:
            problems.append(f"input {name} is not replayed by the case's arguments")
    with tempfile.TemporaryDirectory(prefix="journeysim-regress-") as scratch:
        work = os.path.join(scratch, "case")
        shutil.copytree(folder, work)
        before = set(os.listdir(work))
        try:
            run = subprocess.run([journeysim] + args, cwd=work, capture_output=True,
                                 timeout=spec.get("timeout_s", 60), stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return problems + [f"no answer within {spec.get('timeout_s', 60)} s (a hang)"]
        err = run.stderr.decode("utf-8", "replace")
        text = err + run.stdout.decode("utf-8", "replace")
        if run.returncode != spec["exit"]:
            problems.append(f"exit code {run.returncode}, expected {spec['exit']}")
        for needle in spec.get("stderr", []):
            if needle not in err:
                problems.append(f"standard error lacks {needle!r}")
        for bad in FORBIDDEN:
            if bad in text:
                problems.append(f"the output mentions {bad!r}")
        if run.returncode != 0:
            left = sorted(set(os.listdir(work)) - before)
            if left:
                problems.append(f"the failed run left {', '.join(left)}")
        if problems:
            problems.append("standard error was:\n    " + "\n    ".join(err.splitlines()[:12]))
    return problems


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    journeysim, corpus = os.path.abspath(sys.argv[1]), sys.argv[2]
    cases = sys.argv[3:] or sorted(
        n for n in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, n)))
    stray = [n for n in os.listdir(corpus)
             if os.path.isfile(os.path.join(corpus, n)) and n != "README.md"]
    if not cases:
        print(f"replay: no case in {corpus}", file=sys.stderr)
        return 1
    failed = 0
    for name in stray:
        print(f"FAIL {name}: a file outside a case folder is never replayed")
        failed += 1
    for name in cases:
        problems = replay(journeysim, os.path.join(corpus, name))
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print(f"  {p}")
        else:
            print(f"ok   {name}")
    print(f"{len(cases) - failed + len(stray)} of {len(cases) + len(stray)} regression cases hold")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
