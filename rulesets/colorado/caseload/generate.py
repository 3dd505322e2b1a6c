#!/usr/bin/env python3
"""Deterministic synthetic Colorado Works caseloads for Weld County, as JSONL.

    python3 generate.py --cases 500 --seed 1999 --as-of 1999-06-01 > weld_sample.jsonl

Each line is one case with the facts of CONTRACT.md §3 (and no others, so it decodes against both
rulesets/colorado/works.tenet and weld.tenet). The proportions follow the Weld County baseline of
Exhibit G (catalogue ADM-09): 1,264 AFDC cases on May 1, 1997, 1,052 of them with an adult payee
(the rest are read here as relative-caretaker cases), 95% of payees female (not a fact), an average
household of 1 adult and 2 children, an average grant of $303, caretaker and child ages by band,
about half the parents without a 12th-grade education, and the JOBS child care provider mix. The
grant, food stamp and income figures are plausible 1999 magnitudes, not the state's benefit tables
(which are not in the sources). Histories (sanction episodes, job refusals, fraud convictions,
diversion, supportive and job retention payments, employment terminations) are dated relative to
--as-of. A small share of cases leave a fact out, so that some decisions come back unresolved.

Standard library only; the same --cases/--seed/--as-of always give the same bytes.
"""

import argparse
import datetime as dt
import json
import random
import sys

DIVERSION_ITEMS = ["vision", "tools", "vehicle_repair", "clothing", "relocation"]
SUPPORT_KINDS = ["transportation", "participation", "start_to_work"]

# Exhibit G, "Age of Recipients" (caretakers): 13-17 2%, 18-19 7%, 20-29 48%, 30-39 33%, 40+ 10%.
CARETAKER_AGE_BANDS = [((13, 17), 2), ((18, 19), 7), ((20, 29), 48), ((30, 39), 33), ((40, 58), 10)]
# Exhibit G, children: <1 10%, 1-5 35%, 6-10 30%, 11-15 21%, 16-18 4% (used for the youngest child).
CHILD_AGE_BANDS = [((0, 11), 10), ((12, 71), 35), ((72, 131), 30), ((132, 191), 21), ((192, 216), 4)]
# Exhibit G C.1.k(2), JOBS/New Directions child care: centres 61.97%, homes 12.5%, exempt 25.3%.
PROVIDERS = [("licensed_center", 61.97), ("licensed_home", 12.5), ("exempt", 25.3)]
# Household sizes around "1 Adult and 2 children" (mean about 3).
PARENT_SIZES = [(2, 36), (3, 33), (4, 18), (5, 8), (6, 3), (7, 1.5), (8, 0.5)]
# Monthly grant and food stamp magnitudes by unit size (illustrative, not the state tables).
GRANT_STANDARD = {1: 192, 2: 298, 3: 378, 4: 458, 5: 530, 6: 604, 7: 678, 8: 742}
FOOD_STAMP_MAX = {1: 125, 2: 230, 3: 329, 4: 419, 5: 497, 6: 597, 7: 659, 8: 754}


def money(x):
    """A money amount as the contract writes it: a string with two decimals."""
    return "%.2f" % (round(x * 100) / 100.0)


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    r = rng.uniform(0, total)
    for value, w in pairs:
        r -= w
        if r <= 0:
            return value
    return pairs[-1][0]


def band(rng, bands):
    lo, hi = weighted(rng, bands)
    return rng.randint(lo, hi)


def days_before(as_of, rng, lo, hi):
    return as_of - dt.timedelta(days=rng.randint(lo, hi))


def iso(d):
    return d.isoformat()


def sanction_episodes(rng, as_of):
    """Zero, one or two episodes of IRC / child support / immunization non-compliance. Most are
    cured (a family whose grant stays terminated tends to leave the caseload); an open one is recent."""
    r = rng.random()
    count = 0 if r < 0.85 else (1 if r < 0.97 else 2)
    episodes = []
    start = days_before(as_of, rng, 30, 900)
    for i in range(count):
        last = i == count - 1
        cured = start + dt.timedelta(days=rng.randint(5, 120))
        if last and rng.random() < 0.25:
            start = days_before(as_of, rng, 0, 150)
            cured = None
        if cured is not None and cured > as_of:
            cured = None
        episodes.append({"start": iso(start), "cured": iso(cured) if cured else None})
        # a later episode starts a while after the earlier one's cure
        start = (cured or start) + dt.timedelta(days=rng.randint(60, 240))
        if start >= as_of:
            break
    return episodes


