"""What if: the same caseload under two rulesets, and what differs, decision by decision.

The variant is another Ruleset, or parameter overrides for the base: {"diversion_yearly_cap":
"4000.00"}. Overrides are compiled as a ruleset layer in the language itself, which `extends` the
base file and says `override parameter ...` (LANGUAGE.md §2), so the checker validates them like
any county layer. A value is written as a case would give it (money as str/Decimal/int dollars,
percent in points, dates "YYYY-MM-DD", durations "12 months", enums by name, None for `none` of an
optional parameter), or as effective-dated periods: {"before 1998-12-01": "1650", "from
1998-12-01": "4000"} ("from D to E" too). A plain value replaces every period of the parameter.
"""

import datetime as _datetime
import decimal as _decimal
import hashlib as _hashlib
import json as _json
import os as _os
import re as _re

import numpy as np
import pandas as pd

from . import CompileError, InputError, Ruleset, day_text, decision_names, int_text, load_source, shown

_PERIOD = _re.compile(r"^(before \d{4}-\d{2}-\d{2}|from \d{4}-\d{2}-\d{2}( to \d{4}-\d{2}-\d{2})?)$")
_DURATION = _re.compile(r"^\d+ (day|days|week|weeks|month|months|year|years)$")
_DATE = _re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_EXPONENT = 40   # digits either side of the point, well past the engine's 64-bit numbers


def _number(name, value, places=None):
    if isinstance(value, bool) or not isinstance(value, (str, int, float, _decimal.Decimal)):
        raise InputError(name, "expected a number (str, int or decimal.Decimal), got %s" % shown(value))
    if isinstance(value, float):
        # a float only when it is exactly what its shortest text says, as frames accept them
        text = repr(value)
        if not _re.fullmatch(r"-?\d+(\.\d+)?", text) or float(_decimal.Decimal(text)) != value:
            raise InputError(name, "float %r is not an exact decimal: pass a str or decimal.Decimal" % value)
        value = text
    try:
        d = _decimal.Decimal(int_text(name, value) if isinstance(value, int) else str(value).strip())
    except _decimal.InvalidOperation:
        raise InputError(name, "`%s` is not a number" % value) from None
    if not d.is_finite():
        raise InputError(name, "`%s` is not a number" % value)
    if abs(d.adjusted()) > _MAX_EXPONENT:
        # the checker names the limits; this only keeps "1e999999" from being written out in full
        raise InputError(name, "`%s` is beyond the range of any parameter" % value)
    exact = _decimal.Context(prec=2 * _MAX_EXPONENT + 2)
    if places is not None and d != d.quantize(_decimal.Decimal(1).scaleb(-places), rounding=_decimal.ROUND_DOWN,
                                              context=exact):
        raise InputError(name, "money has at most 2 decimals (cents): `%s`" % value)
    return d


def _plain(d):
    text = format(d, "f")
    return text


def _literal(rs, name, type_name, value):
    """The language literal of a parameter value of type `type_name`."""
    optional = type_name.endswith("?")
    bare = type_name[:-1] if optional else type_name
    if value is None:
        if not optional:
            raise InputError(name, "parameter `%s` of type %s cannot be none" % (name, type_name))
        return "none"
    if bare == "money":
        d = _number(name, value, places=2)
        sign = "-" if d < 0 else ""
        return "%s$%s" % (sign, "{:,.2f}".format(abs(d)))
    if bare == "decimal":
        return _plain(_number(name, value))
    if bare == "percent":
        return _plain(_number(name, value)) + "%"
    if bare == "int":
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise InputError(name, "expected a whole number, got %s" % shown(value))
        return int_text(name, value)
    if bare == "bool":
        if not isinstance(value, (bool, np.bool_)):
            raise InputError(name, "expected True or False, got %s" % shown(value))
        return "true" if value else "false"
    if bare == "date":
        if isinstance(value, (_datetime.date, np.datetime64)):
            value = day_text(name, value)
        if not isinstance(value, str) or not _DATE.match(value):
            raise InputError(name, "expected a date \"YYYY-MM-DD\", got %s" % shown(value))
        return value
    if bare == "duration":
        if not isinstance(value, str) or not _DURATION.match(value.strip()):
            raise InputError(name, "expected a duration such as \"12 months\" or \"30 days\", got %s" % shown(value))
        return value.strip()
    values = rs._h.enum_values(bare)
    if values:
        if not isinstance(value, str) or value not in values:
            raise InputError(name, "%s is not a %s (one of: %s)" % (shown(value), bare, ", ".join(values)))
        return value
    raise InputError(name, "parameter `%s` has type %s, which overrides cannot give" % (name, type_name))


