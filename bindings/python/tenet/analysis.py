"""Reforms as a policy memo uses them: what a change costs, who wins and who loses by group,
with survey or sampling weights; and the caseload's participation against the county target.

    r = tenet.reform(rs, {"resource_limit": "1500"}, df, name="Resources $1,500",
                     weights="weight", passthrough=["case_id", "office"])
    r.cost()                                  # grant_payable before, after and the change
    r.winners_losers(by="household.family_type")
    r.explain(row)                            # why this family's decisions change
    tenet.caseload(rs, df, weights="weight")  # `tenet caseload`, weighted

Sums are exact: money is summed in integer cents, each distinct weight multiplied as the decimal
its float prints as, and only the total is rounded (half up) to the cent. Counts with weights are
the sums of the weights. A row whose decision is not decided on one side (unresolved, failed,
absent) is in no sum; `unresolved` counts them.
"""

import decimal as _decimal

import numpy as np
import pandas as pd

from . import InputError, Ruleset, shown
from .compare import what_if

__all__ = ["Reform", "reform", "caseload", "months"]

_CENT = _decimal.Decimal("0.01")


def _weights_of(cases, weights):
    """The weights as a float or int numpy array (None: every row weighs 1)."""
    if weights is None:
        return None
    if isinstance(weights, str):
        if not isinstance(cases, (pd.DataFrame, dict)) or weights not in cases:
            raise InputError("weights", "weights=%r names no column of the cases" % weights)
        weights = cases[weights]
    w = pd.Series(weights, copy=False)
    if len(w) != len(cases if not isinstance(cases, dict) else next(iter(cases.values()), [])):
        raise InputError("weights", "weights= has %d values for %d cases" % (len(w), len(cases)))
    if w.isna().any():
        raise InputError("weights", "weights= has no value in row %d" % int(np.flatnonzero(w.isna().to_numpy())[0]),
                         row=int(np.flatnonzero(w.isna().to_numpy())[0]))
    values = w.to_numpy()
    if values.dtype == object:   # decimal.Decimal weights (read_cases reads JSON numbers exactly), ints
        for row, v in enumerate(values):
            if isinstance(v, bool) or not isinstance(v, (int, float, _decimal.Decimal, np.number)):
                raise InputError("weights", "weights= holds numbers, not %s" % shown(v), row=row)
    elif not np.issubdtype(values.dtype, np.number) or np.issubdtype(values.dtype, np.bool_):
        raise InputError("weights", "weights= holds numbers, not %s" % shown(values[0]))
    as_float = values.astype(float)
    if (as_float < 0).any() or not np.isfinite(as_float).all():
        row = int(np.flatnonzero((as_float < 0) | ~np.isfinite(as_float))[0])
        raise InputError("weights", "a weight is a finite number of 0 or more, not %s" % shown(values[row]), row=row)
    return values


def _decimal_of(weight):
    if isinstance(weight, _decimal.Decimal):
        return weight
    if isinstance(weight, (int, np.integer)):
        return _decimal.Decimal(int(weight))
    return _decimal.Decimal(repr(float(weight)))   # the decimal the float prints as


def weighted_sum(values, weights):
    """The exact sum of integer `values` (cents, or 1 per row for a count) times `weights`, as a
    Decimal."""
    values = np.asarray(values, dtype=np.int64)
    if weights is None:
        return _decimal.Decimal(int(values.sum()))
    if weights.dtype != object and np.issubdtype(weights.dtype, np.integer):   # Python ints: no overflow
        return _decimal.Decimal(int(np.dot(values.astype(object), weights.astype(object))) if len(values) else 0)
    codes, uniques = pd.factorize(weights)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]]) if len(codes) else np.array([], int)
    sums = np.add.reduceat(values[order], starts) if len(starts) else []
    total = _decimal.Decimal(0)
    with _decimal.localcontext() as ctx:
        ctx.prec = 60
        for code, s in zip(sorted_codes[starts] if len(starts) else [], sums):
            total += _decimal_of(uniques[code]) * int(s)
    return total


def _dollars(cents):
    return (cents / 100).quantize(_CENT, rounding=_decimal.ROUND_HALF_UP)


def _count(n):
    return int(n) if n == n.to_integral_value() else n


