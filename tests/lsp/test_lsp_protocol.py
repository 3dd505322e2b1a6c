"""`tenet lsp` spoken to over JSON-RPC, one test per feature (issue 20).

Documents are opened with their text in the request, so edits stay in memory: the rulesets on disk
are never changed.
"""
import json
import subprocess
import time

import pytest

from lsp_client import TENET, TIMEOUT, WELD, WORKS, Client, frame, position_of, uri


@pytest.fixture
def client():
    c = Client()
    yield c
    c.close()


def errors(diagnostics):
    return [d for d in diagnostics if d["severity"] == 1]


def test_initialize_announces_the_features(client):
    caps = client.capabilities["capabilities"]
    for feature in ["hoverProvider", "definitionProvider", "referencesProvider", "documentSymbolProvider",
                    "workspaceSymbolProvider", "documentFormattingProvider", "renameProvider",
                    "completionProvider", "codeLensProvider", "implementationProvider"]:
        assert caps[feature], feature
    assert client.capabilities["serverInfo"]["name"] == "tenet"


def test_diagnostics_as_you_type(client):
    text = client.open(WELD)
    assert errors(client.diagnostics(WELD)) == []
    broken = text + '\nrule broken: money = no_such_amount  cite "x"\n'
    client.change(WELD, broken)
    ds = errors(client.diagnostics(WELD, lambda ds: errors(ds)))
    assert len(ds) == 1 and "unknown name `no_such_amount`" in ds[0]["message"]
    line, character = position_of(broken, "no_such_amount")
    assert ds[0]["range"]["start"] == {"line": line, "character": character}
    assert ds[0]["range"]["end"] == {"line": line, "character": character + len("no_such_amount")}
    client.change(WELD, text, version=3)
    assert errors(client.diagnostics(WELD)) == []


def test_editing_the_state_rechecks_the_open_county(client):
    works = client.open(WORKS)
    client.open(WELD)
    client.diagnostics(WORKS)
    assert errors(client.diagnostics(WELD)) == []
    # the state renames a decision the county's tests expect: the county's check fails
    client.change(WORKS, works.replace("decision sanction_percent:", "decision sanction_pct:"))
    ds = errors(client.diagnostics(WELD, lambda ds: errors(ds)))
    assert any("sanction_percent" in d["message"] for d in ds)
    client.change(WORKS, works, version=3)
    assert errors(client.diagnostics(WELD, lambda ds: not errors(ds))) == []


def hover_text(client, path, text, needle, occurrence=0, into=1):
    line, character = position_of(text, needle, occurrence, into)
    result = client.request("textDocument/hover", client.at(path, line, character))
    return result["contents"]["value"] if result else ""


def test_hover_parameter_shows_citation_reading_layer_and_periods(client):
    text = client.open(WELD)
    shown = hover_text(client, WELD, text, "at most diversion_yearly_cap", into=8)
    assert "parameter diversion_yearly_cap: money" in shown
    assert "6.007.2" in shown and "**reading**" in shown
    assert "`colorado.weld`" in shown
    assert "before 1998-12-01: `$1,650`" in shown and "from 1998-12-01: `$3,300`" in shown


def test_hover_fact_shows_json_path_and_range(client):
    text = client.open(WELD)
    shown = hover_text(client, WELD, text, "household.size")
    assert "fact household.size: int" in shown and "`$.household.size`" in shown and "range `" in shown
    assert "`colorado.contract`" in shown


def test_hover_enum_value_and_enum(client):
    text = client.open(WELD)
    shown = hover_text(client, WELD, text, "== single_parent", into=4)
    assert "FamilyType.single_parent" in shown and "two_parent" in shown
    shown = hover_text(client, WELD, text, "enum ExemptionReason", into=6)
    assert "enum ExemptionReason" in shown and "Values: `child_care_unavailable`" in shown


def with_override(text):
    return text + '\noverride parameter resource_limit: money = $2,500  cite "County plan Att. B"\n'


