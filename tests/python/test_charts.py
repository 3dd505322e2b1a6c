"""The memo charts (issue 19), drawn with matplotlib on the Agg backend."""

import pytest

import tenet

matplotlib = pytest.importorskip("matplotlib", reason="Debian's python3-matplotlib draws the charts")
import tenet.charts  # noqa: E402


@pytest.fixture(scope="module")
def reform(weld, sample_cases):
    frame = tenet.read_cases(sample_cases)
    return tenet.reform(weld, {"resource_limit": "1500.00"}, frame)


def test_distribution_before_and_after(reform, tmp_path):
    fig = tenet.charts.distribution(reform, "grant_payable")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["before", "after: resource_limit = 1500.00"]
    fig.savefig(tmp_path / "d.png")
    assert (tmp_path / "d.png").read_bytes()[:4] == b"\x89PNG"


def test_winners_losers_bars_per_group(reform, tmp_path):
    table = reform.winners_losers(by="household.family_type")
    fig = tenet.charts.winners_losers(table)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(table.index)
    losers = [p.get_width() for p in ax.patches if p.get_width() < 0]
    assert sorted(-x for x in losers) == sorted(float(x) for x in table["losers"] if x)
    fig.savefig(tmp_path / "w.png")


def test_participation_against_target(weld, sample_cases, tmp_path):
    table = tenet.caseload(weld, tenet.read_cases(sample_cases))
    fig = tenet.charts.participation(table)
    ax = fig.axes[0]
    assert len([p for p in ax.patches]) == len(table)
    fig.savefig(tmp_path / "p.png")
