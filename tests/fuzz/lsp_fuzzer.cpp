// Fuzz target (8): the language server's message reader and dispatcher. Any bytes a client may
// send are framed, parsed and answered -- or refused with a protocol error -- without a crash,
// a hang or an exception escaping; every answer is itself one valid framed JSON-RPC message.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lsp/message_reader.hpp"
#include "lsp/server.hpp"

namespace {

void drain(tenet::lsp::MessageReader& reader, tenet::lsp::Server& server) {
    std::string body, error;
    for (;;) {
        auto r = reader.next(&body, &error);
        if (r == tenet::lsp::MessageReader::Result::NeedMore || server.exited()) return;
        if (r == tenet::lsp::MessageReader::Result::BadHeader) {
            server.protocol_error(error);
        } else {
            server.handle(body);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    tenet::lsp::Server server([](const std::string& body) {
        // what the server writes is one JSON-RPC message
        auto reply = nlohmann::json::parse(body, nullptr, false);
        if (reply.is_discarded() || !reply.is_object() || reply.value("jsonrpc", "") != "2.0") {
            std::fprintf(stderr, "LSP BUG: the server wrote %s\n", body.c_str());
            std::abort();
        }
        return true;
    });
    // the stream in two reads, split in the middle: framing must not depend on how reads fall
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    tenet::lsp::MessageReader reader;
    reader.feed(bytes.substr(0, size / 2));
    drain(reader, server);
    reader.feed(bytes.substr(size / 2));
    drain(reader, server);
    server.publish_pending();
    return 0;
}
