// Starts `flowlint lsp` for YAML files; every feature comes from the server.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function settings() {
  const config = vscode.workspace.getConfiguration("flowlint");
  return {
    authentikVersion: config.get("authentikVersion") || undefined,
    select: config.get("select"),
    ignore: config.get("ignore"),
    context: config.get("context"),
    env: config.get("env"),
  };
}

function activate(context) {
  const command = vscode.workspace.getConfiguration("flowlint").get("path") || "flowlint";
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "flowlint",
    "flowlint",
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: "file", language: "yaml" }],
      initializationOptions: settings(),
      synchronize: { configurationSection: "flowlint" },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
