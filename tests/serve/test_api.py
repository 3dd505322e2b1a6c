"""The HTTP API of `tenet serve` (docs/SERVE.md), through Python's http.client."""
import json
import socket
import time

import pytest

from serve_helper import KWP, LEVEL1_CASE, WELD, Server, weld_case


@pytest.fixture(scope="module")
def server():
    with Server(rulesets=[WELD, KWP]) as s:
        yield s


def test_rulesets_lists_name_version_layers_and_periods(server):
    status, body = server.get("/v1/rulesets")
    assert status == 200
    weld = {r["name"]: r for r in body["rulesets"]}["colorado.weld"]
    assert len(weld["version"]) == 16
    assert weld["layers"][:2] == ["colorado.weld", "colorado.works"]
    assert {"from": "1998-03-01"} in weld["periods"]
    assert "adjusted_grant" in weld["decisions"]


def test_evaluate_answers_what_tenet_eval_prints_with_version_and_as_of(server):
    status, body = server.post("/v1/rulesets/colorado.weld/evaluate", LEVEL1_CASE)
    assert status == 200
    assert body["ruleset"] == "colorado.weld" and body["as_of"] == "1999-06-01" and len(body["version"]) == 16
    assert body["decisions"]["sanction_level"] == 1
    assert body["decisions"]["adjusted_grant"] == "227.25"
    assert "request_id" in body and "unresolved" in body


def test_decision_filter_and_explain(server):
    status, body = server.post("/v1/rulesets/colorado.weld/evaluate?decision=adjusted_grant&decision=sanction_percent&explain=1",
                               LEVEL1_CASE)
    assert status == 200
    assert set(body["decisions"]) == {"adjusted_grant", "sanction_percent"}
    assert body["explanation"]["adjusted_grant"][-1]["cite"]


def test_a_requested_decision_that_is_unresolved_is_answered_under_unresolved(server):
    case = dict(LEVEL1_CASE)
    del case["household"]
    status, body = server.post("/v1/rulesets/colorado.weld/evaluate?decision=adjusted_grant", case)
    assert status == 200
    assert "adjusted_grant" not in body["decisions"]
    assert any("household" in reason for reason in body["unresolved"]["adjusted_grant"])


def test_as_of_query_overrides_the_case(server):
    status, body = server.post("/v1/rulesets/colorado.weld/evaluate?as_of=1999-07-01&decision=sanction_level", LEVEL1_CASE)
    assert status == 200 and body["as_of"] == "1999-07-01"
    assert body["decisions"]["sanction_level"] == 2


def test_explain_in_english_and_spanish(server):
    status, en = server.post("/v1/rulesets/colorado.weld/explain?lang=en&decision=adjusted_grant", LEVEL1_CASE)
    assert status == 200 and en["lang"] == "en" and "(decision)" in en["text"]
    status, es = server.post("/v1/rulesets/colorado.weld/explain?lang=es&decision=adjusted_grant", LEVEL1_CASE)
    assert status == 200 and "(decisión)" in es["text"] and es["version"] == en["version"]


def test_notice_in_both_languages_and_none_due(server):
    proposed = dict(LEVEL1_CASE, history={"sanction_episodes": [{"start": "1999-06-20", "duty": "child_support"}], "job_refusals": []})
    status, en = server.post("/v1/rulesets/colorado.weld/notice?lang=en", proposed)
    assert status == 200 and en["notice"] and en["as_of"] == "1999-06-01"
    status, es = server.post("/v1/rulesets/colorado.weld/notice?lang=es", proposed)
    assert status == 200 and es["notice"] != en["notice"]
    status, none = server.post("/v1/rulesets/colorado.weld/notice", LEVEL1_CASE)
    assert status == 200 and none["notice"] is None and none["reason"]


def test_batch_is_jsonl_in_and_out_line_for_line(server):
    lines = [json.dumps(LEVEL1_CASE), "", '{"as_of": "1999-13-01"}', json.dumps(weld_case())]
    status, text = server.post("/v1/rulesets/colorado.weld/batch?decision=adjusted_grant", "\n".join(lines) + "\n")
    assert status == 200
    out = [json.loads(l) for l in text.splitlines()]
    assert len(out) == 4
    assert out[0]["decisions"] == {"adjusted_grant": "227.25"} and out[0]["as_of"] == "1999-06-01"
    assert out[2]["line"] == 3 and out[2]["errors"][0]["path"] == "$.as_of"
    assert out[3]["decisions"] == {"adjusted_grant": "303.00"}
    assert all(o["version"] == out[0]["version"] for o in out)


def test_bad_input_is_4xx_naming_the_json_path(server):
    status, body = server.post("/v1/rulesets/colorado.weld/evaluate", {"as_of": "1999-06-01", "household": {"size": "three"}})
    assert status == 400 and body["errors"][0]["path"] == "$.household.size" and body["version"]
    status, body = server.post("/v1/rulesets/colorado.weld/evaluate", '{"as_of": ')
    assert status == 400 and body["errors"][0]["path"].startswith("$")
    status, body = server.post("/v1/rulesets/colorado.weld/evaluate?decision=no_such", LEVEL1_CASE)
    assert status == 400 and body["errors"][0]["path"] == "?decision"
    status, body = server.post("/v1/rulesets/colorado.weld/explain?lang=fr", LEVEL1_CASE)
    assert status == 400 and body["errors"][0]["path"] == "?lang"
    status, body = server.post("/v1/rulesets/no.such/evaluate", LEVEL1_CASE)
    assert status == 404 and "no.such" in body["error"]


def test_no_client_path_reaches_the_file_system(server):
    for path in ["/../../etc/passwd", "/v1/rulesets/..%2F..%2Fetc%2Fpasswd/evaluate", "/%2e%2e/%2e%2e/etc/passwd"]:
        status, body = server.get(path)
        assert status == 404, path
    # the raw request line, not normalised by a client
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
        s.sendall(b"GET /../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    assert b"root:" not in data


def test_healthz_and_metrics(server):
    assert server.get("/healthz") == (200, {"status": "ok"})
    server.post("/v1/rulesets/colorado.weld/evaluate", LEVEL1_CASE)
    status, text = server.get("/metrics")
    assert status == 200
    assert 'tenet_requests_total{route="evaluate",code="200"}' in text
    assert "tenet_request_duration_seconds_bucket{le=\"+Inf\"}" in text
    assert 'tenet_decisions_total{ruleset="colorado.weld"}' in text
    assert "tenet_reloads_total" in text and "tenet_decision_errors_total" in text


def test_access_log_is_one_json_object_a_request(server):
    status, body = server.post("/v1/rulesets/colorado.weld/evaluate", LEVEL1_CASE, {"X-Request-Id": "case-4711"})
    assert body["request_id"] == "case-4711"
    mine = []
    for _ in range(300):   # the line is written just after the response is sent
        with open(server.dir + "/access.log") as f:
            mine = [e for e in map(json.loads, filter(str.strip, f)) if e.get("request_id") == "case-4711"]
        if mine:
            break
        time.sleep(0.1)
    assert mine and mine[0]["status"] == 200 and mine[0]["route"] == "evaluate" and mine[0]["version"] == body["version"]
