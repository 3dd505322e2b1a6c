"""Ruleset.use_compiled_code: evaluate() and evaluate_frame() through the ruleset's C give the
interpreter's results on the language tour's cases, and a missing compiler is a tenet.Error that
leaves the interpreter."""
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


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """One cache for the module's tests: the C is built once."""
    return tmp_path_factory.mktemp("cache")


def variants():
    """The case, without a fact (unresolved decisions), with a list emptied."""
    yield CASE
    no_hours = json.loads(json.dumps(CASE))
    del no_hours["caretaker"]["weekly_hours"]
    yield no_hours
    empty = json.loads(json.dumps(CASE))
    empty["history"]["episodes"] = []
    yield empty


def test_compiled_code_gives_the_interpreters_results(cache):
    interpreted = tenet.load(COUNTY)
    compiled = tenet.load(COUNTY).use_compiled_code(cache_dir=cache)
    assert list(cache.glob("*.so")), "no library in the cache"
    for case in variants():
        assert compiled.evaluate(case) == interpreted.evaluate(case)
        assert compiled.evaluate(case, decisions=["eligible"]) == interpreted.evaluate(case, decisions=["eligible"])
        assert compiled.explain(case) == interpreted.explain(case)


def test_no_compiler_is_an_error_and_the_interpreter_stays(tmp_path):
    rs = tenet.load(COUNTY)
    with pytest.raises(tenet.Error, match="no C compiler: `/nonexistent/cc` is not on PATH"):
        rs.use_compiled_code(compiler="/nonexistent/cc", cache_dir=tmp_path)
    assert rs.evaluate(CASE) == tenet.load(COUNTY).evaluate(CASE)


class _Recording:
    """A ruleset handle that keeps what evaluate_columns says of each frame: how many decisions
    went through the columnar kernels and how many through the compiled code."""

    def __init__(self, handle):
        self._handle = handle
        self.counts = []

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def evaluate_columns(self, *args):
        ok, payload = self._handle.evaluate_columns(*args)
        self.counts.append(tuple(payload[1:]))
        return ok, payload


def test_frames_compute_with_the_compiled_code(cache):
    import pandas as pd
    interpreted = tenet.load(COUNTY)
    compiled = tenet.load(COUNTY).use_compiled_code(cache_dir=cache)
    compiled._h = _Recording(compiled._h)
    frame = pd.json_normalize(list(variants()) * 3)   # lists of dicts stay lists: list facts
    assert "history.episodes" in frame.columns
    for threads in (1, 2):
        for reasons in (False, True):
            want = interpreted.evaluate_frame(frame, threads=threads, states=True, reasons=reasons)
            got = compiled.evaluate_frame(frame, threads=threads, states=True, reasons=reasons)
            pd.testing.assert_frame_equal(got, want)
    assert (want.filter(like=".state") == "unresolved").any().any()   # reasons compared too
    # every decision went through the compiled code, none through the columnar kernels
    assert compiled._h.counts == [(0, len(compiled.decisions))] * 4
