// JSON-RPC dispatch, the LSP lifecycle, document synchronisation and diagnostics.
#include "lsp/server.hpp"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "lsp/features.hpp"
#include "lsp/message_reader.hpp"
#include "lsp/text.hpp"

namespace tenet::lsp {

Server::Server(Send send) : send_(std::move(send)) {}

void Server::send(const json& message) {
    // invalid UTF-8 from a document (echoed in a message) is replaced, never thrown on
    send_(message.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::reply_error(const json& id, int code, const std::string& message) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void Server::protocol_error(const std::string& message) {
    reply_error(nullptr, kParseError, "bad message header: " + message);
}

void Server::handle(const std::string& body) {
    json message = json::parse(body, nullptr, false);
    if (message.is_discarded()) return reply_error(nullptr, kParseError, "the message is not valid JSON");
    if (!message.is_object())
        return reply_error(nullptr, kInvalidRequest, "a message is a JSON object (batches are not used by LSP)");
    auto id = message.find("id");
    bool has_id = id != message.end();
    if (has_id && !id->is_number_integer() && !id->is_string()) {
        return reply_error(nullptr, kInvalidRequest, "`id` is a number or a string");
    }
    auto method = message.find("method");
    if (method == message.end()) return;  // a response to a request of ours: nothing waits on it
    if (!method->is_string()) {
        return has_id ? reply_error(*id, kInvalidRequest, "`method` is a string") : void();
    }
    std::string name = method->get<std::string>();
    json params = message.value("params", json::object());
    if (!has_id) return notification(name, params);

    if (!initialized_ && name != "initialize") {
        return reply_error(*id, kServerNotInitialized, "the server is not initialized");
    }
    if (shutdown_) return reply_error(*id, kInvalidRequest, "the server is shut down: only `exit` is accepted");
    try {
        json result = request(name, params);
        send({{"jsonrpc", "2.0"}, {"id", *id}, {"result", result}});
    } catch (const RequestError& e) {
        reply_error(*id, e.code, e.what());
    } catch (const json::exception& e) {
        reply_error(*id, kInvalidParams, std::string("invalid params for ") + name + ": " + e.what());
    } catch (const std::exception& e) {
        reply_error(*id, kInternalError, std::string("internal error in ") + name + ": " + e.what());
    }
}

Server::json Server::request(const std::string& method, const json& params) {
    if (method == "initialize") {
        initialized_ = true;
        lens_refresh_ = params.value("capabilities", json::object())
                            .value("workspace", json::object())
                            .value("codeLens", json::object())
                            .value("refreshSupport", false);
        return {{"capabilities",
                 {{"textDocumentSync", {{"openClose", true}, {"change", 2}}},
                  {"hoverProvider", true},
                  {"definitionProvider", true},
                  {"implementationProvider", true},
                  {"referencesProvider", true},
                  {"documentHighlightProvider", true},
                  {"documentSymbolProvider", true},
                  {"workspaceSymbolProvider", true},
                  {"documentFormattingProvider", true},
                  {"renameProvider", {{"prepareProvider", true}}},
                  {"completionProvider", {{"triggerCharacters", {".", "\""}}}},
                  {"codeLensProvider", {{"resolveProvider", false}}},
                  {"executeCommandProvider", {{"commands", {"tenet.runTest"}}}}}},
                {"serverInfo", {{"name", "tenet"}, {"version", TENET_VERSION}}}};
    }
    if (method == "shutdown") {
        shutdown_ = true;
        return nullptr;
    }
    publish_pending();  // every answer reads the documents as they are now
    if (method == "textDocument/hover") return hover(workspace_, params);
    if (method == "textDocument/completion") return completion(workspace_, params);
    if (method == "textDocument/definition") return definition(workspace_, params);
    if (method == "textDocument/implementation") return implementation(workspace_, params);
    if (method == "textDocument/references") return references(workspace_, params);
    if (method == "textDocument/documentHighlight") return document_highlight(workspace_, params);
    if (method == "textDocument/prepareRename") return prepare_rename(workspace_, params);
    if (method == "textDocument/rename") return rename(workspace_, params);
    if (method == "textDocument/documentSymbol") return document_symbols(workspace_, params);
    if (method == "workspace/symbol") return workspace_symbols(workspace_, params);
    if (method == "textDocument/formatting") return formatting(workspace_, params);
    if (method == "textDocument/codeLens") return code_lens(workspace_, params);
    if (method == "workspace/executeCommand") {
        std::string command = params.at("command").get<std::string>();
        if (command != "tenet.runTest") throw RequestError(kInvalidParams, "unknown command `" + command + "`");
        json result = run_test(workspace_, params.value("arguments", json::array()));
        send({{"jsonrpc", "2.0"},
              {"method", "window/showMessage"},
              {"params",
               {{"type", result["passed"].get<bool>() ? 3 : 1},
                {"message", "test " + result["name"].get<std::string>() +
                                (result["passed"].get<bool>() ? " passed" : " failed")}}}});
        if (lens_refresh_)
            send({{"jsonrpc", "2.0"},
                  {"id", "refresh-" + std::to_string(next_id_++)},
                  {"method", "workspace/codeLens/refresh"}});
        return result;
    }
    throw RequestError(kMethodNotFound, "unknown method `" + method + "`");
}

void Server::notification(const std::string& method, const json& params) {
    if (method == "exit") {
        exited_ = true;
        return;
    }
    if (!initialized_ || shutdown_) return;  // notifications before initialize are dropped
    try {
        if (method == "textDocument/didOpen") {
            const json& doc = params.at("textDocument");
            std::string uri = doc.at("uri").get<std::string>();
            workspace_.open(path_of_uri(uri), uri, doc.at("text").get<std::string>(), doc.value("version", int64_t{0}));
        } else if (method == "textDocument/didChange") {
            std::string path = path_of_uri(params.at("textDocument").at("uri"));
            Document* doc = workspace_.document(path);
            if (!doc) throw RequestError(kInvalidParams, "a change to a document that is not open");
            for (const json& change : params.at("contentChanges")) {
                std::string text = change.at("text").get<std::string>();
                if (change.contains("range")) {
                    const json& r = change["range"];
                    apply_change(
                        &doc->text,
                        Position{r.at("start").at("line").get<uint32_t>(),
                                 r.at("start").at("character").get<uint32_t>()},
                        Position{r.at("end").at("line").get<uint32_t>(), r.at("end").at("character").get<uint32_t>()},
                        text);
                } else {
                    doc->text = std::move(text);
                }
            }
            doc->version = params["textDocument"].value("version", doc->version);
            workspace_.changed(path);
        } else if (method == "textDocument/didClose") {
            workspace_.close(path_of_uri(params.at("textDocument").at("uri")));
        } else if (method == "workspace/didChangeWatchedFiles") {
            for (const json& change : params.at("changes")) workspace_.changed(path_of_uri(change.at("uri")));
        }
        // others ($/cancelRequest, didSave, initialized, ...) need nothing
    } catch (const std::exception& e) {
        // a notification has no answer: the error goes to the client's log
        send({{"jsonrpc", "2.0"},
              {"method", "window/logMessage"},
              {"params", {{"type", 1}, {"message", "tenet lsp: " + method + ": " + e.what()}}}});
    }
}

void Server::publish_pending() {
    if (!workspace_.pending()) return;
    try {
        for (const std::string& path : workspace_.refresh()) publish(path);
    } catch (const std::exception& e) {
        // out of memory, an unreadable file system: said in the client's log; the server goes on
        send({{"jsonrpc", "2.0"},
              {"method", "window/logMessage"},
              {"params", {{"type", 1}, {"message", std::string("tenet lsp: checking failed: ") + e.what()}}}});
    }
}

void Server::publish(const std::string& path) {
    json diagnostics = json::array();
    const Analysis* a = workspace_.analysis(path);
    Document* doc = workspace_.document(path);
    if (a && doc) {
        LineIndex index(doc->text);
        auto range = [&](uint32_t begin, uint32_t end) {
            Position s = index.position(begin), e = index.position(end);
            return json{{"start", {{"line", s.line}, {"character", s.character}}},
                        {"end", {{"line", e.line}, {"character", e.character}}}};
        };
        for (const Diagnostic& d : a->diagnostics) {
            bool here = d.file == path;
            // an error in a file that is not open is shown at the top of the document that reads it
            if (!here && (d.severity != Severity::Error || workspace_.document(d.file))) continue;
            json item = {{"severity", d.severity == Severity::Error     ? 1
                                      : d.severity == Severity::Warning ? 2
                                                                        : 3},
                         {"source", "tenet"}};
            if (here && d.line > 0) {
                item["range"] = range(d.offset, d.offset + d.length);
                item["message"] = d.message;
            } else {
                item["range"] = range(0, 0);
                item["message"] = d.file +
                                  (d.line ? ":" + std::to_string(d.line) + ":" + std::to_string(d.column) : "") + ": " +
                                  d.message;
            }
            json related = json::array();
            for (const Diagnostic& n : d.notes) {
                if (n.line == 0) continue;
                int file = a->file_of(n.file);
                if (file < 0) continue;
                related.push_back({{"location", location_json(workspace_, *a->model, static_cast<uint32_t>(file),
                                                              n.offset, n.offset + n.length)},
                                   {"message", n.message}});
            }
            if (!related.empty()) item["relatedInformation"] = related;
            diagnostics.push_back(std::move(item));
        }
    }
    json params = {{"uri", doc ? doc->uri : path_to_uri(path)}, {"diagnostics", diagnostics}};
    if (doc) params["version"] = doc->version;
    send({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", params}});
}

namespace {

bool readable_now(int fd) {
    pollfd p{fd, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

bool write_all(int fd, const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

}  // namespace

int serve(int in, int out) {
    signal(SIGPIPE, SIG_IGN);  // a vanished client is a failed write, not a signal
    bool gone = false;
    Server server([&](const std::string& body) {
        if (!gone && !write_all(out, frame(body))) gone = true;
        return !gone;
    });
    MessageReader reader;
    std::string body, error;
    char buffer[1 << 16];
    for (;;) {
        for (;;) {
            MessageReader::Result r = reader.next(&body, &error);
            if (r == MessageReader::Result::NeedMore) break;
            if (r == MessageReader::Result::BadHeader) {
                server.protocol_error(error);
            } else {
                server.handle(body);
            }
            if (server.exited()) return server.exit_code();
        }
        if (gone) return 1;
        // a burst of changes is checked once, when no further message is waiting
        if (server.pending() && !readable_now(in)) server.publish_pending();
        ssize_t n = read(in, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return 1;  // the client went away without `exit`
        reader.feed(std::string_view(buffer, static_cast<size_t>(n)));
    }
}

}  // namespace tenet::lsp
