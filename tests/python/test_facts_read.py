"""Speed (issue 19): evaluate_frame decodes only the history columns a requested decision reads;
what_if's variant evaluates only the decisions a change can reach (test_what_if_explained.py)."""

import pytest

import tenet


def test_facts_read_follows_the_decisions(weld):
    eligible = set(weld._h.facts_read([weld.decisions.index("eligible")]))
    assert "household.countable_resources" in eligible
    assert not any(f.startswith("history.") for f in eligible)
    approved = set(weld._h.facts_read([weld.decisions.index("diversion_approved")]))
    assert {"history.diversion_payments", "request.diversion_items"} <= approved
    assert "history.sanction_episodes" not in approved
    assert set(weld._h.facts_read([])) <= set(weld.facts)


def test_a_history_no_requested_decision_reads_is_not_decoded(weld, sample_cases):
    frame = tenet.read_cases(sample_cases[:20])
    frame["history.sanction_episodes"] = "[{"   # not JSON: decoding it would fail
    out = weld.evaluate_frame(frame, decisions=["eligible", "diversion_approved"])
    assert out["eligible"].notna().all()
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame, decisions=["sanction_level"])
    assert e.value.path == "history.sanction_episodes" and e.value.row == 0


def test_results_are_the_same_with_and_without_the_unread_columns(weld, sample_cases):
    frame = tenet.read_cases(sample_cases)
    scalar = frame[[c for c in frame.columns if not c.startswith(("history.", "request.diversion_items"))
                    or c in ("history.dual_state_conviction_date", "history.employment_termination_date")]]
    decisions = ["eligible", "grant_payable", "work_exempt", "meets_required_hours"]
    with_lists = weld.evaluate_frame(frame, decisions=decisions, states=True)
    without = weld.evaluate_frame(scalar, decisions=["eligible"], states=True)
    assert with_lists["eligible"].equals(without["eligible"])