def _root(rs):
    """The ruleset on disk that overrides extend, and the overrides already applied to it."""
    return getattr(rs, "_what_if_base", rs), dict(getattr(rs, "_what_if_overrides", {}))


def with_parameters(rs, overrides):
    if not isinstance(overrides, dict) or not overrides:
        raise InputError("overrides", "parameter overrides are a non-empty dict {name: value}")
    base, merged = _root(rs)
    merged.update(overrides)
    types = base.parameters
    lines = []
    where = []   # (first line, last line, name) of each override, for error messages
    for name, value in merged.items():
        if name not in types:
            raise InputError(str(name), "no parameter `%s` in ruleset %s" % (name, base.name))
        t = types[name]
        first = len(lines) + 4
        if isinstance(value, dict):
            if not value:
                raise InputError(name, "no periods given")
            lines.append('override parameter %s: %s cite "what-if override" {' % (name, t))
            for period, v in value.items():
                if not isinstance(period, str) or not _PERIOD.match(period.strip()):
                    raise InputError(name, "%s is not a period: write \"before D\", \"from D\" or \"from D to E\"" % shown(period))
                lines.append("  %s = %s" % (period.strip(), _literal(base, name, t, v)))
            lines.append("}")
        else:
            lines.append('override parameter %s: %s = %s cite "what-if override"' % (name, t, _literal(base, name, t, value)))
        where.append((first, len(lines) + 3, name))
    digest = _hashlib.sha1(repr(sorted(merged.items(), key=lambda kv: kv[0])).encode()).hexdigest()[:12]
    directory, file = _os.path.split(_os.path.abspath(base.path))
    path = _os.path.join(directory, ".what-if-%s.tenet" % digest)
    text = "\n".join(['ruleset %s.what_if "What if: %s"' % (base.name, ", ".join(sorted(merged))),
                      'extends "%s"' % file, ""] + lines) + "\n"
    try:
        variant = load_source(path, text, warnings=False)
    except CompileError as e:
        name = next((n for first, last, n in where if first <= e.line <= last), "overrides")
        errors = [d for d in e.diagnostics if d["severity"] == "error"]
        raise InputError(name, "; ".join(d["message"] for d in errors) or str(e)) from None
    variant._what_if_base = base
    variant._what_if_overrides = merged
    variant.source = text
    return variant


