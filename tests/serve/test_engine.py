"""`tenet serve --engine compiled`: each ruleset's C is built in the background while the
interpreter answers, and the answers are the same before and after the code is loaded, after a
reload too; stopping the service kills a build in progress instead of waiting for it."""
import copy
import json
import os
import shutil
import signal
import stat
import subprocess
import time

import pytest

from serve_helper import LEVEL1_CASE, TIMEOUT, WORKS, Server

if not shutil.which(os.environ.get("CC", "cc")):
    pytest.skip("no C compiler (cc or $CC) on PATH", allow_module_level=True)


def engine(s, name="colorado.works"):
    return {r["name"]: r for r in s.get("/v1/rulesets")[1]["rulesets"]}[name]["engine"]


def wait_for_engine(s, want, name="colorado.works"):
    for _ in range(1800):  # bounded: building the C takes seconds, a minute on a loaded machine
        if engine(s, name) == want:
            return
        time.sleep(0.1)
    raise AssertionError("the engine is still " + engine(s, name) + ", not " + want)


def cases():
    """A level-1 sanction, level 2 a month on, a household without a grant (unresolved decisions),
    and one that names no household at all."""
    level2 = copy.deepcopy(LEVEL1_CASE)
    level2["as_of"] = "1999-07-01"
    no_grant = copy.deepcopy(LEVEL1_CASE)
    del no_grant["household"]["monthly_basic_cash_grant"]
    bare = {"as_of": "1999-06-01"}
    return [LEVEL1_CASE, level2, no_grant, bare]


def answers(s):
    out = []
    for case in cases():
        status, body = s.post("/v1/rulesets/colorado.works/evaluate", case)
        assert status == 200, body
        body.pop("request_id")
        out.append(body)
    status, text = s.post("/v1/rulesets/colorado.works/batch",
                          "\n".join(json.dumps(c) for c in cases()) + "\n")
    assert status == 200
    for line in text.splitlines():
        body = json.loads(line)
        body.pop("request_id")
        out.append(body)
    return out


def test_compiled_code_is_built_in_the_background_and_answers_as_the_interpreter(tmp_path):
    env = {"TENET_CACHE_DIR": str(tmp_path / "cache"), "TENET_CFLAGS": "-O1"}
    with Server(rulesets=[WORKS]) as interpreted:
        assert engine(interpreted) == "interpreted"
        want = answers(interpreted)
    with Server("--engine", "compiled", rulesets=[WORKS], env=env) as s:
        assert engine(s) in ("building", "compiled")
        assert answers(s) == want  # the interpreter, or the code if it was quick
        wait_for_engine(s, "compiled")
        assert answers(s) == want
        assert list((tmp_path / "cache").glob("colorado.works-*.so"))
        # a reload puts a new version in service, whose code is found in the cache
        status, report = s.post("/v1/admin/reload", "")
        assert status == 200 and report["ok"]
        wait_for_engine(s, "compiled")
        assert answers(s) == want


def test_stopping_the_service_kills_a_build_in_progress(tmp_path):
    slow = tmp_path / "slowcc"
    slow.write_text('#!/bin/sh\ncase "$1" in --version) exec cc --version;; esac\nsleep 600\nexec cc "$@"\n')
    slow.chmod(stat.S_IRWXU)
    cache = tmp_path / "cache"
    env = {"TENET_CACHE_DIR": str(cache), "CC": str(slow)}
    s = Server("--engine", "compiled", rulesets=[WORKS], env=env)
    try:
        wait_for_engine(s, "building")
        status, body = s.post("/v1/rulesets/colorado.works/evaluate", LEVEL1_CASE)
        assert status == 200 and body["decisions"]["adjusted_grant"] == "227.25"  # the interpreter answers
        for _ in range(300):  # the compiler has started: its files are in the cache
            if list(cache.glob("*.c")):
                break
            time.sleep(0.1)
        started = time.monotonic()
        s.proc.send_signal(signal.SIGTERM)
        assert s.proc.wait(TIMEOUT) == 0
        assert time.monotonic() - started < 20
    finally:
        if s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait()
    left = subprocess.run(["pgrep", "-f", "^sleep 600$"], capture_output=True, text=True).stdout
    assert left == "", "the compiler's processes are gone"
    assert list(cache.iterdir()) == [], "the cancelled build's files are removed"
    assert "evaluates with compiled code" not in s.proc.stderr.read()
