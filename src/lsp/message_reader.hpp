// The base protocol of LSP: messages framed by a `Content-Length` header, over a byte stream.
//
// Exports: MessageReader (bytes in, message bodies out, bad headers reported and skipped), frame
// (a body -> the bytes to write), kMaxMessageBytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tenet::lsp {

// A message body larger than this is refused (its header is skipped and its bytes discarded):
// a ruleset is at most 1 MiB, and its JSON escaping at most doubles it.
constexpr size_t kMaxMessageBytes = size_t{16} << 20;
// A header block longer than this without its blank line is not a header.
constexpr size_t kMaxHeaderBytes = 8192;

class MessageReader {
public:
    enum class Result { Message, NeedMore, BadHeader };

    void feed(std::string_view bytes);
    // The next message body, or NeedMore. On BadHeader, `error` says what was wrong; the bad
    // header (and, when it gave a length too large, that many bytes) is skipped, so calling
    // again goes on with what follows.
    Result next(std::string* body, std::string* error);

private:
    std::string buffer_;
    size_t start_ = 0;    // where the unread bytes begin in buffer_
    size_t discard_ = 0;  // bytes of a refused body still to drop as they arrive
};

// "Content-Length: N\r\n\r\n" + body.
std::string frame(const std::string& body);

}  // namespace tenet::lsp
