#!/usr/bin/env python3
"""Keeps docs/calibration.md complete and the repository self-contained.

Usage: check_calibration.py SOURCE_DIR

1. Every `inline constexpr ... kDefault<Name> = <value>;` in include/journeysim/model.hpp has a
   table row in docs/calibration.md whose first cell is the constant in backticks and whose
   second cell shows its value (so a new default cannot go in undocumented).
2. No file of the repository (tracked, or new and not ignored; node_modules excepted) refers to
   a file outside it: the upper-case calibration file name, the shared folder's absolute path
   or a relative path up into a shared folder. Figures and their sources live in
   docs/calibration.md.
"""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

HEADER = "include/journeysim/model.hpp"
PAGE = "docs/calibration.md"
# Spelled in pieces so that this file does not match itself.
FORBIDDEN = ["CALIBRATION" + ".md", "/work" + "/shared", ".." + "/shared"]

CONSTANT = re.compile(
    r"inline\s+constexpr\s+[\w:<>,\s]+?\b(kDefault\w+)\s*=\s*([^;]+);", re.S)
NUMBER = re.compile(r"(?<![\w.])-?\d[\d,']*(?:\.\d+)?(?:[eE][-+]?\d+)?")


def evaluate(expression):
    """The value of a C++ arithmetic constant expression of literals, or None."""
    text = re.sub(r"(?<=\d)'(?=\d)", "", expression.strip())  # digit separators 2'000'000
    text = re.sub(r"(?<=[\d.])[uUlLfF]+\b", "", text)         # literal suffixes
    text = re.sub(r"static_cast<[^>]*>", "", text)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return None

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            v = walk(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp):
            a, b = walk(node.left), walk(node.right)
            ops = {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b,
                   ast.Div: lambda: a / b}
            if type(node.op) in ops:
                return ops[type(node.op)]()
        raise ValueError(ast.dump(node))

    try:
        return float(walk(tree))
    except (ValueError, ZeroDivisionError):
        return None


def numbers_in(text):
    out = []
    for m in NUMBER.finditer(text):
        try:
            out.append(float(m.group(0).replace(",", "").replace("'", "")))
        except ValueError:
            pass
    return out


def check_defaults(source):
    problems = []
    header = (source / HEADER).read_text(encoding="utf-8")
    # Comments may mention constants (`kDefaultMaxAttempts`): only declarations count.
    code = re.sub(r"//[^\n]*", "", header)
    constants = CONSTANT.findall(code)
    if not constants:
        return [f"{HEADER}: no kDefault constants found (has the declaration style changed?)"]
    rows = [l for l in (source / PAGE).read_text(encoding="utf-8").splitlines()
            if l.lstrip().startswith("|")]
    for name, expression in constants:
        value = evaluate(expression)
        # The constant's own row: its first cell is the name, its second the value (rows that
        # only refer to it, "see `kDefaultMaxAttempts` above", do not count).
        marked = [cells[2] for cells in (r.split("|") for r in rows)
                  if len(cells) > 3 and cells[1].strip() == f"`{name}`"]
        if not marked:
            problems.append(f"{PAGE}: no table row starts with `{name}` (= {expression.strip()} "
                            f"in {HEADER}): add one with its value, meaning and source")
            continue
        if value is None:
            ok = any(expression.strip() in r for r in marked)
        else:
            ok = any(abs(x - value) <= 1e-9 * max(1.0, abs(value))
                     for r in marked for x in numbers_in(r))
        if not ok:
            shown = "" if value is None or f"{value:g}" == expression.strip() else f" (= {value:g})"
            problems.append(f"{PAGE}: the row of `{name}` does not show its value "
                            f"{expression.strip()}{shown}")
        else:
            print(f"ok   `{name}` = {expression.strip()}")
    return problems


def repository_files(source):
    try:
        run = subprocess.run(
            ["git", "-C", str(source), "ls-files", "-z", "--cached", "--others",
             "--exclude-standard"], capture_output=True, check=True)
        names = [n for n in run.stdout.decode("utf-8", "replace").split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = []
        for root, dirs, files in os.walk(source):
            dirs[:] = [d for d in dirs if d != ".git" and d != "node_modules"
                       and not d.startswith("build")]
            names += [os.path.relpath(os.path.join(root, f), source) for f in files]
    return sorted(set(n for n in names if "node_modules" not in Path(n).parts))


def check_references(source):
    problems = []
    count = 0
    for name in repository_files(source):
        path = source / name
        if not path.is_file():
            continue  # deleted in the working tree
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary
        count += 1
        text = data.decode("utf-8", "replace")
        for number, line in enumerate(text.splitlines(), 1):
            for bad in FORBIDDEN:
                if bad in line:
                    problems.append(f"{name}:{number}: refers to \"{bad}\", outside the "
                                    f"repository; refer to {PAGE} (and its section) instead")
    print(f"ok   {count} files checked for references outside the repository"
          if not problems else f"{count} files checked")
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(argv[1]).resolve()
    problems = check_defaults(source) + check_references(source)
    for p in problems:
        print("FAIL " + p)
    print(f"{PAGE}: {'ok' if not problems else str(len(problems)) + ' problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
