// Starts `tenet lsp` on stdio for .tenet files. The server does the rest (docs/EDITORS.md).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("tenet").get("path") || "tenet";
  client = new LanguageClient(
    "tenet",
    "Tenet",
    { command, args: ["lsp"] },
    { documentSelector: [{ scheme: "file", language: "tenet" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
