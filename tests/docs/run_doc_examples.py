#!/usr/bin/env python3
"""Runs the commands shown in a Markdown page, so the docs cannot drift from the tool.

Usage: run_doc_examples.py JOURNEYSIM SOURCE_DIR PAGE.md

Every line starting with "journeysim " inside a ```sh block is run (with the built executable,
in a scratch folder that sees the repository's examples/), and must exit 0, or the code a
trailing comment `# exit N` on its line names (a page showing a documented non-zero exit, such
as `staff` when a target cannot be met). When such a block
holds a single command and the next code block, at most a line of prose below it, is a plain
``` block, that block is an excerpt
of the command's output: each of its lines (other than "...") must appear in the real output,
with runs of spaces treated as one.
"""

import glob
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path


def blocks(text):
    """(info string, lines, first line, last line) of every fenced code block, in order."""
    out = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\S*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        info = m.group(1)
        body = []
        first = i
        i += 1
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        out.append((info, body, first, i))
        i += 1
    return out


def squash(line):
    return re.sub(r"\s+", " ", line.strip())


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    exe, source, page = Path(argv[1]).resolve(), Path(argv[2]).resolve(), Path(argv[3])
    found = blocks(page.read_text(encoding="utf-8"))
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="journeysim-docs-") as work:
        os.symlink(source / "examples", Path(work) / "examples")
        for index, (info, body, _, end) in enumerate(found):
            if info != "sh":
                continue
            lines = [l for l in body if l.startswith("journeysim ")]
            commands = [l.split("#")[0].strip() for l in lines]
            for line, command in zip(lines, commands):
                expected = re.search(r"#\s*exit (\d+)\s*$", line)
                expected = int(expected.group(1)) if expected else 0
                args = shlex.split(command)
                args[0] = str(exe)
                # As a shell would: a word with * or ? stands for the files it matches.
                args = args[:1] + [m for a in args[1:]
                                   for m in (sorted(glob.glob(a, root_dir=work))
                                             if glob.has_magic(a) else [a])]
                run = subprocess.run(args, cwd=work, stdin=subprocess.DEVNULL,
                                     capture_output=True, text=True, timeout=600)
                ok = run.returncode == expected
                problem = f"exit {run.returncode}: {run.stderr.strip()[:500]}"
                excerpt = None
                # An output excerpt follows its command closely (at most a line of prose between).
                if (ok and len(commands) == 1 and index + 1 < len(found)
                        and found[index + 1][0] == "" and found[index + 1][2] - end <= 4):
                    excerpt = found[index + 1][1]
                if excerpt:
                    actual = {squash(l) for l in (run.stdout + run.stderr).splitlines()}
                    missing = [l for l in excerpt if l.strip() not in ("", "...")
                               and squash(l) not in actual]
                    if missing:
                        ok = False
                        problem = "output lacks: " + " | ".join(missing[:5])
                print(("ok   " if ok else "FAIL ") + command + ("" if ok else f"\n     {problem}"))
                passed += ok
                failed += not ok
    print(f"{page.name}: {passed} passed, {failed} failed")
    if passed + failed == 0:
        print(f"{page}: no commands found", file=sys.stderr)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
