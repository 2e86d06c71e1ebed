#!/usr/bin/env python3
"""Output guarantees of every writing command, checked on the real executable.

Usage: check_outputs.py JOURNEYSIM EXAMPLES_DIR

- a device (/dev/null) is written, never replaced by a regular file;
- `-o -` is standard output; the extension decides the format, a contradicting --format fails;
- a replaced file keeps its permission bits; a symbolic link is written through;
- a failed write to standard output (/dev/full) exits 1;
- SIGINT, SIGTERM and SIGHUP during a run leave the old file and no temporary file;
- an output path in a missing folder fails before the simulation, leaving nothing;
- CSV cells that a spreadsheet would evaluate are neutralised.
"""
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def main():
    exe, examples = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    work = tempfile.mkdtemp(prefix="journeysim-outputs-")
    try:
        shutil.copy(os.path.join(examples, "telecom.json"), os.path.join(work, "model.json"))

        def run(*args, **kw):
            return subprocess.run([exe, *args], cwd=work, capture_output=True,
                                  stdin=subprocess.DEVNULL, timeout=600, **kw)

        def files():
            return sorted(os.listdir(work))

        r = run("run", "model.json", "-r", "1", "-o", "/dev/null")
        check(r.returncode == 0 and stat.S_ISCHR(os.stat("/dev/null").st_mode),
              "-o /dev/null writes the device and leaves it a device")
        r = run("run", "model.json", "-r", "1", "-f", "json", "-o", "-")
        check(r.returncode == 0 and json.loads(r.stdout)["journeysim_result"] == 1
              and not os.path.exists(os.path.join(work, "-")), "-o - is standard output")
        r = run("run", "model.json", "-r", "1", "-o", "out.json")
        check(r.returncode == 0 and json.load(open(os.path.join(work, "out.json")))
              ["journeysim_result"] == 1, "-o out.json writes JSON without --format")
        before = files()
        r = run("run", "model.json", "-r", "1", "-o", "table.json", "--format", "table")
        check(r.returncode == 1 and b"contradicts the extension" in r.stderr and files() == before,
              "--format table with -o table.json is an error and writes nothing")

        private = os.path.join(work, "private.json")
        with open(private, "w") as f:
            f.write("old\n")
        os.chmod(private, 0o600)
        os.symlink("private.json", os.path.join(work, "link.json"))
        r = run("run", "model.json", "-r", "1", "-o", "link.json")
        check(r.returncode == 0 and os.path.islink(os.path.join(work, "link.json")),
              "a symbolic link stays a link")
        check(json.load(open(private))["journeysim_result"] == 1,
              "the file behind the link is written")
        check(stat.S_IMODE(os.stat(private).st_mode) == 0o600, "a replaced file keeps mode 0600")

        with open("/dev/full", "wb") as full:
            for cmd in (["validate", "model.json"], ["run", "model.json", "-r", "1"]):
                r = subprocess.run([exe, *cmd], cwd=work, stdout=full, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, timeout=600)
                check(r.returncode == 1 and b"cannot write standard output" in r.stderr,
                      f"{cmd[0]} with standard output on a full disk exits 1")

        before = files()
        r = run("run", "model.json", "-r", "1", "-o", "missing/out.json")
        check(r.returncode == 1 and b"missing" in r.stderr and files() == before,
              "-o in a missing folder fails, leaving nothing")
        for option in ("--intervals", "--trace", "--report"):
            started = time.monotonic()
            r = run("run", "model.json", "-r", "200", option, "missing/x")
            check(r.returncode == 1 and time.monotonic() - started < 10 and files() == before,
                  f"{option} in a missing folder fails before the simulation")

        trace = os.path.join(work, "trace.csv")
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            with open(trace, "w") as f:
                f.write("old\n")
            before = files()
            p = subprocess.Popen([exe, "run", "model.json", "-r", "5000", "--trace", "trace.csv",
                                  "-o", "result.json"], cwd=work, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.0)
            p.send_signal(sig)
            code = p.wait(timeout=60)
            check(code == -sig and files() == before and open(trace).read() == "old\n",
                  f"{sig.name} mid-run ends the process by the signal, leaving the old file "
                  "and no temporary one")

        with open(os.path.join(work, "scenarios.json"), "w") as f:
            json.dump({"journeysim_scenarios": 1, "base": "model.json",
                       "scenarios": {"=1+2": {"changes": [{"op": "scale_demand",
                                                          "factor": 1.1}]}}}, f)
        r = run("compare", "scenarios.json", "-r", "2", "-f", "csv")
        rows = r.stdout.decode().splitlines()
        check(r.returncode == 0 and any(l.startswith("\"'=1+2\",") for l in rows)
              and not any(l.startswith("=") for l in rows),
              "a CSV cell starting with = is neutralised")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
