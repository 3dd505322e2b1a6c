"""Caseloads on Dask: evaluate a dask DataFrame partition by partition, on any number of workers.

    import dask.dataframe as dd, tenet.dask
    out = tenet.dask.evaluate(ddf, "rulesets/colorado/weld.tenet", threads=1)
    out.compute()

Each worker process compiles the ruleset once and keeps it, with the SHA-256 of every file the
compilation read (the root and each file it extends or imports): before each partition the
files are read again, and a change in any of them (or one gone) recompiles. The ruleset must be
readable at the same path on every worker. Keyword arguments are those of
Ruleset.evaluate_frame. Errors are those of tenet.load and evaluate_frame, raised where
compute() is called.
"""

import hashlib
import os
import threading

import tenet

_rulesets = {}   # absolute root path -> (Ruleset, [(file, SHA-256 of the text compiled)...])
_lock = threading.Lock()
loads = 0   # compilations in this process (tests check that workers compile once)


def _digest(text):
    return hashlib.sha256(text).digest()


def _unchanged(files):
    for path, digest in files:
        try:
            with open(path, "rb") as f:
                if _digest(f.read()) != digest:
                    return False
        except OSError:
            return False
    return True


def ruleset(path):
    """The compiled ruleset at `path`, compiled once per process and again when any file of
    it changes."""
    global loads
    path = os.path.abspath(tenet._file_name(path))
    with _lock:
        cached = _rulesets.get(path)
        if cached is not None and _unchanged(cached[1]):
            return cached[0]
        rs = tenet.load(path)
        loads += 1
        _rulesets[path] = (rs, [(os.path.abspath(file), _digest(text)) for file, text in rs._h.sources])
        return rs


def _evaluate_partition(frame, path, options):
    return ruleset(path).evaluate_frame(frame, **options)


def evaluate(ddf, ruleset_path, **options):
    """A dask DataFrame with one column per decision (as evaluate_frame returns), partitioned
    and indexed as `ddf`. The output's schema comes from evaluating ddf's empty meta here, which
    checks the columns and options before any partition runs."""
    if not hasattr(ddf, "map_partitions") or not hasattr(ddf, "_meta"):
        raise tenet.InputError("ddf", "tenet.dask.evaluate takes a dask DataFrame, not a %s" % type(ddf).__name__)
    ruleset_path = os.path.abspath(tenet._file_name(ruleset_path))
    meta = ruleset(ruleset_path).evaluate_frame(ddf._meta, **options)
    return ddf.map_partitions(_evaluate_partition, ruleset_path, options, meta=meta,
                              align_dataframes=False, enforce_metadata=False)
