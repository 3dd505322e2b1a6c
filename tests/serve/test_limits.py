"""The limits of docs/SERVE.md, each tried at and past the limit: body size, time to send a
request, connections served at once; and the bearer token required off loopback."""
import json
import os
import socket
import subprocess

import pytest

from serve_helper import LEVEL1_CASE, TENET, TIMEOUT, WELD, Server

LIMIT = 4096


def padded_case(size):
    text = json.dumps(LEVEL1_CASE)
    return text + " " * (size - len(text))   # trailing blanks: still the same JSON


def test_body_at_the_limit_is_served_and_one_byte_more_is_413():
    with Server("--max-body", str(LIMIT)) as s:
        status, body = s.post("/v1/rulesets/colorado.weld/evaluate", padded_case(LIMIT))
        assert status == 200 and body["decisions"]["adjusted_grant"] == "227.25"
        status, body = s.post("/v1/rulesets/colorado.weld/evaluate", padded_case(LIMIT + 1))
        assert status == 413 and str(LIMIT) in body["error"]
        status, _ = s.post("/v1/rulesets/colorado.weld/batch", padded_case(LIMIT + 1))
        assert status == 413


def raw_request(body):
    head = ("POST /v1/rulesets/colorado.weld/evaluate HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
            "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body))
    return head.encode(), body.encode()


def read_all(sock):
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def test_a_request_sent_within_the_read_timeout_is_served_and_a_stalled_one_is_cut_off():
    with Server("--read-timeout", "1") as s:
        head, body = raw_request(json.dumps(LEVEL1_CASE))
        with socket.create_connection(("127.0.0.1", s.port), timeout=TIMEOUT) as c:
            c.sendall(head)
            c.sendall(body)
            assert b"227.25" in read_all(c)
        # half the body, then nothing: the server closes the connection without an answer
        with socket.create_connection(("127.0.0.1", s.port), timeout=TIMEOUT) as c:
            c.sendall(head)
            c.sendall(body[: len(body) // 2])
            assert b"227.25" not in read_all(c)   # returns when the server closes; TIMEOUT bounds it


def test_connections_past_the_thread_limit_wait_for_a_free_thread():
    with Server("--threads", "1", "--idle-timeout", "60") as s:
        first = s.connection()
        first.request("GET", "/healthz")
        assert first.getresponse().read()
        # the only thread keeps `first` alive: a second connection is accepted by the kernel but not served
        second = socket.create_connection(("127.0.0.1", s.port), timeout=1)
        second.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        with pytest.raises(socket.timeout):
            second.recv(1)
        first.close()   # the thread is free: the waiting request is served
        second.settimeout(TIMEOUT)
        assert b'"ok"' in read_all(second)
        second.close()


def test_a_token_is_required_when_given_and_off_loopback(tmp_path):
    token = tmp_path / "token"
    token.write_text("s3cret-token\n")
    with Server("--token-file", str(token)) as s:
        assert s.post("/v1/rulesets/colorado.weld/evaluate", LEVEL1_CASE)[0] == 401
        assert s.get("/v1/rulesets", {"Authorization": "Bearer wrong"})[0] == 401
        assert s.get("/metrics", {"Authorization": "Bearer s3cret-token"})[0] == 200
        status, body = s.post("/v1/rulesets/colorado.weld/evaluate", LEVEL1_CASE, {"Authorization": "Bearer s3cret-token"})
        assert status == 200 and body["decisions"]["adjusted_grant"] == "227.25"
        assert s.get("/healthz")[0] == 200   # probes need no token
    # any address but loopback without a token: refused before binding
    r = subprocess.run([TENET, "serve", WELD, "--listen", "0.0.0.0:0"], capture_output=True, text=True, timeout=TIMEOUT)
    assert r.returncode == 2 and "--token-file" in r.stderr


def http_response(sock):
    """The status line, headers and JSON body of the one answer on a `Connection: close` socket."""
    head, _, body = read_all(sock).partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
    return int(lines[0].split()[1]), headers, json.loads(body) if body else None


def ask(port, method, path, body=b""):
    c = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    c.sendall(("%s %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Type: application/json\r\n"
               "Content-Length: %d\r\n\r\n" % (method, path, len(body))).encode() + body)
    return c


def test_connections_past_the_queue_bound_are_answered_503_at_once_and_probes_still_answer():
    with Server("--threads", "1", "--max-queue", "1", "--idle-timeout", "60") as s:
        first = s.connection()   # holds the only thread (kept alive)
        first.request("GET", "/healthz")
        assert first.getresponse().read()
        case = json.dumps(LEVEL1_CASE).encode()
        waiting = ask(s.port, "POST", "/v1/rulesets/colorado.weld/evaluate", case)   # the one queue place
        # the queue is full: answered at once, not queued
        status, headers, body = http_response(ask(s.port, "POST", "/v1/rulesets/colorado.weld/evaluate", case))
        assert status == 503 and headers["retry-after"] == "1" and headers["connection"] == "close"
        assert "saturated" in body["error"] and body["request_id"]
        # answered before its body was read: the rest of the body is read and dropped before the
        # connection closes, so the client gets the 503, not a reset
        status, _, _ = http_response(ask(s.port, "POST", "/v1/rulesets/colorado.weld/evaluate", b" " * (4 << 20)))
        assert status == 503
        status, _, body = http_response(ask(s.port, "GET", "/healthz"))
        assert status == 200 and body["status"] == "ok"
        status, headers, body = http_response(ask(s.port, "GET", "/readyz"))
        assert status == 503 and body["status"] == "saturated" and headers["retry-after"] == "1"
        # the thread is free: the queued request is served, then normal service
        first.close()
        status, _, body = http_response(waiting)
        assert status == 200 and body["decisions"]["adjusted_grant"] == "227.25"
        status, body = s.post("/v1/rulesets/colorado.weld/evaluate", LEVEL1_CASE)
        assert status == 200 and body["decisions"]["adjusted_grant"] == "227.25"
        assert s.get("/readyz")[1]["status"] == "ready"
        metrics = s.get("/metrics")[1]
        assert 'tenet_requests_total{route="shed",code="503"} 2' in metrics
        assert "tenet_connections_shed_total 4" in metrics


def test_a_batch_line_past_the_jsonl_line_limit_is_an_error_at_its_line():
    limit = 16 << 20   # util::kMaxJsonlLineBytes, as tenet eval --cases
    case = json.dumps(LEVEL1_CASE)
    with Server("--max-body", str(limit + 4096)) as s:
        status, text = s.post("/v1/rulesets/colorado.weld/batch", case + "\n" + " " * (limit + 1) + "\n" + case + "\n")
        out = [json.loads(l) for l in text.splitlines()]
        assert status == 200 and len(out) == 3
        assert out[0]["decisions"]["adjusted_grant"] == "227.25" and out[2]["decisions"]["adjusted_grant"] == "227.25"
        assert out[1]["line"] == 2 and "line 2 is longer than 16 MiB" in out[1]["errors"][0]["message"]