def job_refusals(rng, as_of):
    if rng.random() >= 0.035:
        return []
    date = days_before(as_of, rng, 0, 200)
    complied = None
    if rng.random() < 0.5:
        complied = date + dt.timedelta(days=rng.randint(3, 90))
        if complied > as_of:
            complied = None
    return [{"date": iso(date), "complied": iso(complied) if complied else None}]


SANCTION_DUTIES = [("colorado_works", 60), ("child_support", 30), ("immunization", 10)]


def propose_sanctions(rng, as_of, history):
    """The notices of proposed action (CONTRACT §4.1, amended 2026-12-02): record the duty each
    episode failed, and for some families a reduction recorded to start after as_of, the notice's
    date, 10 to 20 days ahead (the time an appeal before the effective date needs): a new episode
    after every earlier one is cured, or a recent job refusal with its `effective` day. A separate
    random stream, so the rest of each case is what the same seed always gave."""
    episodes = history["sanction_episodes"]
    for e in episodes:
        e["duty"] = weighted(rng, SANCTION_DUTIES)
    ahead = as_of + dt.timedelta(days=rng.randint(10, 20))
    r = rng.random()
    if r < 0.06 and all(e["cured"] for e in episodes):
        episodes.append({"start": iso(ahead), "cured": None, "duty": weighted(rng, SANCTION_DUTIES)})
    elif r < 0.08 and "job_refusals" in history:
        history["job_refusals"].append({"date": iso(days_before(as_of, rng, 0, 9)), "complied": None,
                                        "effective": iso(ahead)})


def fraud_convictions(rng, as_of):
    r = rng.random()
    n = 0 if r < 0.985 else (1 if r < 0.997 else 2)
    dates = sorted(days_before(as_of, rng, 10, 1500) for _ in range(n))
    return [{"date": iso(d)} for d in dates]


def payments_over(rng, as_of, n, lo_days, hi_days):
    return sorted(days_before(as_of, rng, lo_days, hi_days) for _ in range(n))


