#!/usr/bin/env python3
"""Checks schema/model.schema.json and the example models against it.

Usage: check_schema.py SCHEMA EXAMPLES_DIR

1. The schema itself must be a valid JSON Schema (draft 2020-12).
2. Every *.json file in EXAMPLES_DIR whose top level has "journeysim": 1 must validate
   (other files, such as scenario files, are skipped).
3. To show that the schema really catches mistakes, broken variants of the first example
   (an unknown field, a fix_rate out of range, an unknown distribution, an unknown touchpoint
   kind, ...) must be rejected, and harmless variants (a "$schema" key) must be accepted.

Prints one line per check and exits non-zero if any check fails.
"""

import copy
import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def pointer(path):
    """JSON pointer (RFC 6901) of an error's location."""
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "/" + "/".join(parts) if parts else "(document)"


def errors_of(validator, instance):
    return sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path)))


def first_channel(model, predicate):
    for cid, channel in model["channels"].items():
        if predicate(channel):
            return cid, channel
    raise LookupError("the example has no channel of the kind this check needs")


def first_distribution(node, path=()):
    """(path, object) of the first object with a "dist" key, depth first."""
    if isinstance(node, dict):
        if "dist" in node:
            return path, node
        children = node.items()
    elif isinstance(node, list):
        children = enumerate(node)
    else:
        return None
    for key, child in children:
        found = first_distribution(child, path + (key,))
        if found is not None:
            return found
    return None


def first_journey(model):
    return next(iter(model["journeys"].items()))


def first_team(model):
    return next(iter(model["teams"].items()))


def is_assisted(channel):
    return channel.get("mode") != "self_service"


# Each breaker changes the model in place and returns the path of the value it broke; the
# schema must report an error at (or inside) that path.


def break_unknown_field(m):
    cid, ch = first_channel(m, is_assisted)
    ch["fix_rte"] = ch.pop("fix_rate", 0.7)
    return ("channels", cid)


def break_fix_rate(m):
    cid, ch = first_channel(m, is_assisted)
    ch["fix_rate"] = 1.4
    return ("channels", cid, "fix_rate")


def break_dist_name(m):
    path, dist = first_distribution(m)
    dist["dist"] = "lognormall"
    return path


def break_touchpoint_kind(m):
    jid, journey = first_journey(m)
    tid, tp = next(iter(journey["touchpoints"].items()))
    tp["kind"] = "teleport"
    return ("journeys", jid, "touchpoints", tid)


def break_mixed_units(m):
    cid, ch = first_channel(m, is_assisted)
    ch["handle_time"] = {"dist": "lognormal", "mean_min": 7, "sd_s": 200}
    return ("channels", cid, "handle_time")


def break_weekday_profile(m):
    jid, journey = first_journey(m)
    journey["arrivals"]["weekday_profile"] = [1, 1, 1, 1, 1, 1]
    return ("journeys", jid, "arrivals", "weekday_profile")


def break_hours(m):
    cid, ch = first_channel(m, is_assisted)
    ch["hours"] = "monday to friday 8 till 8"
    return ("channels", cid, "hours")


def break_agents(m):
    tid, team = first_team(m)
    team.pop("schedule", None)
    team["agents"] = 2.5
    return ("teams", tid, "agents")


def break_self_service_team(m):
    cid, ch = first_channel(m, lambda c: c.get("mode") == "self_service")
    ch["team"] = "anyone"
    return ("channels", cid, "team")


def break_version(m):
    m["journeysim"] = 2
    return ("journeysim",)


BROKEN = [
    ("unknown channel field fix_rte", break_unknown_field),
    ("fix_rate 1.4", break_fix_rate),
    ("unknown distribution lognormall", break_dist_name),
    ("unknown touchpoint kind teleport", break_touchpoint_kind),
    ("mixed units in one distribution", break_mixed_units),
    ("weekday_profile of 6 numbers", break_weekday_profile),
    ("unparseable opening hours", break_hours),
    ("fractional agents", break_agents),
    ("a team on a self-service channel", break_self_service_team),
    ("format version 2", break_version),
]


def add_schema_key(m):
    m["$schema"] = "../schema/model.schema.json"


def quarter_hour_profile(m):
    next(iter(m["journeys"].values()))["arrivals"]["intraday_profile"] = [1] * 96


HARMLESS = [
    ("top-level $schema key", add_schema_key),
    ("96 quarter-hour intraday weights", quarter_hour_profile),
]


