"""Caseloads on Dask: evaluate a dask DataFrame partition by partition, on any number of workers.

    import dask.dataframe as dd, tenet.dask
    out = tenet.dask.evaluate(ddf, "rulesets/colorado/weld.tenet", threads=1)
    out.compute()

Each worker process compiles the ruleset once and keeps it (cached by absolute path and the
file's modification time: edit the root file and the next partition recompiles; a change in a
file it extends or imports alone is not noticed). The ruleset must be readable at the same path
on every worker. Keyword arguments are those of Ruleset.evaluate_frame.
"""

import os

import tenet

_rulesets = {}
loads = 0   # compilations in this process (tests check that workers compile once)


def ruleset(path):
    """The compiled ruleset at `path`, compiled once per process."""
    global loads
    path = os.path.abspath(path)
    key = (path, os.stat(path).st_mtime_ns)
    rs = _rulesets.get(key)
    if rs is None:
        rs = tenet.load(path)
        loads += 1
        for stale in [k for k in _rulesets if k[0] == path]:
            del _rulesets[stale]
        _rulesets[key] = rs
    return rs


def _evaluate_partition(frame, path, options):
    return ruleset(path).evaluate_frame(frame, **options)


def evaluate(ddf, ruleset_path, **options):
    """A dask DataFrame with one column per decision (as evaluate_frame returns), partitioned
    and indexed as `ddf`. The output's schema comes from evaluating ddf's empty meta here."""
    ruleset_path = os.path.abspath(ruleset_path)
    meta = ruleset(ruleset_path).evaluate_frame(ddf._meta, **options)
    return ddf.map_partitions(_evaluate_partition, ruleset_path, options, meta=meta,
                              align_dataframes=False, enforce_metadata=False)