def case(rng, notice_rng, as_of):
    # ---- who is in the assistance unit ----------------------------------------------------------
    relative_caretaker = rng.random() < (1264 - 1052) / 1264.0  # cases without an adult payee
    if relative_caretaker:
        size = weighted(rng, [(1, 45), (2, 35), (3, 20)])  # the children only
        family_type = "single_parent"
        age = band(rng, [((25, 39), 20), ((40, 75), 80)])
        is_parent = False
    else:
        size = weighted(rng, PARENT_SIZES)
        two_parent = size >= 3 and rng.random() < 0.09  # Exhibit G C.1.i: 9% two-parent
        family_type = "two_parent" if two_parent else "single_parent"
        age = band(rng, CARETAKER_AGE_BANDS)
        is_parent = True
    minor = age < 18
    married = (family_type == "two_parent" and rng.random() < 0.7) or (not minor and rng.random() < 0.04)
    if minor:
        married = married and rng.random() < 0.1

    # ---- income, grant, resources ---------------------------------------------------------------
    left_for_work = is_parent and rng.random() < 0.08
    if left_for_work:
        earned = rng.uniform(800, 2600)
    elif rng.random() < 0.22:
        earned = rng.uniform(150, 900)
    else:
        earned = 0.0
    other_income = rng.uniform(20, 250) if rng.random() < 0.15 else 0.0  # child support, etc.
    gross = earned + other_income
    standard = GRANT_STANDARD[min(size, 8)]
    countable = max(0.0, earned - 120) * 0.67 + 0.5 * other_income
    grant = 0.0 if left_for_work else max(10.0, standard - countable)
    grant = float(round(grant))
    if grant and rng.random() < 0.05:
        grant = float(round(grant * rng.uniform(0.6, 0.95)))  # recoupments, prorations
    food_stamps = 0.0
    if rng.random() < 0.86:
        food_stamps = max(10.0, FOOD_STAMP_MAX[min(size, 8)] - 0.3 * max(0.0, grant + gross - 134))
        food_stamps = float(round(food_stamps))
    other_cash = float(rng.choice([20, 25, 30, 40, 50, 75, 100])) if rng.random() < 0.1 else 0.0

    r = rng.random()
    if r < 0.55:
        resources = rng.uniform(0, 300)
    elif r < 0.90:
        resources = rng.uniform(300, 1900)
    elif r < 0.965:
        resources = rng.uniform(1900, 2000)
    elif r < 0.97:
        resources = 2000.0  # exactly at the limit
    else:
        resources = rng.uniform(2000.01, 6000)  # over the limit

    # ---- caretaker --------------------------------------------------------------------------------
    high_school = (not minor) and rng.random() < 0.5
    in_school = (minor and rng.random() < 0.75) or ((not high_school) and rng.random() < 0.2)
    lives_with_parent = (minor and rng.random() < 0.7) or ((not minor) and rng.random() < 0.08)
    abusive_referral = minor and not lives_with_parent and rng.random() < 0.5
    drug_date = None
    drug_rehab = False
    if rng.random() < 0.02:
        drug_date = days_before(as_of, rng, 30, 1800)
        drug_rehab = rng.random() < 0.5
    alien_date = None
    alien_exception = False
    if rng.random() < 0.06:
        alien_date = days_before(as_of, rng, 60, 3600)
        alien_exception = rng.random() < 0.3
    incapacity = None
    if rng.random() < 0.06:
        incapacity = days_before(as_of, rng, 0, 200)
    if rng.random() < 0.3:
        hours = 0.0
    else:
        hours = round(rng.uniform(5, 42) * 2) / 2.0
    wage = rng.choice([5.15, 5.15, 5.50, 5.75, 6.00, 6.25, 6.50, 7.00, 7.50, 8.00, 8.50])

    caretaker = {
        "age": age,
        "is_parent": is_parent,
        "married": married,
        "lives_with_parent_or_guardian": lives_with_parent,
        "abusive_home_referral": abusive_referral,
        "high_school_complete": high_school,
        "in_school_or_ged": in_school,
        "fugitive_felon": rng.random() < 0.003,
        "parole_or_probation_violator": rng.random() < 0.005,
        "drug_rehabilitation": drug_rehab,
        "alien_federal_exception": alien_exception,
        "weekly_work_hours": hours,
        "comparable_hourly_wage": money(wage),
    }
    if drug_date:
        caretaker["drug_felony_conviction_date"] = iso(drug_date)
    if alien_date:
        caretaker["qualified_alien_entry_date"] = iso(alien_date)
    if incapacity:
        caretaker["incapacity_start"] = iso(incapacity)

    household = {
        "size": size,
        "family_type": family_type,
        "monthly_gross_income": money(gross),
        "countable_resources": money(resources),
        "income_under_1996_standard": rng.random() < (0.6 if left_for_work else 0.97),
        "monthly_basic_cash_grant": money(grant),
        "monthly_food_stamps": money(food_stamps),
        "monthly_other_cash": money(other_cash),
        "child_care_available": rng.random() < 0.92,
        "remote_location": rng.random() < 0.03,
        "caring_for_incapacitated_member": rng.random() < 0.04,
        "work_sites_available": rng.random() < 0.98,
        "relative_caretaker_placement_risk": (not is_parent) and rng.random() < 0.6,
    }

    # ---- history ----------------------------------------------------------------------------------
    diversion = []
    if rng.random() < 0.05:
        for d in payments_over(rng, as_of, rng.randint(1, 2), 5, 540):
            item = rng.choice(DIVERSION_ITEMS)
            cap = {"vision": 175, "tools": 200, "vehicle_repair": 300, "clothing": 150, "relocation": 800}[item]
            diversion.append({"date": iso(d), "item": item, "amount": money(rng.uniform(0.4, 1.0) * cap)})
    supportive = []
    if rng.random() < 0.35:
        for d in payments_over(rng, as_of, rng.randint(1, 4), 1, 720):
            kind = weighted(rng, [("transportation", 50), ("participation", 38), ("start_to_work", 12)])
            if kind == "transportation":
                amount = rng.choice([2.0 * rng.randint(5, 22), 0.20 * rng.randint(50, 600)])
            elif kind == "start_to_work":
                amount = rng.uniform(50, 300)
            else:
                amount = rng.uniform(25, 450)
            supportive.append({"date": iso(d), "kind": kind, "amount": money(amount),
                               "work_experience_transport": kind == "transportation" and rng.random() < 0.4})
    history = {
        "sanction_episodes": sanction_episodes(rng, as_of),
        "job_refusals": job_refusals(rng, as_of),
        "fraud_convictions": fraud_convictions(rng, as_of),
        "diversion_payments": diversion,
        "supportive_payments": supportive,
        "retention_payments": [],
    }
    if rng.random() < 0.002:
        history["dual_state_conviction_date"] = iso(days_before(as_of, rng, 100, 4000))
    if left_for_work:
        termination = days_before(as_of, rng, 0, 450)
        history["employment_termination_date"] = iso(termination)
        days_since = (as_of - termination).days
        for _ in range(rng.randint(0, 3)):
            if days_since < 1:
                break
            paid = termination + dt.timedelta(days=rng.randint(0, days_since))
            history["retention_payments"].append({"date": iso(paid), "amount": money(rng.uniform(100, 900))})
        history["retention_payments"].sort(key=lambda p: p["date"])

    # ---- what the caseworker asks about -----------------------------------------------------------
    items = []
    if grant > 0 and rng.random() < 0.06:  # diversion is weighed against the grant the family would get
        for _ in range(rng.randint(1, 3)):
            item = rng.choice(DIVERSION_ITEMS)
            items.append({"item": item, "amount": money(rng.uniform(50, 1200))})
    supportive_kind = weighted(rng, [("transportation", 45), ("participation", 40), ("start_to_work", 15)])
    request = {
        "diversion_items": items,
        "director_exception": rng.random() < 0.02,
        "supportive_amount": money(rng.uniform(10, 500) if rng.random() < 0.3 else 0),
        "supportive_kind": supportive_kind,
        "retention_amount": money(rng.uniform(100, 1400) if left_for_work else 0),
    }

    # ---- child care for the youngest child ----------------------------------------------------------
    child_age = band(rng, CHILD_AGE_BANDS)
    school_age = child_age >= 60
    if school_age and rng.random() < 0.6:
        care = "before_after_school"
    else:
        care = "alternate" if rng.random() < 0.06 else "regular"
    needs_care = child_age < 156 and (hours > 0 or rng.random() < 0.3)
    child_care = {
        "child_age_months": child_age,
        "provider": weighted(rng, PROVIDERS),
        "care": care,
        "days": rng.randint(8, 23) if needs_care else 0,
    }

    c = {
        "as_of": iso(as_of),
        "household": household,
        "caretaker": caretaker,
        "history": history,
        "request": request,
        "child_care": child_care,
    }

    # ---- a few facts left out, so some decisions are unresolved -----------------------------------
    if rng.random() < 0.04:
        candidates = [("household", "countable_resources"), ("household", "monthly_gross_income"),
                      ("caretaker", "weekly_work_hours"), ("caretaker", "comparable_hourly_wage"),
                      ("household", "child_care_available"), ("child_care", "provider"),
                      ("caretaker", "age"), ("history", "job_refusals")]
        for group, key in rng.sample(candidates, rng.randint(1, 2)):
            c[group].pop(key, None)
    propose_sanctions(notice_rng, as_of, history)
    return c


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=500, help="number of cases (default 500)")
    parser.add_argument("--seed", type=int, default=1999, help="random seed (default 1999)")
    parser.add_argument("--as-of", default="1999-06-01", help="the day the cases are for (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    if args.cases < 0:
        parser.error("--cases must not be negative")
    try:
        as_of = dt.date.fromisoformat(args.as_of)
    except ValueError:
        parser.error("--as-of must be a date YYYY-MM-DD")
    rng = random.Random(args.seed)
    notice_rng = random.Random(args.seed + 1)
    out = sys.stdout
    for _ in range(args.cases):
        out.write(json.dumps(case(rng, notice_rng, as_of), separators=(",", ":")))
        out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