class Reform:
    """A named reform of a caseload: the WhatIf (`.what_if`: summary, changes, explain) with
    weights, costs and winners/losers."""

    def __init__(self, name, what, weights, groups_source):
        self.name = name
        self.what_if = what
        self.weights = weights
        self._groups = groups_source

    def __getattr__(self, attr):   # summary, changes, base, variant, explain, explanations, by_cause
        if attr.startswith("_"):
            raise AttributeError(attr)
        return getattr(self.what_if, attr)

    def _money(self, decision):
        if decision not in self.what_if.summary.index:
            raise InputError(decision, "no decision `%s` in this reform" % decision)
        t = self.what_if.base_ruleset.decision_type(decision).rstrip("?")
        if t != "money":
            raise InputError(decision, "costs add up a money decision; `%s` is %s" % (decision, t))
        old, new = self.what_if.base[decision], self.what_if.variant[decision]
        so = self.what_if.base[decision + ".state"].cat.codes.to_numpy()
        sn = self.what_if.variant[decision + ".state"].cat.codes.to_numpy()
        both = (so == 0) & (sn == 0)
        return (old.to_numpy(dtype=np.int64, na_value=0), new.to_numpy(dtype=np.int64, na_value=0), both)

    def _group_keys(self, by):
        if by is None:
            return None
        source = self._groups
        if isinstance(by, str):
            if by in self.what_if.base.columns:
                values = self.what_if.base[by]
            elif source is not None and by in source:
                values = source[by]
            else:
                raise InputError("by", "by=%r names no column of the cases or the results" % by)
        else:
            values = by
        values = pd.Series(values, copy=False).astype(object).to_numpy()
        return np.array(["(none)" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
                         for v in values], dtype=object)

    def _table(self, decision, by):
        old, new, both = self._money(decision)
        keys = self._group_keys(by)
        groups = [("all", np.ones(len(old), dtype=bool))] if keys is None else \
            [(k, keys == k) for k in sorted(set(keys.tolist()))]
        rows = []
        w = self.weights
        for key, mask in groups:
            m = mask & both
            wm = None if w is None else w[m]
            delta = new[m] - old[m]
            ones = np.ones(int(m.sum()), dtype=np.int64)
            before, after = weighted_sum(old[m], wm), weighted_sum(new[m], wm)
            rows.append({
                by if isinstance(by, str) else "group": key,
                "cases": _count(weighted_sum(np.ones(int(mask.sum()), dtype=np.int64), None if w is None else w[mask])),
                "winners": _count(weighted_sum(ones[delta > 0], None if wm is None else wm[delta > 0])),
                "losers": _count(weighted_sum(ones[delta < 0], None if wm is None else wm[delta < 0])),
                "unchanged": _count(weighted_sum(ones[delta == 0], None if wm is None else wm[delta == 0])),
                "unresolved": _count(weighted_sum(np.ones(int((mask & ~both).sum()), dtype=np.int64),
                                                  None if w is None else w[mask & ~both])),
                "before": _dollars(before), "after": _dollars(after), "change": _dollars(after - before),
            })
        return pd.DataFrame(rows).set_index(by if isinstance(by, str) else "group")

    def cost(self, decision="grant_payable", by=None):
        """The weighted total of a money decision before and after, and the change, in dollars
        (Decimal), overall or per group of `by` (a column of the cases or of the results)."""
        return self._table(decision, by)[["before", "after", "change"]]

    def winners_losers(self, decision="grant_payable", by=None):
        """Per group of `by` (a column of the cases, such as household.family_type, or of the
        results): cases, winners (the decision rose), losers (fell), unchanged, unresolved (not
        decided on one side, in no sum), and the totals before and after and their change."""
        return self._table(decision, by)

    def __repr__(self):
        return "<tenet.Reform %s: %d decisions change>" % (self.name, len(self.what_if.changed_decisions))


def reform(base, variant, cases, name=None, weights=None, **what_if_options):
    """what_if(base, variant, cases) as a named Reform; `weights` is a column of the cases (kept
    out of the facts) or an array, one number per case."""
    if not isinstance(base, Ruleset):
        raise InputError("base", "reform: the base is a tenet.Ruleset, not a %s" % type(base).__name__)
    w = _weights_of(cases, weights)
    if isinstance(weights, str) and isinstance(cases, pd.DataFrame):
        kept = what_if_options.get("passthrough")
        if kept is None or kept is False:
            kept = [weights]
        elif kept is not True:
            kept = ([kept] if isinstance(kept, str) else list(kept)) + ([weights] if weights not in kept else [])
        what_if_options["passthrough"] = kept
    what = what_if(base, variant, cases, **what_if_options)
    if name is None:
        name = ", ".join("%s = %s" % kv for kv in variant.items()) if isinstance(variant, dict) else variant.name
    return Reform(name, what, w, cases if isinstance(cases, (pd.DataFrame, dict)) else None)


PARTICIPATION_DECISIONS = ["meets_required_hours", "work_exempt", "county_participation_target", "fiscal_year"]


