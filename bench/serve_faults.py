"""Faults under load for `tenet serve` with the audit log on (bench/serve_faults.sh runs it).

1. kill -9: clients post cases, each with its own X-Request-Id, and note every id answered 2xx;
   the server is killed with SIGKILL mid-load and started again on the same log: every noted id
   must have its row, and PRAGMA integrity_check must say ok.
2. reload under load: SIGHUP and POST /v1/admin/reload while clients post; no request may fail.
Everything on 127.0.0.1, every wait bounded."""
import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

TENET, RULESET, CASES = sys.argv[1], sys.argv[2], sys.argv[3]
SECONDS = float(os.environ.get("FAULT_SECONDS", "10"))
CLIENTS = int(os.environ.get("FAULT_CLIENTS", "16"))
bodies = [l for l in open(CASES) if l.strip()]


def start(db):
    p = subprocess.Popen([TENET, "serve", RULESET, "--listen", "127.0.0.1:0", "--audit", db, "--access-log", "off"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = p.stdout.readline()
    return p, int(line.rsplit(":", 1)[1])


def load(port, stop, ok_ids, failures, name):
    conn = None
    n = 0
    while not stop.is_set():
        n += 1
        rid = "%s-%d" % (name, n)
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("POST", "/v1/rulesets/colorado.weld/evaluate", bodies[n % len(bodies)], {"X-Request-Id": rid})
            res = conn.getresponse()
            res.read()
            if 200 <= res.status < 300:
                ok_ids.append(rid)
            else:
                failures.append((rid, res.status))
        except (OSError, http.client.HTTPException) as e:
            failures.append((rid, repr(e)))
            conn = None
            if stop.is_set():
                break
            time.sleep(0.05)


def run_clients(port, seconds, during=None):
    stop = threading.Event()
    ok_ids, failures = [], []
    threads = [threading.Thread(target=load, args=(port, stop, ok_ids, failures, "c%d" % i)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    if during:
        during()
    else:
        time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join(60)
    return ok_ids, failures


def kill9():
    work = tempfile.mkdtemp()
    db = os.path.join(work, "audit.sqlite")
    p, port = start(db)

    def kill_midway():
        time.sleep(SECONDS)
        p.send_signal(signal.SIGKILL)
        p.wait(30)
        time.sleep(0.5)

    ok_ids, failures = run_clients(port, SECONDS, kill_midway)
    p2, port2 = start(db)   # restart on the same log
    con = sqlite3.connect(db)
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    have = {r[0] for r in con.execute("SELECT request_id FROM decisions")}
    missing = [i for i in ok_ids if i not in have]
    con.close()
    p2.send_signal(signal.SIGTERM)
    p2.wait(60)
    print("kill -9: %d requests answered 2xx before the kill, %d rows in the log, %d answered without a row, "
          "%d failed (connections cut by the kill), integrity_check %s"
          % (len(ok_ids), len(have), len(missing), len(failures), integrity))
    return not missing and integrity == "ok"


def reload_under_load():
    work = tempfile.mkdtemp()
    db = os.path.join(work, "audit.sqlite")
    p, port = start(db)
    reloads = []

    def reload_now_and_then():
        end = time.time() + SECONDS
        while time.time() < end:
            p.send_signal(signal.SIGHUP)
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            c.request("POST", "/v1/admin/reload", "")
            r = c.getresponse()
            reloads.append(r.status)
            r.read()
            c.close()
            time.sleep(1)

    ok_ids, failures = run_clients(port, SECONDS, reload_now_and_then)
    p.send_signal(signal.SIGTERM)
    p.wait(60)
    rows = sqlite3.connect(db).execute("SELECT count(*) FROM decisions").fetchone()[0]
    print("reload under load: %d reloads by POST (%s) plus as many SIGHUPs, %d requests answered 2xx, %d failed, %d rows"
          % (len(reloads), ",".join(map(str, sorted(set(reloads)))), len(ok_ids), len(failures), rows))
    for rid, why in failures[:5]:
        print("  failed:", rid, why)
    return not failures and rows == len(ok_ids)


only = os.environ.get("FAULT_ONLY", "")
ok = only == "reload" or kill9()
ok = (only == "kill9" or reload_under_load()) and ok
print("RESULT", "ok" if ok else "FAILED")
sys.exit(0 if ok else 1)
