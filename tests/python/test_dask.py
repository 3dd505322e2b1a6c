"""tenet.dask on a two-worker LocalCluster (separate processes, loopback): the same frame as one
process computes, on 100,000 synthetic Weld cases and on the sample caseload with its history
columns; each worker compiles the ruleset once, and again when any file of it changes; a bad
value in a partition reaches the caller as the InputError it is."""

import pandas as pd
import pytest

import tenet
from conftest import WELD
from weld_synthetic import SCALES, weld_frame

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield client


def worker_loads(client):
    return client.run(lambda: __import__("tenet.dask").dask.loads)


def test_local_cluster_gives_the_single_process_results(weld, client):
    import tenet.dask
    frame = weld_frame(100_000, seed=2024)
    expected = weld.evaluate_frame(frame, scales=SCALES)
    before = worker_loads(client)
    ddf = dd.from_pandas(frame, npartitions=8)
    got = tenet.dask.evaluate(ddf, str(WELD), scales=SCALES).compute()
    pd.testing.assert_frame_equal(expected, got)
    # each worker compiled at most once, however many partitions it ran
    loads = {w: n - before[w] for w, n in worker_loads(client).items()}
    assert len(loads) == 2 and all(n <= 1 for n in loads.values()) and sum(loads.values()) >= 1, loads


def test_the_sample_caseload_with_its_histories_gives_every_decision_of_one_process(weld, sample_cases, client):
    import tenet.dask
    frame = pd.json_normalize(sample_cases)
    assert frame["history.supportive_payments"].map(len).sum() > 0   # list facts, as Python lists
    expected = weld.evaluate_frame(frame, states=True, reasons=True)
    ddf = dd.from_pandas(frame, npartitions=4)
    got = tenet.dask.evaluate(ddf, str(WELD), states=True, reasons=True).compute()
    assert list(got.columns) == list(expected.columns) and len(got) == len(sample_cases)
    pd.testing.assert_frame_equal(expected, got)


def test_workers_recompile_when_a_file_the_ruleset_extends_changes(tmp_path, client):
    import tenet.dask
    (tmp_path / "base.tenet").write_text(
        'ruleset t.base "A base plan"\n'
        'fact income: money\n'
        'parameter ceiling: money = $100 cite "base plan"\n'
        'decision over_ceiling: bool cite "base plan" = income > ceiling\n')
    layer = tmp_path / "layer.tenet"
    layer.write_text('ruleset t.layer "A county layer"\nextends "base.tenet"\n'
                     'decision doubled: money cite "layer" = income * 2\n')
    ddf = dd.from_pandas(pd.DataFrame({"income": ["150.00", "50.00", "250.00", "10.00"]}), npartitions=2)

    def over_ceiling():
        out = tenet.dask.evaluate(ddf, str(layer), as_of="2000-01-01").compute()
        return list(out["over_ceiling"])

    # the first result stays held in the cluster: a task of the same name would hand it back
    held = tenet.dask.evaluate(ddf, str(layer), as_of="2000-01-01").persist()
    assert over_ceiling() == [True, False, True, False]
    # the layer (the root file) is untouched: only what it extends changes
    base = tmp_path / "base.tenet"
    base.write_text(base.read_text().replace("$100", "$200"))
    assert over_ceiling() == [False, False, True, False]
    assert list(held["over_ceiling"].compute()) == [True, False, True, False]

    # a graph built before the change does not run under the new text
    stale = tenet.dask.evaluate(ddf, str(layer), as_of="2000-01-01")
    base.write_text(base.read_text().replace("$200", "$300"))
    with pytest.raises(tenet.InputError) as e:
        stale.compute()
    assert e.value.path == str(layer) and "evaluate() again" in e.value.message
    assert over_ceiling() == [False, False, False, False]


def test_a_bad_value_in_a_partition_is_an_input_error_at_its_column_and_row(weld, sample_cases, client):
    import tenet.dask
    frame = pd.json_normalize(sample_cases[:40])
    frame.loc[35, "household.size"] = 99
    ddf = dd.from_pandas(frame, npartitions=2)
    with pytest.raises(tenet.InputError) as e:
        tenet.dask.evaluate(ddf, str(WELD)).compute()
    assert e.value.path == "household.size" and e.value.row is not None


def test_a_missing_ruleset_is_a_compile_error_naming_the_file(tmp_path, sample_cases):
    import tenet.dask
    ddf = dd.from_pandas(pd.json_normalize(sample_cases[:4]), npartitions=1)
    missing = tmp_path / "no_such.tenet"
    with pytest.raises(tenet.CompileError) as e:
        tenet.dask.evaluate(ddf, str(missing))
    assert e.value.path == str(missing)
    with pytest.raises(tenet.InputError) as e:
        tenet.dask.evaluate(pd.json_normalize(sample_cases[:4]), str(WELD))
    assert e.value.path == "ddf"
