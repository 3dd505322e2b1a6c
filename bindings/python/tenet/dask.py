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

The tasks are named after the files' digests as evaluate() read them, so a change to any file
gives new tasks: Dask never hands back a result computed under the earlier text (it reuses a
result whose task has the same name while the scheduler still holds it). A worker whose files
are not those (changed after evaluate(), or another copy on another machine) raises
InputError rather than answer under another policy text.
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


def _compiled(path):
    """(ruleset, version): the compiled ruleset at the absolute `path`, compiled once per
    process and again when any file of it changes; `version` the hex SHA-256 of its files'
    names and digests."""
    global loads
    with _lock:
        cached = _rulesets.get(path)
        if cached is not None and _unchanged(cached[1]):
            return cached[0], cached[2]
        rs = tenet.load(path)
        loads += 1
        files = [(os.path.abspath(file), _digest(text)) for file, text in rs._h.sources]
        version = hashlib.sha256(b"".join(file.encode() + b"\0" + digest for file, digest in files)).hexdigest()
        _rulesets[path] = (rs, files, version)
        return rs, version


def ruleset(path):
    """The compiled ruleset at `path`, compiled once per process and again when any file of
    it changes."""
    return _compiled(os.path.abspath(tenet._file_name(path)))[0]


def _evaluate_partition(frame, path, version, options):
    rs, here = _compiled(path)
    if here != version:
        raise tenet.InputError(path, "the ruleset's files on this worker are not those evaluate() compiled "
                                     "(changed since, or another copy): call evaluate() again")
    return rs.evaluate_frame(frame, **options)


def evaluate(ddf, ruleset_path, **options):
    """A dask DataFrame with one column per decision (as evaluate_frame returns), partitioned
    and indexed as `ddf`. The output's schema comes from evaluating ddf's empty meta here, which
    checks the columns and options before any partition runs."""
    if not hasattr(ddf, "map_partitions") or not hasattr(ddf, "_meta"):
        raise tenet.InputError("ddf", "tenet.dask.evaluate takes a dask DataFrame, not a %s" % type(ddf).__name__)
    ruleset_path = os.path.abspath(tenet._file_name(ruleset_path))
    rs, version = _compiled(ruleset_path)
    meta = rs.evaluate_frame(ddf._meta, **options)
    # the version is an argument so that it is in the tasks' names (see above)
    return ddf.map_partitions(_evaluate_partition, ruleset_path, version, options, meta=meta,
                              align_dataframes=False, enforce_metadata=False)
