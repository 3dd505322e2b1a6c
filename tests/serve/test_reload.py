"""Reload: SIGHUP and POST /v1/admin/reload compile again; a ruleset that does not compile leaves
the old version serving and the diagnostics are reported; a request in flight finishes on the
version it started with; SIGTERM drains and exits 0."""
import json
import os
import signal
import subprocess
import threading
import time

from serve_helper import LEVEL1_CASE, TENET, TIMEOUT, Server, copy_colorado


def version(s):
    return s.get("/v1/rulesets")[1]["rulesets"][0]["version"]


def wait_for_version_change(s, old):
    for _ in range(600):   # bounded: a reload compiles the ruleset, seconds on a loaded machine
        v = version(s)
        if v != old:
            return v
        time.sleep(0.1)
    raise AssertionError("the version did not change")


def test_sighup_reloads_and_a_broken_ruleset_keeps_the_old_version(tmp_path):
    weld = copy_colorado(str(tmp_path))
    works = tmp_path / "colorado" / "works.tenet"
    with Server(rulesets=[weld]) as s:
        v1 = version(s)
        works.write_text(works.read_text().replace("level 1: 25% for 30 days", "level 1: 30% for 30 days"))
        s.proc.send_signal(signal.SIGHUP)
        v2 = wait_for_version_change(s, v1)
        status, body = s.post("/v1/rulesets/colorado.weld/evaluate?decision=adjusted_grant", LEVEL1_CASE)
        assert body["version"] == v2 and body["decisions"]["adjusted_grant"] == "212.10"

        works.write_text(works.read_text() + "\ndecision broken: int = no_such_thing\n")
        status, report = s.post("/v1/admin/reload", "")
        assert status == 422 and not report["ok"]
        entry = report["rulesets"][0]
        assert entry["reloaded"] is False and entry["version"] == v2
        assert any("works.tenet" in d and "no_such_thing" in d for d in entry["diagnostics"])
        status, body = s.post("/v1/rulesets/colorado.weld/evaluate?decision=adjusted_grant", LEVEL1_CASE)
        assert status == 200 and body["version"] == v2
        assert 'tenet_reloads_total{result="failed"} 1' in s.get("/metrics")[1]


def test_a_batch_in_flight_finishes_on_the_version_it_started_with(tmp_path):
    weld = copy_colorado(str(tmp_path))
    works = tmp_path / "colorado" / "works.tenet"
    with Server("--max-body", str(64 << 20), rulesets=[weld]) as s:
        v1 = version(s)
        lines = "\n".join([json.dumps(LEVEL1_CASE)] * 20000) + "\n"
        results = {}
        batch = threading.Thread(target=lambda: results.setdefault("batch", s.post("/v1/rulesets/colorado.weld/batch", lines)))
        batch.start()
        works.write_text(works.read_text().replace("level 1: 25% for 30 days", "level 1: 30% for 30 days"))
        status, report = s.post("/v1/admin/reload", "")
        assert status == 200 and report["rulesets"][0]["version"] != v1
        batch.join()
        status, text = results["batch"]
        out = [json.loads(l) for l in text.splitlines()]
        assert status == 200 and len(out) == 20000
        versions = {o["version"] for o in out}
        grants = {o["decisions"]["adjusted_grant"] for o in out}
        assert len(versions) == 1 and len(grants) == 1   # one version for the whole request


def test_sigterm_drains_and_exits_zero():
    s = Server()
    try:
        assert s.post("/v1/rulesets/colorado.weld/evaluate", LEVEL1_CASE)[0] == 200
        assert s.stop() == 0
        assert "stopped" in s.proc.stderr.read()
    finally:
        s.__exit__(None, None, None)


def test_include_root_lets_the_service_read_a_layer_beside_its_folder_and_reloads_keep_it(tmp_path):
    # the county in one folder, the state's layers in a shared folder beside it
    shared = os.path.dirname(copy_colorado(str(tmp_path / "shared")))
    county = tmp_path / "county"
    county.mkdir()
    weld = county / "weld.tenet"
    weld.write_text(open(os.path.join(shared, "weld.tenet")).read().replace(
        'extends "works.tenet"', 'extends "../shared/colorado/works.tenet"'))
    refused = subprocess.run([TENET, "serve", str(weld), "--listen", "127.0.0.1:0"], capture_output=True, text=True,
                             timeout=TIMEOUT)
    assert refused.returncode == 2 and "outside" in refused.stderr
    db = str(tmp_path / "audit.sqlite")
    with Server("--include-root", shared, "--audit", db, rulesets=[str(weld)]) as s:
        v1 = version(s)
        assert s.post("/v1/rulesets/colorado.weld/evaluate", LEVEL1_CASE)[1]["decisions"]["adjusted_grant"] == "227.25"
        works = os.path.join(shared, "works.tenet")
        with open(works) as f:
            text = f.read()
        with open(works, "w") as f:
            f.write(text.replace("level 1: 25% for 30 days", "level 1: 30% for 30 days"))
        status, report = s.post("/v1/admin/reload", "")
        assert status == 200 and report["rulesets"][0]["version"] != v1
        assert s.post("/v1/rulesets/colorado.weld/evaluate", LEVEL1_CASE)[1]["decisions"]["adjusted_grant"] == "212.10"
    # the rows replay from the files the log keeps, wherever they were read from
    replayed = subprocess.run([TENET, "audit", db, "--replay"], capture_output=True, text=True, timeout=TIMEOUT)
    assert replayed.returncode == 0 and replayed.stdout.count("0 changed") == 2, replayed.stdout + replayed.stderr
    against = subprocess.run([TENET, "audit", db, "--replay", "--against", str(weld), "--include-root", shared],
                             capture_output=True, text=True, timeout=TIMEOUT)
    assert against.returncode == 1 and "changed adjusted_grant: \"227.25\" -> \"212.10\"" in against.stdout, against.stdout + against.stderr
