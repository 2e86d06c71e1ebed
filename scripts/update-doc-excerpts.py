#!/usr/bin/env python3
"""Refreshes the output excerpts of Markdown pages after an intended change of figures.

Usage: scripts/update-doc-excerpts.py JOURNEYSIM PAGE.md...

For every excerpt that tests/docs/run_doc_examples.py checks (a plain ``` block right after a
```sh block holding one `journeysim` command), the command is run as that test runs it, and
each excerpt line no longer in the output is replaced by the output line that starts with the
same label (the text before its first number), keeping the excerpt's choice of lines. Lines it
cannot match are listed, for a person to fix. Prose that quotes figures is not touched.
"""

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "docs"))
from run_doc_examples import blocks, squash  # noqa: E402


def label(line):
    """The text of a table line before its first figure: "  NPS   -36.0 ± 0.5" -> "NPS"."""
    m = re.match(r"^\s*(.*?)\s+[-+−]?[\d—n][\d.,%]*", line)
    return squash(m.group(1)) if m else None


def refresh(exe, source, page):
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = blocks(text)
    unmatched = []
    with tempfile.TemporaryDirectory(prefix="journeysim-docs-") as work:
        os.symlink(source / "examples", Path(work) / "examples")
        for index, (info, body, _, end) in enumerate(found):
            commands = [l.split("#")[0].strip() for l in body if l.startswith("journeysim ")]
            if info != "sh" or len(commands) != 1 or index + 1 >= len(found):
                continue
            next_info, excerpt, first, _ = found[index + 1]
            if next_info != "" or first - end > 4:
                continue
            args = shlex.split(commands[0])
            args[0] = str(exe)
            run = subprocess.run(args, cwd=work, stdin=subprocess.DEVNULL, capture_output=True,
                                 text=True, timeout=600)
            output = (run.stdout + run.stderr).splitlines()
            actual = {squash(l) for l in output}
            by_label = {}
            for l in output:
                by_label.setdefault(label(l), l)
            for k, line in enumerate(excerpt):
                if line.strip() in ("", "...") or squash(line) in actual:
                    continue
                new = by_label.get(label(line))
                if new is None:
                    unmatched.append(line)
                else:
                    lines[first + 1 + k] = new.rstrip()
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for line in unmatched:
        print(f"{page}: no output line matches: {line.strip()}", file=sys.stderr)
    return not unmatched


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    exe = Path(argv[1]).resolve()
    source = Path(__file__).resolve().parent.parent
    ok = all([refresh(exe, source, Path(p)) for p in argv[2:]])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
