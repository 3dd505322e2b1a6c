// `tenet lsp`: the Language Server Protocol over a pair of byte streams (stdio).
//
// Exports: Server (one JSON-RPC message body in, replies and notifications out through `send`),
// serve (the loop over file descriptors). The server is single-threaded: requests are answered
// in order, each after the documents changed before it are checked again, so an answer never
// reads a stale check. Bad input -- malformed JSON, a message that is not JSON-RPC, unknown
// methods, parameters of the wrong shape -- gets the protocol's error answer; the server goes on.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "lsp/workspace.hpp"

namespace tenet::lsp {

class Server {
public:
    // Writes one message body to the client; false when the client is gone.
    using Send = std::function<bool(const std::string& body)>;
    explicit Server(Send send);

    void handle(const std::string& body);
    // A message the base protocol could not frame (bad header): answered as a parse error.
    void protocol_error(const std::string& message);
    // Checks the documents changed since the last check and publishes their diagnostics.
    void publish_pending();
    bool pending() const { return workspace_.pending(); }

    bool exited() const { return exited_; }
    int exit_code() const { return shutdown_ ? 0 : 1; }  // LSP: 1 when `exit` comes without `shutdown`
    const Workspace& workspace() const { return workspace_; }

private:
    using json = nlohmann::json;
    json request(const std::string& method, const json& params);
    void notification(const std::string& method, const json& params);
    void send(const json& message);
    void reply_error(const json& id, int code, const std::string& message);
    void publish(const std::string& path);

    Workspace workspace_;
    Send send_;
    bool initialized_ = false;
    bool shutdown_ = false;
    bool exited_ = false;
    bool lens_refresh_ = false;  // the client takes workspace/codeLens/refresh
    int next_id_ = 1;
};

// Serves one client on `in`/`out` until `exit` or the end of input; returns the exit status.
int serve(int in, int out);

}  // namespace tenet::lsp
