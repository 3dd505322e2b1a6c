"""Ruleset.use_compiled_code: evaluate() through the ruleset's C gives the interpreter's results on
the language tour's cases, and a missing compiler is a tenet.Error that leaves the interpreter."""
import json
import shutil

import pytest

import tenet
from conftest import ROOT

COUNTY = ROOT / "tests" / "rulesets" / "tour" / "county.tenet"
CASE = {"as_of": "1999-06-01",
        "household": {"size": 3, "family_type": "single_parent", "monthly_gross_income": "900",
                      "countable_resources": "1500", "monthly_grant": "303.00"},
        "caretaker": {"fugitive_felon": False, "weekly_hours": 25},
        "history": {"episodes": [{"start": "1999-05-03"}], "diversion_payments": []},
        "request": {"items": [{"item": "vision", "amount": "200"}], "director_exception": False}}

pytestmark = pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler (cc) on PATH")


def variants():
    """The case, without a fact (unresolved decisions), with a list emptied."""
    yield CASE
    no_hours = json.loads(json.dumps(CASE))
    del no_hours["caretaker"]["weekly_hours"]
    yield no_hours
    empty = json.loads(json.dumps(CASE))
    empty["history"]["episodes"] = []
    yield empty


def test_compiled_code_gives_the_interpreters_results(tmp_path):
    interpreted = tenet.load(COUNTY)
    compiled = tenet.load(COUNTY).use_compiled_code(cache_dir=tmp_path)
    assert list(tmp_path.glob("*.so")), "no library in the cache"
    for case in variants():
        assert compiled.evaluate(case) == interpreted.evaluate(case)
        assert compiled.evaluate(case, decisions=["eligible"]) == interpreted.evaluate(case, decisions=["eligible"])
        assert compiled.explain(case) == interpreted.explain(case)


def test_no_compiler_is_an_error_and_the_interpreter_stays(tmp_path):
    rs = tenet.load(COUNTY)
    with pytest.raises(tenet.Error, match="no C compiler: `/nonexistent/cc` is not on PATH"):
        rs.use_compiled_code(compiler="/nonexistent/cc", cache_dir=tmp_path)
    assert rs.evaluate(CASE) == tenet.load(COUNTY).evaluate(CASE)