def check_scenarios(schema_path, model_schema, examples_dir, report):
    """Validates every scenario file ("journeysim_scenarios": 1) against scenarios.schema.json
    (beside the model schema, which it refers to), and checks that a typo in an operation is
    rejected."""
    from jsonschema import RefResolver

    path = schema_path.parent / "scenarios.schema.json"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, SchemaError) as err:
        report(False, f"{path}: not a valid draft 2020-12 schema: {err}")
        return
    report(True, f"{path}: valid draft 2020-12 schema")
    store = {model_schema["$id"]: model_schema, schema["$id"]: schema}
    resolver = RefResolver.from_schema(schema, store=store)
    validator = Draft202012Validator(schema, resolver=resolver)
    found = []
    for file in sorted(examples_dir.glob("*.json")):
        doc = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or "journeysim_scenarios" not in doc:
            continue
        errors = errors_of(validator, doc)
        report(not errors, f"{file.name}: " + ("valid" if not errors else
                                                 f"{len(errors)} schema error(s)"))
        for err in errors[:20]:
            print(f"       at {pointer(err.absolute_path)}: {err.message[:300]}")
        found.append((file.name, doc))
    if not found:
        report(False, f"{examples_dir}: no scenario files found")
        return
    name, doc = found[0]
    variant = copy.deepcopy(doc)
    first = next(iter(variant["scenarios"].values()))
    first["changes"].append({"op": "remove_chanel", "id": "email"})
    report(bool(errors_of(validator, variant)), f"{name} with an unknown operation: " +
           ("rejected" if errors_of(validator, variant) else "ACCEPTED, but it must be rejected"))
    variant = copy.deepcopy(doc)
    first = next(iter(variant["scenarios"].values()))
    first["changes"].append({"op": "scale_demand", "factor": 1.1, "jorney": "x"})
    report(bool(errors_of(validator, variant)), f"{name} with a misspelt field: " +
           ("rejected" if errors_of(validator, variant) else "ACCEPTED, but it must be rejected"))


def main(argv):
    if len(argv) != 3:
        print("usage: check_schema.py SCHEMA EXAMPLES_DIR", file=sys.stderr)
        return 2
    schema_path, examples_dir = Path(argv[1]), Path(argv[2])
    failures = 0
    passes = 0

    def report(ok, text):
        nonlocal failures, passes
        if ok:
            passes += 1
        else:
            failures += 1
        print(("ok   " if ok else "FAIL ") + text)

    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, SchemaError) as err:
        report(False, f"{schema_path}: not a valid draft 2020-12 schema: {err}")
        return 1
    if schema.get("$schema") != DRAFT_2020_12:
        report(False, f"{schema_path}: \"$schema\" must be {DRAFT_2020_12}")
        return 1
    report(True, f"{schema_path}: valid draft 2020-12 schema")
    validator = Draft202012Validator(schema)

    models = []
    for path in sorted(examples_dir.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            report(False, f"{path.name}: cannot read: {err}")
            continue
        if not isinstance(doc, dict) or "journeysim" not in doc:
            print(f"skip {path.name}: not a model file")
            continue
        if doc["journeysim"] != 1:
            report(False, f"{path.name}: \"journeysim\" is {doc['journeysim']!r}, expected 1")
            continue
        errors = errors_of(validator, doc)
        report(not errors, f"{path.name}: " + ("valid" if not errors else
                                                 f"{len(errors)} schema error(s)"))
        for err in errors[:20]:
            print(f"       at {pointer(err.absolute_path)}: {err.message[:300]}")
        models.append((path.name, doc))

    if not models:
        report(False, f"{examples_dir}: no model files (\"journeysim\": 1) found")
        return 1

    base_name, base = models[0]
    if errors_of(validator, base):
        report(False, f"{base_name} is invalid itself, so broken variants of it prove nothing")
        return 1
    for what, mutate in BROKEN:
        variant = copy.deepcopy(base)
        try:
            broken = tuple(mutate(variant))
        except (LookupError, StopIteration) as err:
            report(False, f"{base_name} with {what}: cannot build the variant ({err})")
            continue
        errors = errors_of(validator, variant)
        here = [e for e in errors if tuple(e.absolute_path)[:len(broken)] == broken]
        if here:
            report(True, f"{base_name} with {what}: rejected at {pointer(here[0].absolute_path)}")
        elif errors:
            report(False, f"{base_name} with {what}: rejected, but not at {pointer(broken)}:"
                          f" {errors[0].message[:200]}")
        else:
            report(False, f"{base_name} with {what}: ACCEPTED, but it must be rejected")
    for what, mutate in HARMLESS:
        variant = copy.deepcopy(base)
        mutate(variant)
        errors = errors_of(validator, variant)
        report(not errors, f"{base_name} with {what}: " +
               ("accepted" if not errors else f"rejected: {errors[0].message[:200]}"))

    check_scenarios(schema_path, schema, examples_dir, report)

    print(f"schema: {passes} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