def test_hover_on_an_override_names_both_layers(client):
    client.open(WORKS)
    weld = client.open(WELD, with_override(WELD.read_text()))
    shown = hover_text(client, WELD, weld, "override parameter resource_limit", into=20)
    assert "`colorado.weld`" in shown and "overrides `colorado.works`" in shown and "$2,500" in shown


def test_an_open_library_is_checked_without_being_a_ruleset(client):
    contract = WELD.parent / "contract.tenet"
    text = client.open(contract)
    assert errors(client.diagnostics(contract)) == []
    client.change(contract, text + "\nenum Broken { a, a }\n")
    assert any("Broken" in d["message"] or "`a`" in d["message"]
               for d in errors(client.diagnostics(contract, lambda ds: errors(ds))))


def test_definition_across_files_and_overrides(client):
    works = client.open(WORKS)
    weld = client.open(WELD, with_override(WELD.read_text()))
    # a use in the county of a state decision goes to the state's file
    line, character = position_of(weld, "expect sanction_percent", into=8)
    [location] = [client.request("textDocument/definition", client.at(WELD, line, character))]
    assert location["uri"] == uri(WORKS)
    assert location["range"]["start"]["line"] == position_of(works, "decision sanction_percent:", into=9)[0]
    # the county's override goes to the state declaration it overrides
    line, character = position_of(weld, "override parameter resource_limit", into=20)
    location = client.request("textDocument/definition", client.at(WELD, line, character))
    assert location["uri"] == uri(WORKS)
    assert location["range"]["start"]["line"] == position_of(works, "parameter resource_limit:")[0]
    # and back: the state's declaration lists the override among its references and implementations
    line, character = position_of(works, "parameter resource_limit:", into=12)
    refs = client.request("textDocument/references", {**client.at(WORKS, line, character),
                                                       "context": {"includeDeclaration": True}})
    assert {r["uri"] for r in refs} == {uri(WORKS), uri(WELD)}
    impls = client.request("textDocument/implementation", client.at(WORKS, line, character))
    assert [i["uri"] for i in impls] == [uri(WELD)]
    back = client.request("textDocument/definition", client.at(WORKS, line, character))
    assert back == impls


def test_references_across_files(client):
    client.open(WORKS)
    weld = client.open(WELD)
    line, character = position_of(weld, "expect sanction_percent", into=8)
    refs = client.request("textDocument/references", {**client.at(WELD, line, character),
                                                       "context": {"includeDeclaration": False}})
    in_weld = [r for r in refs if r["uri"] == uri(WELD)]
    assert len(in_weld) == weld.count("expect sanction_percent ")
    assert any(r["uri"] == uri(WORKS) for r in refs)


def test_rename_across_files_and_refused_where_taken(client):
    works = client.open(WORKS)
    weld = client.open(WELD)
    line, character = position_of(weld, "expect sanction_percent", into=8)
    edit = client.request("textDocument/rename", {**client.at(WELD, line, character), "newName": "sanction_pct"})
    changes = edit["changes"]
    assert len(changes[uri(WELD)]) == weld.count("expect sanction_percent ")
    assert any(e["range"]["start"]["line"] == position_of(works, "decision sanction_percent:")[0]
               for e in changes[uri(WORKS)])
    assert all(e["newText"] == "sanction_pct" for es in changes.values() for e in es)
    refused = client.request_raw("textDocument/rename", {**client.at(WELD, line, character), "newName": "sanction_level"})
    assert "already" in refused["error"]["message"]
    refused = client.request_raw("textDocument/rename", {**client.at(WELD, line, character), "newName": "not a name"})
    assert "not a name" in refused["error"]["message"]
    line, character = position_of(weld, "household.size", into=2)
    refused = client.request_raw("textDocument/rename", {**client.at(WELD, line, character), "newName": "people"})
    assert "fact" in refused["error"]["message"]


def labels(items):
    return {i["label"] for i in items}


