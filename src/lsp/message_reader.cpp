// Content-Length framing: headers are ASCII lines "Name: value" ended by an empty line.
#include "lsp/message_reader.hpp"

#include <algorithm>
#include <cctype>

namespace tenet::lsp {

namespace {

bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The Content-Length of a header block (without its final blank line), or false with a reason.
bool content_length(std::string_view headers, size_t* length, std::string* error) {
    bool found = false;
    while (!headers.empty()) {
        size_t eol = headers.find("\r\n");
        std::string_view line = headers.substr(0, eol);
        headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
        size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            *error = "a header line without ':'";
            return false;
        }
        if (!same_name(trim(line.substr(0, colon)), "Content-Length")) continue;
        std::string_view value = trim(line.substr(colon + 1));
        if (value.empty() || value.size() > 12) {
            *error = "Content-Length is not a number";
            return false;
        }
        size_t n = 0;
        for (char c : value) {
            if (c < '0' || c > '9') {
                *error = "Content-Length is not a number";
                return false;
            }
            n = n * 10 + static_cast<size_t>(c - '0');
        }
        *length = n;
        found = true;
    }
    if (!found) *error = "a message without a Content-Length header";
    return found;
}

}  // namespace

void MessageReader::feed(std::string_view bytes) {
    if (discard_ > 0) {
        size_t drop = std::min(discard_, bytes.size());
        discard_ -= drop;
        bytes.remove_prefix(drop);
    }
    if (start_ > 0 && start_ == buffer_.size()) {
        buffer_.clear();
        start_ = 0;
    } else if (start_ > (size_t{1} << 20)) {
        buffer_.erase(0, start_);  // keep the buffer from growing with what was read
        start_ = 0;
    }
    buffer_.append(bytes);
}

MessageReader::Result MessageReader::next(std::string* body, std::string* error) {
    std::string_view unread(buffer_.data() + start_, buffer_.size() - start_);
    // blank lines between messages are tolerated
    while (unread.substr(0, 2) == "\r\n") {
        unread.remove_prefix(2);
        start_ += 2;
    }
    size_t end = unread.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        if (unread.size() <= kMaxHeaderBytes) return Result::NeedMore;
        *error = "a header of more than " + std::to_string(kMaxHeaderBytes) + " bytes";
        start_ = buffer_.size();
        return Result::BadHeader;
    }
    if (end > kMaxHeaderBytes) {
        *error = "a header of more than " + std::to_string(kMaxHeaderBytes) + " bytes";
        start_ += end + 4;
        return Result::BadHeader;
    }
    size_t length = 0;
    if (!content_length(unread.substr(0, end), &length, error)) {
        start_ += end + 4;
        return Result::BadHeader;
    }
    if (length > kMaxMessageBytes) {
        *error =
            "a message of " + std::to_string(length) + " bytes, over the limit of " + std::to_string(kMaxMessageBytes);
        start_ += end + 4;
        size_t here = std::min(length, buffer_.size() - start_);
        start_ += here;
        discard_ = length - here;
        return Result::BadHeader;
    }
    if (unread.size() - end - 4 < length) return Result::NeedMore;
    body->assign(unread.data() + end + 4, length);
    start_ += end + 4 + length;
    return Result::Message;
}

std::string frame(const std::string& body) {
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace tenet::lsp
