"""Calling `tenet serve` from Python's standard library only (urllib): evaluate one case, read
an error that names the JSON path, and send a batch as JSON lines. TENET_URL is where the service
listens (http://127.0.0.1:8080)."""
import json
import os
import urllib.error
import urllib.request

URL = os.environ.get("TENET_URL", "http://127.0.0.1:8080")


def post(path, body, content_type="application/json"):
    request = urllib.request.Request(URL + path, data=body.encode(), headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:   # 4xx: the body says what is wrong, and where
        return e.code, e.read().decode()


case = {"as_of": "1999-06-01", "household": {"size": 3, "monthly_basic_cash_grant": "303.00"},
        "history": {"sanction_episodes": [{"start": "1999-05-20"}], "job_refusals": []}}

status, body = post("/v1/rulesets/colorado.weld/evaluate?decision=adjusted_grant", json.dumps(case))
result = json.loads(body)
print(status, result["ruleset"], "as of", result["as_of"], "adjusted_grant", result["decisions"]["adjusted_grant"])

status, body = post("/v1/rulesets/colorado.weld/evaluate", json.dumps({"as_of": "1999-06-01", "household": {"size": "3"}}))
error = json.loads(body)["errors"][0]
print(status, error["path"])

cases = [dict(case, as_of=day) for day in ("1999-06-01", "1999-07-01", "1999-08-01")]
status, body = post("/v1/rulesets/colorado.weld/batch?decision=sanction_level",
                    "".join(json.dumps(c) + "\n" for c in cases), "application/x-ndjson")
for line in body.splitlines():
    r = json.loads(line)
    print(r["as_of"], "sanction_level", r["decisions"]["sanction_level"])