class WhatIf:
    """The result of what_if.

    summary: a DataFrame indexed by decision with `rows`, `changed` (rows whose value or state
      differs), `became_unresolved` and `became_resolved`.
    changes[decision]: a DataFrame of the changed rows (the caseload's index) with `old` and `new`
      values and `old_state` and `new_state` (ok, absent, unresolved, error).
    base, variant: the evaluated frames (values and "<decision>.state" columns).
    explain(row): why the row's decisions changed, on the explanation diff `tenet diff` uses.
    explanations(decision): the same for every changed row of a decision, as a DataFrame.
    """

    def __init__(self, base, variant, decisions, base_rs=None, variant_rs=None, case_of=None, as_of=None):
        self.base = base
        self.variant = variant
        self.base_ruleset = base_rs
        self.variant_ruleset = variant_rs
        self._case_of = case_of   # index label -> the case dict, for the explanations
        self._as_of = as_of
        self._diffs = {}
        self.changes = {}
        rows = []
        for d in decisions:
            old, new = base[d], variant[d]
            so, sn = _codes(base[d + ".state"]), _codes(variant[d + ".state"])
            both = (so == 0) & (sn == 0)
            differ = so != sn
            if both.any():
                differ[both] |= _unequal(old.iloc[both], new.iloc[both])
            changed = differ.nonzero()[0]
            if len(changed):
                self.changes[d] = pd.DataFrame({
                    "old": old.iloc[changed], "new": new.iloc[changed],
                    "old_state": base[d + ".state"].iloc[changed].astype(str),
                    "new_state": variant[d + ".state"].iloc[changed].astype(str)})
            rows.append({"decision": d, "rows": len(old), "changed": len(changed),
                         "became_unresolved": int(((so == 0) & (sn >= 2)).sum()),
                         "became_resolved": int(((so >= 2) & (sn == 0)).sum())})
        self.summary = pd.DataFrame(rows, columns=["decision", "rows", "changed", "became_unresolved",
                                                   "became_resolved"]).set_index("decision")

    @property
    def changed_decisions(self):
        return [d for d in self.summary.index if self.summary.at[d, "changed"]]

    def _diff_of(self, label):
        """[decision_diff...] of one row (an index label), computed once."""
        if label in self._diffs:
            return self._diffs[label]
        if self._case_of is None:
            raise InputError("row", "this WhatIf was made without its cases; explanations need them")
        decisions = [d for d, c in self.changes.items() if label in c.index]
        out = []
        if decisions:
            case = self._case_of(label)
            text = _case_text(case)
            before = self.base_ruleset._h.evaluate_json(text, _day(self._as_of), decisions, True, False)
            after = self.variant_ruleset._h.evaluate_json(text, _day(self._as_of), decisions, True, False)
            if not before[0] or not after[0]:
                bad = before if not before[0] else after
                raise InputError(bad[1][0][0] or "$", bad[1][0][1], row=label)
            from . import _tenet
            for d in decisions:
                diff = _tenet.decision_diff(d, self.base_ruleset.decision_type(d), before[1], after[1])
                if diff:
                    out.append(_json.loads(diff))
        self._diffs[label] = out
        return out

    def explain(self, row):
        """Why the decisions of one changed row (an index label of the caseload) differ: per
        changed decision, {"decision", "old", "new", "outcome" ("lost eligible"), "cause" (the
        steps that explain it, with citations: "resource_limit $2,000.00 -> $1,500.00 [6.002.1
        B]"), "causes" and "changes" (every rule and parameter whose value differs: "rule",
        "kind", "cite", "old", "new", "old_effective", "new_effective", "text"), and for a
        decision with a `limit`, "limit_old" and "limit_new": the bound that gave its value on
        each side ("" when none bound)}. The engine is `tenet diff`'s (src/compare)."""
        return self._diff_of(row)

    def explanations(self, decision, rows=None):
        """The changed rows of `decision` (or the first `rows` of them) with their old and new
        values, "outcome", "cause", "limit_old", "limit_new" and "changes" (the steps' texts)."""
        if decision not in self.summary.index:
            raise InputError(decision, "no decision `%s` in this comparison" % decision)
        changed = self.changes.get(decision)
        if changed is None:
            return pd.DataFrame(columns=["old", "new", "outcome", "cause", "limit_old", "limit_new", "changes"])
        labels = list(changed.index if rows is None else changed.index[:rows])
        found = []
        for label in labels:
            d = next((x for x in self._diff_of(label) if x["decision"] == decision), None) or {}
            found.append({"outcome": d.get("outcome"), "cause": d.get("cause"),
                          "limit_old": d.get("limit_old"), "limit_new": d.get("limit_new"),
                          "changes": [c["text"] for c in d.get("changes", [])]})
        extra = pd.DataFrame(found, index=pd.Index(labels, name=changed.index.name))
        return changed.loc[labels, ["old", "new"]].join(extra)

    def by_cause(self, decision, rows=None):
        """The changed rows of `decision` counted by cause, most first, as `tenet diff` groups
        them: `cause`, `rows` and `example` (the first row's index label)."""
        table = self.explanations(decision, rows)
        counts = {}
        for label, cause in zip(table.index, table["cause"]):
            counts.setdefault(cause, [0, label])[0] += 1
        out = pd.DataFrame([(cause, n, label) for cause, (n, label) in counts.items()],
                           columns=["cause", "rows", "example"])
        return out.sort_values("rows", ascending=False, kind="stable").reset_index(drop=True)

    def __repr__(self):
        changed = self.summary[self.summary["changed"] > 0]
        return "<tenet.WhatIf: %d of %d decisions change>\n%s" % (len(changed), len(self.summary), changed)


def _day(as_of):
    return "" if as_of is None else day_text("as_of", as_of)


def _case_text(case):
    from . import _case_bytes
    return case if isinstance(case, bytes) else _case_bytes(case, "$")


def _codes(states):
    """A state column (categorical of STATES) as int8 codes: 0 ok, 1 absent, 2 unresolved, 3 error."""
    return np.asarray(states.cat.codes.to_numpy(), dtype=np.int8)


def _unequal(a, b):
    """Which rows of two value columns (of one decision, every row ok on both sides) differ:
    numpy comparisons for numbers, dates, booleans and categories; lists compared row by row."""
    if isinstance(a.dtype, pd.CategoricalDtype) and isinstance(b.dtype, pd.CategoricalDtype):
        return a.astype(str).to_numpy() != b.astype(str).to_numpy() if list(a.cat.categories) != list(
            b.cat.categories) else a.cat.codes.to_numpy() != b.cat.codes.to_numpy()
    if a.dtype != object and b.dtype != object:
        try:
            return np.asarray((a.to_numpy() != b.to_numpy()), dtype=bool)
        except (TypeError, ValueError):
            pass
    a = a.astype(object).to_numpy()
    b = b.astype(object).to_numpy()
    return np.fromiter((x != y for x, y in zip(a, b)), dtype=bool, count=len(a))