def complete_after(client, path, text, needle, into=None):
    line, character = position_of(text, needle, 0, len(needle) if into is None else into)
    result = client.request("textDocument/completion", client.at(path, line, character))
    return result["items"] if isinstance(result, dict) else result


def test_completion(client):
    text = client.open(WELD)
    typed = text + '\nrule typing: int = household.\nrule citing: int = 0  cite "\n'
    client.change(WELD, typed)
    facts = labels(complete_after(client, WELD, typed, "= household."))
    assert {"size", "family_type", "monthly_gross_income"} <= facts
    cites = labels(complete_after(client, WELD, typed, 'citing: int = 0  cite "'))
    assert "6.007.2" in cites and "6.011.11 A" in cites
    everything = labels(complete_after(client, WELD, typed, "rule typing: int = ", into=len("rule typing: int = ")))
    assert {"diversion_yearly_cap", "sanction_percent", "household", "single_parent", "decision", "otherwise"} <= everything
    enum_typed = typed + "rule e: bool = household.family_type == FamilyType.\n"
    client.change(WELD, enum_typed, version=3)
    assert labels(complete_after(client, WELD, enum_typed, "== FamilyType.")) == {"single_parent", "two_parent"}


def test_formatting_uses_tenet_fmt(client, tmp_path):
    path = tmp_path / "messy.tenet"
    messy = 'ruleset messy\nparameter   cap :money=$5   cite "x"\n'
    client.open(path, messy)
    edits = client.request("textDocument/formatting", {"textDocument": {"uri": uri(path)},
                                                        "options": {"tabSize": 2, "insertSpaces": True}})
    expected = subprocess.run([client.proc.args[0], "fmt", "/dev/stdin"], input=messy.encode(),
                              capture_output=True, timeout=TIMEOUT).stdout.decode()
    assert len(edits) == 1 and edits[0]["newText"] == expected and expected != messy
    client.change(path, "ruleset messy\nparameter cap money\n")
    refused = client.request_raw("textDocument/formatting", {"textDocument": {"uri": uri(path)}, "options": {}})
    assert "cannot format" in refused["error"]["message"]


def test_document_and_workspace_symbols(client):
    client.open(WELD)
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(WELD)}})
    names = {s["name"] for s in symbols}
    assert {"diversion_yearly_cap", "diversion_approved", "ExemptionReason"} <= names
    found = client.request("workspace/symbol", {"query": "sanction_perc"})
    assert {(s["name"], s["location"]["uri"]) for s in found} >= {("sanction_percent", uri(WORKS))}


def test_code_lens_runs_a_test_and_shows_the_result(client):
    text = client.open(WELD)
    lenses = client.request("textDocument/codeLens", {"textDocument": {"uri": uri(WELD)}})
    assert len(lenses) == text.count("\ntest ")
    lens = next(l for l in lenses if l["command"]["arguments"][1] == "not_exempt")
    assert lens["command"]["title"] == "▶ run test"
    result = client.request("workspace/executeCommand", {"command": lens["command"]["command"],
                                                          "arguments": lens["command"]["arguments"]})
    assert result["passed"] is True
    lenses = client.request("textDocument/codeLens", {"textDocument": {"uri": uri(WELD)}})
    assert next(l for l in lenses if l["command"]["arguments"][1] == "not_exempt")["command"]["title"].startswith("✓ passed")
    # an expectation changed in the buffer fails when run
    start = text.index("test not_exempt")
    block_end = text.index("\n}", start)
    expectation = text.index("expect work_exempt == false", start, block_end)
    broken = text[:expectation] + "expect work_exempt == true " + text[expectation + len("expect work_exempt == false"):]
    client.change(WELD, broken)
    result = client.request("workspace/executeCommand", {"command": "tenet.runTest", "arguments": [uri(WELD), "not_exempt"]})
    assert result["passed"] is False and "expected work_exempt == true" in result["failures"][0]["message"]


