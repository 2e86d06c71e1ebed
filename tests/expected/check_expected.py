#!/usr/bin/env python3
"""Behaviour pinned: every example's results, byte for byte.

Usage: check_expected.py JOURNEYSIM SOURCE_DIR [--update]

For every example model (examples/*.json) the result of `run` and the staffing plan of
`staff`, and for every scenario file (examples/*-whatifs.json) the result of `compare`, as JSON
at a fixed seed and number of replications, must equal the file checked in under
tests/data/expected/ byte for byte; a
refactoring that changes a single figure fails here. When a change of the figures is
intended, regenerate the files with `scripts/update-expected.sh`, read the diff, and commit
it with the change that explains it.

Also fails when an example has no expected file, or an expected file no example.
"""
import difflib
import json
import os
import subprocess
import sys

REPLICATIONS = "3"
SEED = "20261203"


def cases(source):
    examples = os.path.join(source, "examples")
    for name in sorted(os.listdir(examples)):
        if not name.endswith(".json"):
            continue
        stem = name[:-len(".json")]
        common = ["--replications", REPLICATIONS, "--seed", SEED, "--format", "json", "-o", "-"]
        path = os.path.join(examples, name)
        if name.endswith("-whatifs.json"):
            yield stem + ".result.json", ["compare", path, *common], (0,)
        else:
            yield stem + ".result.json", ["run", path, *common], (0,)
            # 3: a target cannot be met in some interval; the plan is written all the same.
            yield stem + ".staff.json", ["staff", path, *common], (0, 3)


def first_difference(expected, actual):
    """The first differing lines with their JSON context, for the failure message."""
    lines = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                      "expected", "actual", n=2, lineterm=""))
    return "\n".join(lines[:40])


def main():
    exe, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    update = "--update" in sys.argv[3:]
    folder = os.path.join(source, "tests", "data", "expected")
    failures = []
    seen = set()
    for file_name, args, codes in cases(source):
        seen.add(file_name)
        r = subprocess.run([exe, *args], capture_output=True, stdin=subprocess.DEVNULL,
                           timeout=1200)
        if r.returncode not in codes:
            failures.append(f"{file_name}: journeysim {' '.join(args[:2])} exited "
                            f"{r.returncode}: {r.stderr.decode(errors='replace')}")
            continue
        actual = r.stdout.decode()
        json.loads(actual)  # must be JSON
        path = os.path.join(folder, file_name)
        if update:
            with open(path, "w", encoding="utf-8") as f:
                f.write(actual)
            print(f"wrote {os.path.relpath(path, source)}")
            continue
        if not os.path.exists(path):
            failures.append(f"{file_name}: no expected file; run scripts/update-expected.sh")
            continue
        with open(path, encoding="utf-8") as f:
            expected = f.read()
        if expected == actual:
            print(f"ok   {file_name}")
        else:
            failures.append(f"{file_name}: differs from the expected result\n" +
                            first_difference(expected, actual))
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json") and name not in seen:
            failures.append(f"{name}: expected file without an example; remove it or run "
                            "scripts/update-expected.sh")
    if not seen:
        failures.append("no example found")
    for f in failures:
        print("FAIL " + f)
    if failures and not update:
        print("\nIf the change of these figures is intended: scripts/update-expected.sh, then "
              "commit the new files with the change that explains them.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
