"""tenet.load, evaluate and explain: the JSON of `tenet eval`, as Python objects, and errors as
tenet.Error subclasses with positions and JSON paths."""

import decimal
import json
import os
import subprocess

import pytest

import tenet
from conftest import SAMPLE, WELD


def test_introspection(weld):
    assert weld.name == "colorado.weld"
    assert "adjusted_grant" in weld.decisions and "eligible" in weld.decisions
    assert weld.facts[0] == "as_of" and "household.size" in weld.facts
    assert weld.parameters["diversion_yearly_cap"] == "money"
    assert weld.decision_type("adjusted_grant") == "money"


def test_evaluate_gives_the_json_of_tenet_eval(weld, sample_cases, tmp_path):
    case = sample_cases[0]
    out = weld.evaluate(case)
    assert set(out) == {"decisions", "unresolved"}
    assert isinstance(out["decisions"]["adjusted_grant"], str)   # money as a string
    cli = os.environ.get("TENET_CLI")
    if cli and os.path.exists(cli):
        path = tmp_path / "case.json"
        path.write_text(json.dumps(case))
        printed = subprocess.run([cli, "eval", str(WELD), "--case", str(path)], capture_output=True, check=True, text=True)
        assert json.loads(printed.stdout) == out


def test_evaluate_takes_decimals_dates_and_json_text(weld, sample_cases):
    import datetime
    case = json.loads(json.dumps(sample_cases[1]))
    expected = weld.evaluate(case)
    case["household"]["monthly_gross_income"] = decimal.Decimal(case["household"]["monthly_gross_income"])
    case["as_of"] = datetime.date.fromisoformat(case["as_of"])
    assert weld.evaluate(case) == expected
    assert weld.evaluate(json.dumps(sample_cases[1])) == expected


def test_decisions_and_strict_mode(weld, sample_cases):
    out = weld.evaluate(sample_cases[0], decisions=["eligible"])
    assert list(out["decisions"]) == ["eligible"]
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate({"as_of": "1999-06-01"}, decisions=["eligible"], strict=True)
    assert e.value.path.startswith("$.")
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate(sample_cases[0], decisions=["no_such_decision"])
    assert e.value.path == "no_such_decision"


def test_bad_cases_raise_input_error_with_the_json_path(weld):
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate({"as_of": "1999-06-01", "household": {"sise": 3}})
    assert e.value.path == "$.household.sise"
    assert "unknown key" in e.value.message
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate({"as_of": "1999-06-01", "household": {"monthly_gross_income": "12.345"}})
    assert e.value.path == "$.household.monthly_gross_income"
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate({"household": {"size": 3}})
    assert e.value.path == "$.as_of"
    with pytest.raises(tenet.InputError):
        weld.evaluate({"as_of": "1999-06-01", "household": {"size": float("nan")}})
    assert isinstance(e.value, tenet.Error)


def test_explain(weld, sample_cases):
    out = weld.explain(sample_cases[0], decisions=["diversion_approved"])
    steps = out["explanation"]["diversion_approved"]
    assert any(s.get("rule") == "diversion_yearly_cap" for s in steps)
    assert all("cite" in s for s in steps)


def test_compile_errors_carry_positions(tmp_path):
    bad = tmp_path / "bad.tenet"
    bad.write_text('ruleset t "t"\nfacts f { a: int }\ndecision d: int cite "x" = f.a + true\n')
    with pytest.raises(tenet.CompileError) as e:
        tenet.load(bad)
    assert e.value.file.endswith("bad.tenet")
    assert e.value.line == 3 and e.value.column > 1
    assert e.value.diagnostics and all("message" in d for d in e.value.diagnostics)
    assert isinstance(e.value, tenet.Error)
    with pytest.raises(tenet.CompileError):
        tenet.load(tmp_path / "missing.tenet")


def test_the_rulesets_own_tests_pass(weld):
    results = weld.run_tests()
    assert results and all(passed for _, passed, _ in results)


def test_numpy_scalars_in_a_case_dict_are_their_values(weld, sample_cases):
    import numpy as np
    case = json.loads(json.dumps(sample_cases[0]))
    expected = weld.evaluate(case)
    case["household"]["size"] = np.int64(case["household"]["size"])          # as a frame row's to_dict()
    case["household"]["remote_location"] = np.bool_(case["household"]["remote_location"])
    case["caretaker"]["weekly_work_hours"] = np.float64(case["caretaker"]["weekly_work_hours"])
    assert weld.evaluate(case) == expected
    case["household"]["size"] = np.array([1, 2])
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate(case)
    assert e.value.path == "$.household.size"
