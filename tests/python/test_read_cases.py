"""Loading an extract as analysts have it (issue 19): nested case JSON, JSON lines or records,
with columns that are not facts (a case ID) kept beside the results."""

import decimal
import json
import warnings

import pandas as pd
import pytest

import tenet
from conftest import SAMPLE


def extract(tmp_path, cases, name="extract.jsonl"):
    path = tmp_path / name
    with open(path, "w") as f:
        for i, case in enumerate(cases):
            f.write(json.dumps({"case_id": "C%03d" % i, **case}) + "\n")
    return path


def test_nested_jsonl_with_an_id_column_evaluates_and_keeps_the_id(weld, sample_cases, tmp_path):
    df = tenet.read_cases(extract(tmp_path, sample_cases[:40]))
    assert "household.size" in df.columns and "case_id" in df.columns
    assert isinstance(df.at[0, "history.supportive_payments"], list)   # a list column
    out = weld.evaluate_frame(df, decisions=["eligible", "grant_payable"], passthrough=["case_id"])
    assert list(out.columns) == ["case_id", "eligible", "grant_payable"]
    assert out["case_id"].tolist() == ["C%03d" % i for i in range(40)]
    for i, case in enumerate(sample_cases[:40]):
        expected = weld.evaluate(case, decisions=["grant_payable"])["decisions"].get("grant_payable")
        got = out.at[i, "grant_payable"]
        assert (None if pd.isna(got) else "%d.%02d" % divmod(int(got), 100)) == expected


def test_a_json_array_json_lines_and_records_read_alike(weld, sample_cases, tmp_path):
    array, lines = tmp_path / "cases.json", tmp_path / "cases.jsonl"
    array.write_text(json.dumps(sample_cases[:5]))
    lines.write_text("".join(json.dumps(c) + "\n" for c in sample_cases[:5]))
    pd.testing.assert_frame_equal(tenet.read_cases(array), tenet.read_cases(lines))
    records = tenet.read_cases(sample_cases[:5])   # floats already parsed: a float64 column
    assert records["caretaker.weekly_work_hours"].dtype == "float64"
    pd.testing.assert_frame_equal(weld.evaluate_frame(records), weld.evaluate_frame(tenet.read_cases(array)))


def test_numbers_are_read_exactly(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"household": {"countable_resources": 1234.56, "size": 3}}\n')
    df = tenet.read_cases(path)
    assert df.at[0, "household.countable_resources"] == decimal.Decimal("1234.56")
    assert str(df["household.size"].dtype) == "Int64"


def test_without_passthrough_an_id_column_is_an_error_that_says_what_to_do(weld, sample_cases, tmp_path):
    df = tenet.read_cases(extract(tmp_path, sample_cases[:3]))
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(df, decisions=["eligible"])
    assert e.value.path == "case_id" and "passthrough=" in str(e.value)


def test_passthrough_true_keeps_every_column_that_is_not_a_fact_with_a_warning(weld, sample_cases, tmp_path):
    df = tenet.read_cases(extract(tmp_path, sample_cases[:3]))
    df["office"] = ["Greeley", "Evans", "Greeley"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = weld.evaluate_frame(df, decisions=["eligible"], passthrough=True)
    assert any("case_id, office" in str(w.message) for w in caught)
    assert out["office"].tolist() == ["Greeley", "Evans", "Greeley"]


def test_a_passthrough_column_named_like_a_decision_is_an_error(weld, sample_cases):
    df = tenet.read_cases(sample_cases[:2])
    df["eligible"] = [1, 2]
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(df, decisions=["eligible"], passthrough=["eligible"])
    assert e.value.path == "eligible"


def test_a_line_that_is_not_json_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"as_of": "1999-06-01"}\n{"as_of": \n')
    with pytest.raises(tenet.InputError) as e:
        tenet.read_cases(path)
    assert e.value.path == "%s:2" % path


def test_the_sample_loads_whole(weld):
    df = tenet.read_cases(SAMPLE)
    assert len(df) == 500
    out = weld.evaluate_frame(df, decisions=["eligible"])
    assert out["eligible"].notna().sum() > 400
