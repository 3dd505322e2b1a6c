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
    """

    def __init__(self, base, variant, decisions):
        self.base = base
        self.variant = variant
        self.changes = {}
        rows = []
        for d in decisions:
            old, new = base[d], variant[d]
            so, sn = base[d + ".state"].astype(str), variant[d + ".state"].astype(str)
            both = ((so == "ok") & (sn == "ok")).to_numpy()
            differ = (so != sn).to_numpy().copy()
            if both.any():
                differ[both] |= _unequal(old[both], new[both])
            changed = differ.nonzero()[0]
            if len(changed):
                self.changes[d] = pd.DataFrame({
                    "old": old.iloc[changed], "new": new.iloc[changed],
                    "old_state": so.iloc[changed], "new_state": sn.iloc[changed]})
            rows.append({"decision": d, "rows": len(old), "changed": len(changed),
                         "became_unresolved": int(((so == "ok") & (sn != "ok") & (sn != "absent")).sum()),
                         "became_resolved": int(((so != "ok") & (so != "absent") & (sn == "ok")).sum())})
        self.summary = pd.DataFrame(rows, columns=["decision", "rows", "changed", "became_unresolved",
                                                   "became_resolved"]).set_index("decision")

    @property
    def changed_decisions(self):
        return [d for d in self.summary.index if self.summary.at[d, "changed"]]

    def __repr__(self):
        changed = self.summary[self.summary["changed"] > 0]
        return "<tenet.WhatIf: %d of %d decisions change>\n%s" % (len(changed), len(self.summary), changed)


def _unequal(a, b):
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
    return pd.DataFrame(data)


def what_if(base, variant, cases, decisions=None, threads=1, as_of=None, **frame_options):
    """Evaluates `cases` (a DataFrame or dict of arrays, as evaluate_frame takes, or a list of
    case dicts) under `base` and `variant` (a Ruleset, or parameter overrides for base) and
    returns a WhatIf. Compares the decisions both rulesets have (or `decisions`)."""
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
    if isinstance(cases, (list, tuple)):
        old = _frame_of_results(base, cases, decisions, as_of)
        new = _frame_of_results(variant, cases, decisions, as_of)
    else:
        kw = dict(frame_options, threads=threads, decisions=decisions, as_of=as_of, states=True)   # WhatIf reads the states
        old = base.evaluate_frame(cases, **kw)
        new = variant.evaluate_frame(cases, **kw)
    return WhatIf(old, new, decisions)
