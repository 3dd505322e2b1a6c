"""tenet.dask on a two-worker LocalCluster (separate processes, loopback): the same frame as one
process computes, on 100,000 synthetic Weld cases; each worker compiles the ruleset once."""

import pandas as pd
import pytest

import tenet
from conftest import WELD
from weld_synthetic import SCALES, weld_frame

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def test_local_cluster_gives_the_single_process_results(weld):
    import tenet.dask
    frame = weld_frame(100_000, seed=2024)
    expected = weld.evaluate_frame(frame, scales=SCALES)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        ddf = dd.from_pandas(frame, npartitions=8)
        got = tenet.dask.evaluate(ddf, str(WELD), scales=SCALES).compute()
        loads = client.run(lambda: __import__("tenet.dask").dask.loads)
    pd.testing.assert_frame_equal(expected, got)
    # each worker compiled at most once, however many partitions it ran
    assert len(loads) == 2 and all(n <= 1 for n in loads.values()) and sum(loads.values()) >= 1, loads
