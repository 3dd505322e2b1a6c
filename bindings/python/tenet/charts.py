"""The usual charts of a reform memo, drawn with matplotlib (Debian's python3-matplotlib) on the
Agg backend, so they render without a display:

    fig = tenet.charts.distribution(r, "grant_payable")   # before and after, weighted
    fig = tenet.charts.winners_losers(r.winners_losers(by="household.family_type"))
    fig = tenet.charts.participation(tenet.caseload(rs, df))
    fig.savefig("grant.png", dpi=120)

Each function returns the matplotlib Figure (or draws on `ax` when given one).
"""

import matplotlib

matplotlib.use("Agg")   # before pyplot: files, not windows

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

__all__ = ["distribution", "winners_losers", "participation"]

_BEFORE, _AFTER, _WIN, _LOSE, _TARGET = "#7f8c9b", "#2a6fdb", "#2e8b57", "#c0392b", "#e67e22"


def _text(label):
    """A label shown as written: matplotlib would read "$1,500 ... $4,000" as mathematics."""
    return str(label).replace("$", r"\$")


def _money(amount):
    """-3068.99 -> "-$3,068.99"."""
    return ("-" if amount < 0 else "") + "$" + format(abs(amount), ",")


def _group_name(name):
    """"household.family_type" -> "family type"."""
    return str(name or "group").rsplit(".", 1)[-1].replace("_", " ")


def _axes(ax, size=(7, 4)):
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    return fig, ax


def distribution(reform, decision="grant_payable", bins=20, ax=None):
    """The distribution of a money decision over the caseload before and after the reform, in
    dollars, weighted when the reform has weights; rows decided on one side only are left out."""
    fig, ax = _axes(ax)
    w = reform.what_if
    values = []
    for frame in (w.base, w.variant):
        ok = (frame[decision + ".state"] == "ok").to_numpy()
        values.append((frame[decision].to_numpy(dtype=np.int64, na_value=0)[ok] / 100.0,
                       None if reform.weights is None else reform.weights[ok].astype(float)))
    top = max([v.max() for v, _ in values if len(v)] + [1.0])
    edges = np.linspace(0, top, bins + 1)
    for (v, weight), label, color in zip(values, ("before", _text("after: " + reform.name)), (_BEFORE, _AFTER)):
        ax.hist(v, bins=edges, weights=weight, histtype="step" if label == "before" else "stepfilled",
                linewidth=2, color=color, alpha=1.0 if label == "before" else 0.45, label=label)
    ax.set_xlabel("%s (dollars a month)" % decision)
    ax.set_ylabel("cases" + (" (weighted)" if reform.weights is not None else ""))
    ax.set_title("%s before and after the reform" % decision)
    ax.legend(frameon=False)
    return fig


def winners_losers(table, ax=None, title=None):
    """Winners and losers per group, as bars either side of zero, from Reform.winners_losers()."""
    fig, ax = _axes(ax)
    groups = [str(g) for g in table.index]
    y = np.arange(len(groups))
    winners = np.array([float(v) for v in table["winners"]])
    losers = np.array([float(v) for v in table["losers"]])
    ax.barh(y, winners, color=_WIN, label="winners")
    ax.barh(y, -losers, color=_LOSE, label="losers")
    for i, (win, lose, change) in enumerate(zip(winners, losers, table["change"])):
        ax.annotate(_text("change " + _money(change)), (max(win, 0), i), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, groups)
    ax.set_xlabel("cases (losers left, winners right)")
    ax.set_title(title or "Winners and losers by %s" % _group_name(table.index.name))
    low, high = ax.get_xlim()
    ax.set_xlim(low, high + (high - low) * 0.35)   # room for the labels
    ax.legend(frameon=False, loc="lower right")
    return fig


def participation(table, ax=None):
    """The participation rate against the county target per fiscal year and family type, from
    tenet.caseload()."""
    fig, ax = _axes(ax)
    rows = [(f, y) for f, y in table.index]
    x = np.arange(len(rows))
    rates = [float(v) for v in table["rate"]]
    targets = [np.nan if t is None else float(t) for t in table["target"]]
    ax.bar(x, rates, width=0.6, color=_AFTER, label="participation rate")
    ax.hlines(targets, x - 0.4, x + 0.4, colors=_TARGET, linewidths=3, label="county target", zorder=3)
    for i, (r, t) in enumerate(zip(rates, targets)):
        ax.annotate("%.1f%%" % r, (i, r), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
        if t == t:
            ax.annotate("target %g%%" % t, (i + 0.4, t), xytext=(4, 2), textcoords="offset points", fontsize=9,
                        color=_TARGET)
    ax.set_xticks(x, ["%s\nFY%s" % (f.replace("_", " "), y) for f, y in rows])
    ax.set_ylabel("percent of cases")
    ax.set_ylim(0, 100)
    ax.set_title("Work participation against the county target")
    ax.legend(frameon=False, loc="upper right")
    return fig
