"""A small LSP client for the protocol tests: frames JSON-RPC over `tenet lsp`'s stdio.

Every wait is bounded (TIMEOUT seconds): a hung server fails the test, it never hangs it.
"""
import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path

TIMEOUT = 30
SOURCE = Path(os.environ.get("TENET_SOURCE_DIR", Path(__file__).resolve().parents[2]))
TENET = os.environ.get("TENET_CLI", str(SOURCE / "build" / "tenet"))
WELD = SOURCE / "rulesets" / "colorado" / "weld.tenet"
WORKS = SOURCE / "rulesets" / "colorado" / "works.tenet"


def uri(path):
    return Path(path).resolve().as_uri()


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    def __init__(self, initialize=True):
        self.proc = subprocess.Popen([TENET, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.notifications = []
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()
        if initialize:
            self.capabilities = self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
            self.notify("initialized", {})

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            self.messages.put(json.loads(out.read(length)))

    def send_bytes(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        self.send_bytes(frame(json.dumps(message).encode()))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def next_message(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no message from the server in time")
        message = self.messages.get(timeout=left)
        if message is None:
            raise EOFError("the server closed its output")
        if "method" in message and "id" not in message:
            self.notifications.append(message)
        return message

    def response(self, id, timeout=TIMEOUT):
        """The whole response object (result or error) to request `id`."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.next_message(deadline)
            if message.get("id") == id and "method" not in message:
                return message

    def request_raw(self, method, params):
        id = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
        return self.response(id)

    def request(self, method, params):
        response = self.request_raw(method, params)
        assert "error" not in response, response
        return response["result"]

    def diagnostics(self, path, predicate=lambda ds: True, timeout=TIMEOUT):
        """The first diagnostics published for `path` (already received or coming) that satisfy predicate."""
        target = uri(path)
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for n in self.notifications[seen:]:
                if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == target:
                    if predicate(n["params"]["diagnostics"]):
                        self.notifications.remove(n)
                        return n["params"]["diagnostics"]
            seen = len(self.notifications)
            self.next_message(deadline)

    def open(self, path, text=None):
        text = Path(path).read_text() if text is None else text
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri(path), "languageId": "tenet",
                                                              "version": 1, "text": text}})
        return text

    def change(self, path, text, version=2):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": version},
                                               "contentChanges": [{"text": text}]})

    def at(self, path, line, character):
        return {"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": character}}

    def close(self):
        if self.proc.poll() is not None:
            return self.proc.returncode
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            return self.proc.wait(timeout=TIMEOUT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=TIMEOUT)


def position_of(text, needle, occurrence=0, into=0):
    """(line, character) of the `occurrence`-th `needle` in text, `into` characters in (ASCII text)."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    at += into
    line = text.count("\n", 0, at)
    return line, at - (text.rfind("\n", 0, at) + 1)
