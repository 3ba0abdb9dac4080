"""JSON Schemas (draft 2020-12) of the ``--json`` summaries, one per command.

docs/JSON.md prints them (``python -m asn_scheduler.report_schema`` regenerates that
block; a test keeps the two equal and validates real output against them).
"""

from __future__ import annotations

import json
from typing import Any

from asn_scheduler.batch.outcome import STATUSES as BATCH_STATUSES

STR, INT, NUM = {"type": "string"}, {"type": "integer"}, {"type": "number"}
BOOL = {"type": "boolean"}


def _null(t: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [t, {"type": "null"}]}


def _obj(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": props,
            "required": sorted(props) if required is None else required}


def _arr(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


SHARES = {"type": "object", "additionalProperties": NUM,
          "propertyNames": {"enum": ["layanan_langsung", "administrasi_pemerintahan",
                                     "dukungan_pimpinan"]}}
SCENARIO = _obj({"id": STR, "hash": STR})
PROBLEM = _obj({"sheet": _null(STR), "row": _null(INT), "column": _null(STR), "value": STR,
                "problem": STR, "fix": STR, "severity": {"enum": ["error", "warning"]}})
ENVELOPE = {
    "schema_version": {"const": 1},
    "kind": STR,
    "tool": {"const": "asn-scheduler"},
    "version": STR,
    "lang": {"enum": ["id", "en"]},
    "status": STR,
    "ok": BOOL,
    "exit_code": {"enum": [0, 1]},
}
_INPUT_ERROR = _obj({**ENVELOPE, "status": {"const": "INPUT_ERROR"}, "input": STR,
                     "scenario": _null(SCENARIO), "problems": _arr(PROBLEM)},
                    ["schema_version", "kind", "status", "ok", "exit_code", "problems"])

QUALITY = _obj({
    "wfh_days": INT, "wfo_days": INT, "wfh_goal_days": _null(INT),
    "max_abs_deviation": NUM, "mean_abs_deviation": NUM, "within_one_day_share": NUM,
    "preferred_days": INT, "preferred_honoured": INT, "commute_trips_avoided": INT,
    "commute_km_avoided": NUM})
SOLVE = {"oneOf": [
    _obj({**ENVELOPE, "kind": {"const": "solve"},
          "status": {"enum": ["OPTIMAL", "FEASIBLE", "INFEASIBLE", "TIME_LIMIT", "INVALID"]},
          "input": STR, "output": _null(STR), "scenario": SCENARIO,
          "period": _obj({"start": STR, "end": STR, "days": INT}),
          "seed": INT, "runtime_s": NUM, "staff": INT, "units": INT, "parts": INT,
          "wfh_share": SHARES, "quality": _null(QUALITY), "hard_violations": _null(INT),
          "stages": _arr(_obj({"goal": STR, "objective": _null(NUM), "bound": _null(NUM),
                               "proven": BOOL, "seconds": NUM})),
          "conflicts": _arr(_obj({"rules": _arr(STR), "unit": _null(STR),
                                  "building": _null(STR), "days": _arr(STR),
                                  "message": STR, "fix": STR})),
          "warnings": _arr(STR)}),
    {**_INPUT_ERROR, "properties": {**_INPUT_ERROR["properties"], "kind": {"const": "solve"}}},
]}
CHECK = {"oneOf": [
    _obj({**ENVELOPE, "kind": {"const": "check"},
          "status": {"enum": ["COMPLIANT", "NOT_COMPLIANT"]},
          "input": STR, "roster": STR, "output": _null(STR), "scenario": SCENARIO,
          "staff": INT, "dates": INT, "rule_counts": {"type": "object",
                                                      "additionalProperties": INT},
          "hard_violations": INT,
          "violations": _arr(_obj({"rule": STR, "unit": _null(STR), "nip": _null(STR),
                                   "building": _null(STR), "day": _null(STR), "amount": NUM,
                                   "message": STR})),
          "roster_problems": _arr(_obj({"kind": STR, "nip": _null(STR), "day": _null(STR),
                                        "severity": {"enum": ["error", "warning"]},
                                        "message": STR})),
          "shortfalls": INT}),
    {**_INPUT_ERROR, "properties": {**_INPUT_ERROR["properties"], "kind": {"const": "check"},
                                    "roster": _null(STR)}},
]}
AGENCY = _obj({
    "agency": STR, "input": STR, "status": {"enum": list(BATCH_STATUSES)}, "staff": INT,
    "units": INT, "days": INT, "wfh_share": SHARES, "fairness_max_gap": _null(NUM),
    "fairness_within_one_day": _null(NUM), "preferred_days": INT, "preferred_honoured": INT,
    "hard_violations": _null(INT), "seconds": NUM, "cpu_seconds": _null(NUM),
    "peak_mib": _null(NUM),
    "roster": _null(STR), "detail": _null(STR), "reason": STR, "worker": STR,
    "resumed": BOOL})
# ``previous`` (batch --previous) came later: an optional key, so no new schema version
AGENCY["properties"]["previous"] = _null(STR)
BATCH = _obj({**ENVELOPE, "kind": {"const": "batch"}, "status": {"enum": ["OK", "FAILED"]},
              "outdir": STR, "scenario": SCENARIO, "agencies": INT, "with_roster": INT,
              "failed": INT, "resumed": INT, "staff_rostered": INT, "elapsed_s": NUM,
              "workers": INT, "files": _obj({"summary_xlsx": STR, "summary_csv": STR}),
              "results": _arr(AGENCY)})

SCHEMAS: dict[str, dict[str, Any]] = {"solve": SOLVE, "check": CHECK, "batch": BATCH}


def schema_json() -> str:
    """The schemas as docs/JSON.md prints them."""
    return json.dumps(SCHEMAS, indent=1, sort_keys=True)


if __name__ == "__main__":  # pragma: no cover - regenerates the docs block
    print(schema_json())
