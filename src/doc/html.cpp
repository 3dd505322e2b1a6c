#include "doc/html.hpp"

namespace tenet::doc {

void append_escaped(std::string_view text, std::string* out) {
    for (char c : text) {
        switch (c) {
            case '&': *out += "&amp;"; break;
            case '<': *out += "&lt;"; break;
            case '>': *out += "&gt;"; break;
            case '"': *out += "&quot;"; break;
            case '\'': *out += "&#39;"; break;
            default: *out += c;
        }
    }
}

std::string escaped(std::string_view text) {
    std::string out;
    append_escaped(text, &out);
    return out;
}

std::string slug(std::string_view name) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : name) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
            c == '-') {
            out += static_cast<char>(c);
        } else {
            out += '~';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

}  // namespace tenet::doc
