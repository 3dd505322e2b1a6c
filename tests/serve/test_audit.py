"""The audit log: a row per evaluated case committed before the response, redaction as keyed
hashes, and `tenet audit` listing, filtering and replaying rows."""
import hashlib
import hmac
import json
import sqlite3
import subprocess

from serve_helper import LEVEL1_CASE, TENET, TIMEOUT, Server, copy_colorado, weld_case


def audit(*args):
    return subprocess.run([TENET, "audit"] + list(args), capture_output=True, text=True, timeout=TIMEOUT)


def test_every_answered_case_has_its_row_before_the_response(tmp_path):
    db = str(tmp_path / "audit.sqlite")
    with Server("--audit", db) as s:
        ids = []
        for i in range(5):
            status, body = s.post("/v1/rulesets/colorado.weld/evaluate", LEVEL1_CASE, {"X-Request-Id": "req-%d" % i})
            assert status == 200
            # committed before the response: visible to another connection now
            row = sqlite3.connect(db).execute("SELECT version, as_of, decisions, unresolved, errors FROM decisions "
                                              "WHERE request_id = ?", (body["request_id"],)).fetchone()
            assert row[0] == body["version"] and row[1] == "1999-06-01"
            assert json.loads(row[2]) == body["decisions"] and json.loads(row[3]) == body["unresolved"]
            assert json.loads(row[4]) == body.get("errors", {})
            ids.append(body["request_id"])
        status, text = s.post("/v1/rulesets/colorado.weld/batch", json.dumps(LEVEL1_CASE) + "\n" + json.dumps(weld_case()) + "\n",
                              {"X-Request-Id": "batch-1"})
        assert status == 200
        assert s.post("/v1/rulesets/colorado.weld/evaluate", {"as_of": "bad"})[0] == 400   # not evaluated: no row
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM decisions").fetchone()[0] == 7
    assert [r[0] for r in con.execute("SELECT item FROM decisions WHERE request_id = 'batch-1' ORDER BY item")] == [1, 2]

    listed = audit(db)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 7
    one = audit(db, "--request", "req-3")
    assert one.returncode == 0 and len(one.stdout.splitlines()) == 1 and "req-3" in one.stdout
    assert len(audit(db, "--decision", "adjusted_grant", "--limit", "2").stdout.splitlines()) == 2
    assert audit(db, "--decision", "no_such_decision").stdout == ""


def test_replay_against_the_recorded_version_and_a_newer_ruleset(tmp_path):
    db = str(tmp_path / "audit.sqlite")
    weld = copy_colorado(str(tmp_path / "v1"))
    with Server("--audit", db, rulesets=[weld]) as s:
        assert s.post("/v1/rulesets/colorado.weld/evaluate", LEVEL1_CASE, {"X-Request-Id": "appeal-1"})[0] == 200
    # the files of the recorded version are in the log: replaying needs no copy on disk
    (tmp_path / "v1" / "colorado" / "works.tenet").unlink()
    same = audit(db, "--request", "appeal-1", "--replay")
    assert same.returncode == 0, same.stdout + same.stderr
    assert "0 changed" in same.stdout

    newer = copy_colorado(str(tmp_path / "v2"))
    works = tmp_path / "v2" / "colorado" / "works.tenet"
    works.write_text(works.read_text().replace("level 1: 25% for 30 days", "level 1: 30% for 30 days"))
    changed = audit(db, "--request", "appeal-1", "--replay", "--against", newer, "--lang", "es")
    assert changed.returncode == 1, changed.stdout + changed.stderr
    out = changed.stdout
    assert 'changed adjusted_grant: "227.25" -> "212.10"' in out
    assert 'changed sanction_percent: 25 -> 30' in out
    # both explanations, in Spanish
    assert "$227.25" in out.replace("\u00a0", " ") or "227,25" in out
    assert out.count("explanation, version") >= 4 and "(decisión)" in out


def test_redacted_facts_are_stored_as_keyed_hashes(tmp_path):
    db = str(tmp_path / "audit.sqlite")
    key = tmp_path / "key"
    key.write_text("redaction-key")
    case = weld_case()
    with Server("--audit", db, "--redact", "household.monthly_gross_income", "--redact", "caretaker.age",
                "--redact-key-file", str(key)) as s:
        status, body = s.post("/v1/rulesets/colorado.weld/evaluate", case, {"X-Request-Id": "private-1"})
        assert status == 200 and body["decisions"]["eligible"] is True
    stored, redacted = sqlite3.connect(db).execute("SELECT case_json, redacted FROM decisions").fetchone()
    assert "900.00" not in stored and json.loads(redacted) == ["household.monthly_gross_income", "caretaker.age"]
    kept = json.loads(stored)
    expected = hmac.new(b"redaction-key", b'"900.00"', hashlib.sha256).hexdigest()
    assert kept["household"]["monthly_gross_income"] == "hmac-sha256:" + expected
    assert kept["caretaker"]["age"] == "hmac-sha256:" + hmac.new(b"redaction-key", b"28", hashlib.sha256).hexdigest()
    assert kept["household"]["size"] == 3   # the rest in clear
    replayed = audit(db, "--replay")
    assert "redacted, left out of the replay: household.monthly_gross_income" in replayed.stdout


def test_redact_needs_a_key_and_an_audit_log(tmp_path):
    r = subprocess.run([TENET, "serve", copy_colorado(str(tmp_path)), "--listen", "127.0.0.1:0", "--audit",
                        str(tmp_path / "a.sqlite"), "--redact", "caretaker.age"], capture_output=True, text=True, timeout=TIMEOUT)
    assert r.returncode == 2 and "--redact-key-file" in r.stderr


def test_audit_usage_errors_exit_2(tmp_path):
    db = tmp_path / "none.sqlite"
    assert audit(str(db)).returncode == 2                           # no such log
    db.write_text("")
    assert audit(str(db), "--against", "x.tenet").returncode == 2   # --against goes with --replay
    assert audit(str(db), "--lang", "fr").returncode == 2