def test_protocol_errors_never_stop_the_server(client):
    client.send_bytes(frame(b"{not json"))
    assert client.response(None)["error"]["code"] == -32700
    client.send_bytes(frame(b"[1, 2]"))
    assert client.response(None)["error"]["code"] == -32600
    client.send_bytes(b"Content-Length: pretty long\r\n\r\n")
    assert client.response(None)["error"]["code"] == -32700
    client.send_bytes(b"X-Nothing: here\r\n\r\n")
    assert client.response(None)["error"]["code"] == -32700
    assert client.request_raw("tenet/noSuchMethod", {})["error"]["code"] == -32601
    client.notify("tenet/noSuchNotification", {})
    assert client.request_raw("textDocument/hover", {"textDocument": 3})["error"]["code"] == -32602
    assert client.request_raw("textDocument/hover", {"textDocument": {"uri": "http://x"},
                                                     "position": {"line": 0, "character": 0}})["error"]["code"] == -32602
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(WELD)}, "contentChanges": [{"text": ""}]})
    log = None
    while log is None:
        client.next_message(time.monotonic() + TIMEOUT)
        log = next((n for n in client.notifications if n["method"] == "window/logMessage"), None)
    assert "not open" in log["params"]["message"]
    # a position far past the end of the text is the end of the text
    client.open(WELD)
    assert client.request("textDocument/hover", client.at(WELD, 10**6, 10**6)) is None
    assert client.request("workspace/symbol", {"query": "diversion_yearly"})


def test_requests_before_initialize_are_refused():
    c = Client(initialize=False)
    try:
        c.send({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}})
        assert c.response(1)["error"]["code"] == -32002
    finally:
        c.proc.kill()
        c.proc.wait(timeout=TIMEOUT)


def test_shutdown_then_exit_is_status_0(client):
    assert client.close() == 0


def test_a_vanished_client_ends_the_server_without_a_crash():
    c = Client()
    c.open(WELD)
    c.send_bytes(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")   # half a message, then the client is gone
    c.proc.stdin.close()
    assert c.proc.wait(timeout=TIMEOUT) == 1
    assert b"internal error" not in c.proc.stderr.read()


def test_a_client_that_stops_reading_ends_the_server_without_a_crash():
    proc = subprocess.Popen([TENET, "lsp"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    proc.stdout.close()   # nobody reads the answers
    request = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
    try:
        proc.stdin.write(frame(json.dumps(request).encode()))
        proc.stdin.flush()
    except BrokenPipeError:
        pass
    assert proc.wait(timeout=TIMEOUT) == 1   # a failed write, not SIGPIPE (-13)


def test_the_command_takes_stdio_and_refuses_other_options():
    bad = subprocess.run([TENET, "lsp", "--tcp"], capture_output=True, timeout=TIMEOUT)
    assert bad.returncode == 2 and b"--tcp" in bad.stderr
    proc = subprocess.run([TENET, "lsp", "--stdio"], capture_output=True, timeout=TIMEOUT,
                          input=frame(b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}')
                          + frame(b'{"jsonrpc":"2.0","id":2,"method":"shutdown"}')
                          + frame(b'{"jsonrpc":"2.0","method":"exit"}'))
    assert proc.returncode == 0 and b'"id":2' in proc.stdout


def test_closing_clears_diagnostics_and_highlights_stay_in_the_file(client):
    text = client.open(WELD, WELD.read_text() + '\nrule broken: money = no_such_amount  cite "x"\n')
    assert errors(client.diagnostics(WELD, lambda ds: errors(ds)))
    line, character = position_of(text, "at most diversion_yearly_cap", into=8)
    marks = client.request("textDocument/documentHighlight", client.at(WELD, line, character))
    declaration = position_of(text, "parameter diversion_yearly_cap", into=10)[0]
    assert {m["range"]["start"]["line"] for m in marks} >= {line, declaration}
    assert [m["kind"] for m in marks if m["range"]["start"]["line"] == declaration] == [3]
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri(WELD)}})
    assert client.diagnostics(WELD) == []
