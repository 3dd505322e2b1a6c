#!/usr/bin/env python3
"""The shipped rulesets against CONTRACT.md §2-§5: names, types, JSON encodings and values.

A case setting every §3 fact (tests/rulesets/contract/every_fact.json: money as strings and numbers,
`null` for an optional date) is evaluated with `tenet eval` on weld.tenet and works.tenet. Every §4
decision must be present with its contract type and encoding (money a string with two decimals, percent
a number of points, enums lower_snake_case, dates "YYYY-MM-DD", "lifetime" for a lifetime
disqualification) and the value worked out by hand in EXPECTED; none may be unresolved. Then the
contract's error cases: more than two decimals, an unknown enum value, an unknown key, and a missing fact
a requested decision needs all exit 2 with the JSON path; and Kentucky's `responsible_unit`.

Usage: contract_check.py TENET REPO_ROOT
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

MONEY = re.compile(r"^-?\d+\.\d\d$")
DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")

# CONTRACT §4: decision -> type. "?" marks a decision that may be absent (omitted, never unresolved).
CONTRACT_DECISIONS = {
    "sanction_level": "int", "sanction_percent": "percent", "adjusted_grant": "money",
    "sanction_level_ends": "date?",
    "caretaker_disqualified": "bool", "disqualified_until": "date_or_lifetime?",
    "eligible": "bool", "ineligibility_reasons": "enum_list",
    "work_exempt": "bool", "exemption_reasons": "enum_list", "exemption_redetermine_by": "date?",
    "fiscal_year": "int", "required_weekly_hours": "int", "meets_required_hours": "bool",
    "federal_participation_rate": "percent", "county_participation_target": "percent",
    "work_activity_monthly_hours": "int",
    "diversion_approved": "money", "diversion_waiver_months": "int",
    "supportive_approved": "money", "transport_allowance_per_mile": "money", "transport_allowance_per_day": "money",
    "retention_eligible": "bool", "retention_approved": "money",
    "child_care_income_limit": "money", "child_care_eligible": "bool", "child_care_daily_rate": "money",
    "child_care_daily_fees": "money", "child_care_monthly_cost": "money",
}
STATE_DECISIONS = ["sanction_level", "sanction_percent", "adjusted_grant", "sanction_level_ends",
                   "caretaker_disqualified", "disqualified_until", "eligible", "ineligibility_reasons",
                   "fiscal_year", "required_weekly_hours", "meets_required_hours", "federal_participation_rate"]

# Worked out by hand for every_fact.json (as of 1999-06-01, size 3, grant $303, food stamps $250).
EXPECTED = {
    "sanction_level": 1,                      # episode from 05-10: level 1 through 06-08
    "sanction_percent": 25,
    "adjusted_grant": "227.25",               # 303 x 75%
    "sanction_level_ends": "1999-06-08",
    "caretaker_disqualified": True,
    "disqualified_until": "lifetime",         # third fraud conviction
    "eligible": True,                         # drug felony before 1997-07-02, entry before 1996-08-23
    "ineligibility_reasons": [],
    "work_exempt": True,
    "exemption_reasons": ["child_care_unavailable", "temporary_incapacity"],
    "exemption_redetermine_by": "1999-09-01",
    "fiscal_year": 1999,
    "required_weekly_hours": 25,
    "meets_required_hours": False,            # 20.5 hours
    "federal_participation_rate": 35,
    "county_participation_target": 0,         # max(0, 35 - 67)
    "work_activity_monthly_hours": 107,       # floor(553 / 5.15)
    "diversion_approved": "975.00",           # vision 175 + relocation 800; 3,300 - 300 paid leaves room
    "diversion_waiver_months": 4,             # ceil(975 / 303)
    "supportive_approved": "400.00",          # period from 1999-02: 100 spent of 1,000
    "transport_allowance_per_mile": "0.20",
    "transport_allowance_per_day": "2.00",
    "retention_eligible": True,               # terminated 1999-01-15; 900 < 2,139.83
    "retention_approved": "500.00",           # first half: 1,650 - 200 paid
    "child_care_income_limit": "1793.00",     # Att. K size 3
    "child_care_eligible": True,
    "child_care_daily_rate": "16.50",         # licensed home, alternate care, 23 months
    "child_care_daily_fees": "2.49",
    "child_care_monthly_cost": "379.80",      # 20 x (16.50 + 2.49)
}


def check_type(kind, value):
    kind = kind.rstrip("?")
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "percent":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "money":
        return isinstance(value, str) and bool(MONEY.match(value))
    if kind == "date":
        return isinstance(value, str) and bool(DATE.match(value))
    if kind == "date_or_lifetime":
        return value == "lifetime" or (isinstance(value, str) and bool(DATE.match(value)))
    if kind == "enum_list":
        return isinstance(value, list) and all(isinstance(v, str) and SNAKE.match(v) for v in value)
    raise ValueError(kind)


class Checker:
    def __init__(self, tenet, root):
        self.tenet = tenet
        self.root = root
        self.errors = []

    def run(self, *args):
        return subprocess.run([self.tenet, *map(str, args)], capture_output=True, text=True, timeout=60)

    def fail(self, message):
        self.errors.append(message)

    def eval_case(self, ruleset, case):
        run = self.run("eval", self.root / "rulesets" / ruleset, "--case", case)
        if run.returncode != 0:
            self.fail(f"{ruleset}: eval exited {run.returncode}: {run.stderr.strip()}")
            return None
        return json.loads(run.stdout)

    def decisions(self, ruleset, case, names):
        out = self.eval_case(ruleset, case)
        if out is None:
            return
        if set(out) - {"decisions", "unresolved", "errors"}:
            self.fail(f"{ruleset}: eval output has keys {sorted(out)}")
        if "errors" in out and not out["errors"]:
            self.fail(f"{ruleset}: eval output has an empty `errors` (CONTRACT §1: omitted when empty)")
        for name in names:
            kind = CONTRACT_DECISIONS[name]
            if name in out["unresolved"]:
                self.fail(f"{ruleset}: `{name}` unresolved: {out['unresolved'][name]}")
            elif name in out.get("errors", {}):
                self.fail(f"{ruleset}: `{name}` failed: {out['errors'][name]}")
            elif name not in out["decisions"]:
                self.fail(f"{ruleset}: `{name}` missing from decisions")
            else:
                value = out["decisions"][name]
                if not check_type(kind, value):
                    self.fail(f"{ruleset}: `{name}` = {value!r} is not encoded as {kind}")
                if value != EXPECTED[name]:
                    self.fail(f"{ruleset}: `{name}` = {value!r}, expected {EXPECTED[name]!r}")

    def bad_input(self, label, case_text, path):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(case_text)
        run = self.run("eval", self.root / "rulesets/colorado/weld.tenet", "--case", f.name)
        pathlib.Path(f.name).unlink()
        if run.returncode != 2 or f": {path}: error: " not in run.stderr:
            self.fail(f"{label}: expected exit 2 and an error at {path}, got {run.returncode}: {run.stderr.strip()}")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    tenet, root = sys.argv[1], pathlib.Path(sys.argv[2])
    c = Checker(tenet, root)
    case = pathlib.Path(__file__).parent / "contract" / "every_fact.json"
    c.decisions("colorado/weld.tenet", case, list(CONTRACT_DECISIONS))
    c.decisions("colorado/works.tenet", case, STATE_DECISIONS)

    text = case.read_text(encoding="utf-8")
    c.bad_input("three decimals", text.replace('"5.15"', '"5.155"'), "$.caretaker.comparable_hourly_wage")
    c.bad_input("unknown enum value", text.replace('"licensed_home"', '"Licensed_home"'), "$.child_care.provider")
    c.bad_input("unknown key", text.replace('"days": 20', '"days": 20, "dayz": 20'), "$.child_care.dayz")

    run = c.run("eval", root / "rulesets/colorado/weld.tenet", "--case", case, "--as-of", "1999-06-01",
                "--decision", "diversion_approved", "--decision", "disqualified_until")
    if run.returncode != 0 or json.loads(run.stdout)["decisions"] != {"diversion_approved": "975.00",
                                                                      "disqualified_until": "lifetime"}:
        c.fail(f"--decision: {run.returncode} {run.stdout.strip()} {run.stderr.strip()}")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write('{"as_of": "1999-06-01"}')
    run = c.run("eval", root / "rulesets/colorado/weld.tenet", "--case", f.name, "--decision", "diversion_approved")
    pathlib.Path(f.name).unlink()
    # CONTRACT §1 (amended 2026-12-02): unresolved under `unresolved` with exit 0, --decision or not
    if run.returncode != 0 or "request.diversion_items" not in json.loads(run.stdout or "{}").get("unresolved", {}).get("diversion_approved", []):
        c.fail(f"a missing fact a requested decision needs: {run.returncode} {run.stdout.strip()} {run.stderr.strip()}")

    # §5: the amendment's effective date is a ruleset parameter the host gives (kwp.tenet has no value
    # for it: unresolved, naming it); kwp_dated_test.tenet gives it a test date, 1999-07-01.
    for ruleset, as_of, unit in (("kentucky/kwp.tenet", "1999-07-01", None),
                                 ("kentucky/kwp_dated_test.tenet", "1999-06-30", "case_manager"),
                                 ("kentucky/kwp_dated_test.tenet", "1999-07-01", "deleted")):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"as_of": as_of, "task": "b_1_h"}, f)
        out = c.eval_case(ruleset, f.name)
        pathlib.Path(f.name).unlink()
        if out is None:
            continue
        if unit is None:
            reasons = out["unresolved"].get("responsible_unit", [])
            if not any("amendment_effective_date" in r for r in reasons):
                c.fail(f"{ruleset}: b_1_h on {as_of}: {out}, expected unresolved naming amendment_effective_date")
        elif out["decisions"].get("responsible_unit") != unit:
            c.fail(f"{ruleset}: b_1_h on {as_of}: {out['decisions']}, expected {unit}")

    for e in c.errors:
        print(e, file=sys.stderr)
    if c.errors:
        return 1
    print(f"contract: {len(CONTRACT_DECISIONS)} decisions, their encodings and values, input errors, Kentucky: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
