"""Synthetic Weld County caseloads as scalar-fact frames, generated deterministically with numpy
(the bench in bench/python_frame_bench.py and the Dask test share it). Money is int64 cents (pass
scales=SCALES), dates datetime64, enums categoricals; some facts are absent (NaN/NaT) at random
so that some decisions are unresolved, as in a real extract. case_dicts gives the same rows as the
JSON cases of evaluate(), for comparing the two paths."""

import decimal

import numpy as np
import pandas as pd

SCALES = {
    "household.monthly_gross_income": 2,
    "household.countable_resources": 2,
    "household.monthly_basic_cash_grant": 2,
    "household.monthly_food_stamps": 2,
    "household.monthly_other_cash": 2,
    "caretaker.comparable_hourly_wage": 2,
    "request.supportive_amount": 2,
    "request.retention_amount": 2,
}


def weld_frame(n, seed=1999):
    rng = np.random.default_rng(seed)
    day = lambda a, b: np.datetime64(a) + rng.integers(0, (np.datetime64(b) - np.datetime64(a)).astype(int), n)

    def maybe_date(p, a, b):
        d = day(a, b).astype("datetime64[ns]")
        d[rng.random(n) >= p] = np.datetime64("NaT")
        return d

    def cat(values, p=None):
        return pd.Categorical.from_codes(rng.choice(len(values), n, p=p), categories=values)

    def flag(p):
        return rng.random(n) < p

    size = rng.integers(1, 9, n)
    grant = 120_00 + size * 95_00 + rng.integers(0, 50_00, n)
    frame = {
        "as_of": day("1998-07-01", "1999-12-31").astype("datetime64[ns]"),
        "household.size": size,
        "household.family_type": cat(["single_parent", "two_parent"], [0.8, 0.2]),
        "household.monthly_gross_income": rng.choice([0, 1], n, p=[0.45, 0.55]) * rng.integers(0, 2500_00, n),
        "household.countable_resources": rng.integers(0, 3000_00, n),
        "household.income_under_1996_standard": flag(0.7),
        "household.monthly_basic_cash_grant": grant,
        "household.monthly_food_stamps": rng.integers(0, 400_00, n),
        "household.monthly_other_cash": rng.choice([0, 50_00, 100_00], n),
        "household.child_care_available": flag(0.9),
        "household.remote_location": flag(0.05),
        "household.caring_for_incapacitated_member": flag(0.05),
        "household.work_sites_available": flag(0.95),
        "household.relative_caretaker_placement_risk": flag(0.03),
        "caretaker.age": rng.integers(15, 65, n),
        "caretaker.is_parent": flag(0.9),
        "caretaker.married": flag(0.3),
        "caretaker.lives_with_parent_or_guardian": flag(0.2),
        "caretaker.abusive_home_referral": flag(0.02),
        "caretaker.high_school_complete": flag(0.6),
        "caretaker.in_school_or_ged": flag(0.2),
        "caretaker.fugitive_felon": flag(0.01),
        "caretaker.parole_or_probation_violator": flag(0.01),
        "caretaker.drug_felony_conviction_date": maybe_date(0.03, "1990-01-01", "1999-06-01"),
        "caretaker.drug_rehabilitation": flag(0.5),
        "caretaker.qualified_alien_entry_date": maybe_date(0.05, "1990-01-01", "1999-06-01"),
        "caretaker.alien_federal_exception": flag(0.1),
        "caretaker.incapacity_start": maybe_date(0.05, "1998-01-01", "1999-12-01"),
        "caretaker.weekly_work_hours": rng.integers(0, 90, n) / 2.0,   # halves: exact floats
        "caretaker.comparable_hourly_wage": rng.integers(5_15, 12_00, n),
        "history.dual_state_conviction_date": maybe_date(0.01, "1990-01-01", "1999-06-01"),
        "history.employment_termination_date": maybe_date(0.2, "1997-06-01", "1999-12-01"),
        "request.director_exception": flag(0.05),
        "request.supportive_amount": rng.integers(0, 600_00, n),
        "request.supportive_kind": cat(["transportation", "participation", "start_to_work"]),
        "request.retention_amount": rng.integers(0, 2000_00, n),
        "child_care.child_age_months": rng.integers(0, 150, n),
        "child_care.provider": cat(["licensed_center", "licensed_home", "exempt"]),
        "child_care.care": cat(["regular", "alternate", "before_after_school"]),
        "child_care.days": rng.integers(0, 24, n),
    }
    # a few unknown ages and hours, as in a real extract: float columns with NaN
    age = frame["caretaker.age"].astype(float)
    age[rng.random(n) < 0.02] = np.nan
    frame["caretaker.age"] = age
    hours = frame["caretaker.weekly_work_hours"]
    hours[rng.random(n) < 0.02] = np.nan
    return pd.DataFrame(frame)


def case_dicts(frame):
    """The rows of a weld_frame as JSON cases: money in decimal text, dates in ISO form, absent
    values left out, dotted column names as nested objects."""
    cases = []
    for row in frame.to_dict("records"):
        case = {}
        for path, value in row.items():
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            if path in SCALES:
                value = str(decimal.Decimal(int(value)) / 100)
            elif isinstance(value, pd.Timestamp):
                value = value.date().isoformat()
            elif isinstance(value, (np.bool_, bool)):
                value = bool(value)
            elif isinstance(value, float):
                value = int(value) if path == "caretaker.age" else value
            elif isinstance(value, np.integer):
                value = int(value)
            node = case
            *groups, key = path.split(".")
            for g in groups:
                node = node.setdefault(g, {})
            node[key] = value
        cases.append(case)
    return cases