def caseload(rs, cases, weights=None, **frame_options):
    """Participation per family type and federal fiscal year, as `tenet caseload` counts it
    (README.md): a case participates when it meets its required hours or is work-exempt;
    one that does neither and is unresolved on either is `unresolved`. `rate` is participating /
    cases in percentage points, rounded half up to the hundredth; `target` the county's
    (the first row's with one); `meets_target` rate >= target. With weights, counts are weighted."""
    for d in PARTICIPATION_DECISIONS:
        if d not in rs.decisions:
            raise InputError(d, "caseload needs the decision `%s`, which ruleset %s has not" % (d, rs.name))
    w = _weights_of(cases, weights)
    if isinstance(weights, str):
        frame_options["passthrough"] = _with(frame_options.get("passthrough"), weights)
    family_column = "household.family_type"
    out = rs.evaluate_frame(cases, decisions=PARTICIPATION_DECISIONS, states=True, **frame_options)
    family = pd.Series(cases[family_column], copy=False).astype(object).to_numpy() if family_column in cases \
        else np.full(len(out), None, dtype=object)
    family = np.array(["unknown" if not isinstance(f, str) else f for f in family], dtype=object)
    year = out["fiscal_year"].astype(object).to_numpy()
    year = np.array(["unknown" if y is None or y is pd.NA else str(int(y)) for y in year], dtype=object)
    exempt = out["work_exempt"].fillna(False).to_numpy(dtype=bool)
    meets = out["meets_required_hours"].fillna(False).to_numpy(dtype=bool)
    decided = (out["work_exempt.state"] == "ok").to_numpy() & (out["meets_required_hours.state"] == "ok").to_numpy()
    participating = exempt | meets
    unresolved = ~participating & ~decided
    target = out["county_participation_target"]
    rows = []
    for f in sorted(set(family.tolist())):
        for y in sorted(set(year[family == f].tolist())):
            m = (family == f) & (year == y)
            wm = None if w is None else w[m]
            ones = np.ones(int(m.sum()), dtype=np.int64)
            n = weighted_sum(ones, wm)
            p = weighted_sum(participating[m].astype(np.int64), wm)
            u = weighted_sum(unresolved[m].astype(np.int64), wm)
            rate = (p * 100 / n).quantize(_CENT, rounding=_decimal.ROUND_HALF_UP) if n else _decimal.Decimal("0.00")
            known = target[m].dropna()
            t = _decimal.Decimal(repr(float(known.iloc[0]))) if len(known) else None
            rows.append({"family_type": f, "fiscal_year": y, "cases": _count(n), "participating": _count(p),
                         "unresolved": _count(u), "rate": rate, "target": t,
                         "meets_target": None if t is None else bool(rate >= t)})
    return pd.DataFrame(rows, columns=["family_type", "fiscal_year", "cases", "participating", "unresolved", "rate",
                                       "target", "meets_target"]).set_index(["family_type", "fiscal_year"])


def _with(passthrough, column):
    if passthrough is True:
        return True
    kept = [] if passthrough is None or passthrough is False else (
        [passthrough] if isinstance(passthrough, str) else list(passthrough))
    return kept + ([column] if column not in kept else [])


def months(rs, cases, count, start=None, **frame_options):
    """Each case evaluated on `count` consecutive months: as_of = start (or, without start=,
    the row's own as_of) plus 0, 1, ... count-1 months, a day past a short month's end moving to
    its last day (1999-01-31 + 1 month = 1999-02-28, as a ruleset's `+ 1 month` reads). A long
    frame indexed by (the case's index, "month": the as_of of that evaluation), with the
    decisions (and the passthrough columns) as evaluate_frame gives them."""
    if "as_of" in frame_options:
        raise InputError("as_of", "months() steps as_of itself: give the first day with start=")
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or not 1 <= count <= 1200:
        raise InputError("count", "count= is a number of months, 1 to 1200, not %s" % shown(count))
    frame = cases if isinstance(cases, pd.DataFrame) else pd.DataFrame(cases)
    from . import day_text
    from .frame import _check_as_of
    if start is not None:
        start = day_text("start", start)
        if "as_of" in frame.columns:
            _check_as_of(frame["as_of"], start)
        first = pd.Series(pd.Timestamp(start), index=frame.index)
    else:
        if "as_of" not in frame.columns:
            raise InputError("start", "give start= (the first month's day) or an as_of column")
        try:
            first = pd.to_datetime(frame["as_of"].astype(object), errors="raise")
        except (TypeError, ValueError) as e:
            raise InputError("as_of", "not a day: %s" % e) from None
        if first.isna().any():
            row = int(np.flatnonzero(first.isna().to_numpy())[0])
            raise InputError("as_of", "a row without an as_of cannot step by months: give start=", row=row)
    base = frame.drop(columns=["as_of"]) if "as_of" in frame.columns else frame
    parts = []
    for k in range(count):
        part = base.copy(deep=False)
        part["as_of"] = (first + pd.DateOffset(months=k)).to_numpy() if k else first.to_numpy()
        parts.append(part)
    long = pd.concat(parts, ignore_index=True)
    out = rs.evaluate_frame(long, **frame_options)
    names = list(frame.index.names) if frame.index.nlevels > 1 else [frame.index.name or "case"]
    labels = [np.tile(np.asarray(frame.index.get_level_values(i)), count) for i in range(frame.index.nlevels)]
    out.index = pd.MultiIndex.from_arrays(labels + [long["as_of"].to_numpy()], names=names + ["month"])
    return out
