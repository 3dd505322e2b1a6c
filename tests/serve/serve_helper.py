"""Starts `tenet serve` on an ephemeral loopback port for a test and stops it (SIGTERM, bounded)."""
import http.client
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading

TENET = os.environ.get("TENET_CLI", "tenet")
SOURCE = os.environ.get("TENET_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
WELD = os.path.join(SOURCE, "rulesets", "colorado", "weld.tenet")
KWP = os.path.join(SOURCE, "rulesets", "kentucky", "kwp.tenet")
WORKS = os.path.join(SOURCE, "rulesets", "colorado", "works.tenet")
WELD_CASE = os.path.join(SOURCE, "examples", "c", "weld_case.json")
TIMEOUT = 30  # seconds for any one step; ctest's TIMEOUT bounds the whole test

# A level-1 sanction: the episode began 12 days before as_of, so 25% of the grant is withheld.
LEVEL1_CASE = {"as_of": "1999-06-01", "household": {"size": 3, "monthly_basic_cash_grant": "303.00"},
               "history": {"sanction_episodes": [{"start": "1999-05-20"}], "job_refusals": []}}


def weld_case():
    with open(WELD_CASE) as f:
        return json.load(f)


def copy_colorado(into):
    """A private copy of the Colorado rulesets, to edit and reload."""
    dst = os.path.join(into, "colorado")
    shutil.copytree(os.path.join(SOURCE, "rulesets", "colorado"), dst)
    return os.path.join(dst, "weld.tenet")


class Server:
    def __init__(self, *args, rulesets=None, env=None):
        self.dir = tempfile.mkdtemp(prefix="tenet_serve_")
        cmd = [TENET, "serve"] + (rulesets or [WELD]) + ["--listen", "127.0.0.1:0",
                                                         "--access-log", os.path.join(self.dir, "access.log")] + list(args)
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=dict(os.environ, **(env or {})))
        line = [None]
        reader = threading.Thread(target=lambda: line.__setitem__(0, self.proc.stdout.readline()))
        reader.start()
        reader.join(TIMEOUT)
        if not line[0] or "listening on" not in line[0]:
            self.proc.kill()
            raise RuntimeError("tenet serve did not start: " + self.proc.stderr.read())
        self.port = int(line[0].rsplit(":", 1)[1])

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)

    def request(self, method, path, body=None, headers=None):
        conn = self.connection()
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        conn.request(method, path, body=body, headers=headers or {})
        res = conn.getresponse()
        data = res.read()
        conn.close()
        ctype = res.getheader("Content-Type", "")
        if ctype.startswith("application/json"):
            return res.status, json.loads(data)
        return res.status, data.decode()

    def post(self, path, body, headers=None):
        return self.request("POST", path, body, headers)

    def get(self, path, headers=None):
        return self.request("GET", path, None, headers)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        self.proc.stdout.close()
        self.proc.stderr.close()
        shutil.rmtree(self.dir, ignore_errors=True)
