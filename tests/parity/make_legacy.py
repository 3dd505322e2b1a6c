#!/usr/bin/env python3
"""A stand-in for a county's legacy eligibility system: reads the Weld sample caseload and writes,
per case, the decisions such a system would have recorded, in its own spellings (CASE_NO, cents,
Y/N). Written from the manual independently of the Tenet rulesets, standard library only, so that
`tenet parity` has a real second opinion to compare with.

Two divergences are deliberate (a legacy system's habits, not the policy):
  1. the sanctioned grant is rounded to the whole dollar (Tenet: down to the cent, CONTRACT 4.1);
  2. level 1 of a sanction lasts a calendar month (the day before the same date next month), so
     an episode starting in a 31-day month stays at level 1 one day longer (Tenet: 30 days).

    python3 make_legacy.py ../../rulesets/colorado/caseload/weld_sample.jsonl > weld_legacy.jsonl
"""
import datetime as dt
import json
import sys
from decimal import ROUND_HALF_UP, Decimal

PERCENTS = {1: 25, 2: 50, 3: 100}


def day(text):
    return dt.date.fromisoformat(text) if text else None


def next_month(d):
    month = d.month % 12 + 1
    year = d.year + (d.month == 12)
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(d.day, last))
        except ValueError:
            continue


def level_on(episodes, as_of):
    """(level, last day of the level or None) of the sanction in force on as_of, 6.011.11 A."""
    highest = 0
    for e in sorted(episodes, key=lambda e: e["start"]):
        start, cured = day(e["start"]), day(e.get("cured"))
        if start > as_of:
            break
        level, first = min(highest + 1, 3), start
        while True:
            if level == 1:
                last = next_month(first) - dt.timedelta(days=1)   # divergence 2: a calendar month
            elif level == 2:
                last = first + dt.timedelta(days=29)
            else:
                last = None if cured is None else max(first + dt.timedelta(days=89), cured - dt.timedelta(days=1))
            highest = max(highest, level)
            if first <= as_of and (last is None or as_of <= last):
                return level, last
            if last is None or as_of < first or (cured is not None and cured <= last) or level == 3:
                break
            level, first = level + 1, last + dt.timedelta(days=1)
    return 0, None


def legacy_record(number, case):
    as_of = day(case["as_of"])
    household, caretaker, history = case["household"], case["caretaker"], case["history"]
    level, ends = level_on(history.get("sanction_episodes", []), as_of)
    percent = PERCENTS.get(level, 0)
    for refusal in history.get("job_refusals", []):   # 6.006.2 B: 100% for a month and until complied
        start, complied = day(refusal.get("effective") or refusal["date"]), day(refusal.get("complied"))
        if start <= as_of and (as_of < next_month(start) or complied is None or as_of < complied):
            percent = 100
    grant = Decimal(household["monthly_basic_cash_grant"])
    kept = (grant * (100 - percent) / 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)   # divergence 1
    incapacity = day(caretaker.get("incapacity_start"))
    record = {"CASE_NO": number, "SANC_LVL": level, "SANC_PCT": percent, "SANC_END": ends.isoformat() if ends else None,
              "GRANT_CENTS": int(kept * 100)}
    try:
        exempt = (not household["child_care_available"] or household["remote_location"]
                  or household["caring_for_incapacitated_member"] or not household["work_sites_available"]
                  or (incapacity is not None and incapacity <= as_of < day_plus_months(incapacity, 3))
                  or (not caretaker["is_parent"] and household["relative_caretaker_placement_risk"]))
        record["WORK_EXEMPT"] = "Y" if exempt else "N"
    except KeyError:
        pass   # the system leaves the field empty when the case file lacks what it needs
    return record


def day_plus_months(d, months):
    for _ in range(months):
        d = next_month(d)
    return d


def main():
    with open(sys.argv[1], encoding="utf-8") as cases:
        for number, line in enumerate(cases, start=1):
            if line.strip():
                print(json.dumps(legacy_record(number, json.loads(line))))


if __name__ == "__main__":
    main()
