// Strings written into JSON text by hand (see json_string.hpp).
#include "util/json_string.hpp"

namespace tenet::util {

void append_escaped(std::string_view s, std::string* out) {
    size_t run = 0;  // characters that need no escape are appended in one piece
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out->append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': *out += "\\\""; break;
            case '\\': *out += "\\\\"; break;
            case '\n': *out += "\\n"; break;
            case '\r': *out += "\\r"; break;
            case '\t': *out += "\\t"; break;
            default:
                if (c < 0x20) {
                    static const char* hex = "0123456789abcdef";
                    *out += "\\u00";
                    out->push_back(hex[c >> 4]);
                    out->push_back(hex[c & 15]);
                }
        }
    }
    out->append(s.data() + run, s.size() - run);
}

void write_string(std::string_view s, std::string* out) {
    out->push_back('"');
    append_escaped(s, out);
    out->push_back('"');
}

}  // namespace tenet::util