def _frame_of_results(rs, cases, decisions, as_of):
    """Evaluated JSON cases as a frame of values (as `evaluate` gives them) and states."""
    data = {d: [] for d in decisions}
    for d in decisions:
        data[d + ".state"] = []
    for row, case in enumerate(cases):
        try:
            out = rs.evaluate(case, decisions=decisions, as_of=as_of)
        except InputError as e:
            raise InputError(e.path, e.message, row=row, errors=e.errors) from None
        for d in decisions:
            if d in out["decisions"]:
                data[d].append(out["decisions"][d])
                data[d + ".state"].append("ok")
            else:
                data[d].append(None)
                state = "unresolved" if d in out["unresolved"] else "error" if d in out.get("errors", {}) else "absent"
                data[d + ".state"].append(state)
    from .frame import STATES
    for d in decisions:
        data[d + ".state"] = pd.Categorical(data[d + ".state"], categories=STATES)
    return pd.DataFrame(data)


def affected_decisions(base, variant, decisions):
    """The decisions of `decisions` whose value a change from `base` to `variant` can reach: those
    `tenet diff OLD NEW` lists under the declarations added, removed or changed (following the
    references the checker resolved). The others are computed by the same declarations on both
    sides, so the variant need not evaluate them."""
    from . import _tenet
    report = _json.loads(_tenet.declaration_diff(base._h, variant._h))
    reach = set()
    for key in ("added", "removed", "changed"):
        for entry in report.get(key, []):
            if entry.get("kind") == "decision":
                reach.add(entry["name"])
            reach.update(entry.get("affects", []))
    return [d for d in decisions if d in reach]


def what_if(base, variant, cases, decisions=None, threads=1, as_of=None, **frame_options):
    """Evaluates `cases` (a DataFrame or dict of arrays, as evaluate_frame takes, or a list of
    case dicts) under `base` and `variant` (a Ruleset, or parameter overrides for base) and
    returns a WhatIf. Compares the decisions both rulesets have (or `decisions`). The variant
    evaluates only the decisions the rulesets' declaration diff says it can change; the others
    are the base's values."""
    if not isinstance(base, Ruleset):
        raise InputError("base", "what_if: the base is a tenet.Ruleset, not a %s" % type(base).__name__)
    if isinstance(variant, dict):
        variant = with_parameters(base, variant)
    elif not isinstance(variant, Ruleset):
        raise InputError("variant", "what_if: the variant is a tenet.Ruleset or a dict of parameter overrides, "
                         "not a %s" % type(variant).__name__)
    if not isinstance(cases, (list, tuple, dict, pd.DataFrame)):
        raise InputError("cases", "cases are a pandas DataFrame, a dict of arrays or a list of case dicts, "
                         "not a %s" % type(cases).__name__)
    if decisions is None:
        theirs = set(variant.decisions)
        decisions = [d for d in base.decisions if d in theirs]
    else:
        decisions = decision_names(decisions)
        for d in decisions:
            for rs in (base, variant):
                if d not in rs.decisions:
                    raise InputError(d, "no decision `%s` in ruleset %s" % (d, rs.name))
    affected = affected_decisions(base, variant, decisions)
    if isinstance(cases, (list, tuple)):
        old = _frame_of_results(base, cases, decisions, as_of)
        new = _frame_of_results(variant, cases, affected, as_of) if affected else None
        case_of = lambda label: cases[label]
    else:
        from . import frame as _frame
        kw = dict(frame_options, threads=threads, as_of=as_of, states=True)   # WhatIf reads the states
        # the columns are converted once for both rulesets when their facts are the same
        shared = {} if base._fact_types == variant._fact_types else None
        old = _frame.evaluate_frame(base, cases, decisions=decisions, _converted=shared, **kw)
        new = _frame.evaluate_frame(variant, cases, decisions=affected, _converted=shared, **kw) if affected else None
        row_options = {k: frame_options[k] for k in ("scales", "money_unit", "percent_unit", "passthrough")
                       if k in frame_options}
        frame = cases if isinstance(cases, pd.DataFrame) else pd.DataFrame(cases)

        def case_of(label):
            from .cases import row_case
            return row_case(base, frame.loc[label], **row_options)
    # the decisions the variant cannot change are the base's, column for column
    merged = old.copy(deep=False)
    if new is not None:
        for d in affected:
            merged[d] = new[d]
            merged[d + ".state"] = new[d + ".state"]
    return WhatIf(old, merged, decisions, base, variant, case_of, as_of)
