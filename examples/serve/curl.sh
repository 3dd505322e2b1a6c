#!/usr/bin/env bash
# Calling `tenet serve` from curl: one Weld County case, the decisions it asks for, then the
# explanation in Spanish. TENET_URL is where the service listens (http://127.0.0.1:8080).
set -euo pipefail
url="${TENET_URL:-http://127.0.0.1:8080}"
case_json='{"as_of": "1999-06-01",
  "household": {"size": 3, "monthly_basic_cash_grant": "303.00"},
  "history": {"sanction_episodes": [{"start": "1999-05-20"}], "job_refusals": []}}'

# POST the case; ?decision= picks decisions (repeat it), ?explain=1 adds the steps.
curl --silent --show-error --fail-with-body --max-time 30 \
  --header 'Content-Type: application/json' --data "$case_json" \
  "$url/v1/rulesets/colorado.weld/evaluate?decision=sanction_level&decision=adjusted_grant" |
  python3 -c 'import json, sys; r = json.load(sys.stdin); print("version", len(r["version"]), "hex digits, as of", r["as_of"]); [print(k, "=", v) for k, v in r["decisions"].items()]'

# The explanation, read aloud, in Spanish.
curl --silent --show-error --fail-with-body --max-time 30 --data "$case_json" \
  "$url/v1/rulesets/colorado.weld/explain?lang=es&decision=adjusted_grant" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["text"].splitlines()[0])'
