#include "util/lines.hpp"

namespace tenet::util {

LineRead read_line(std::istream& in, std::string* line, size_t max) {
    line->clear();
    std::streambuf* buf = in.rdbuf();
    if (!in.good() || !buf) return LineRead::End;
    for (;;) {
        int c = buf->sbumpc();
        if (c == std::char_traits<char>::eof()) {
            in.setstate(std::ios::eofbit);
            return line->empty() ? LineRead::End : LineRead::Line;  // a last line without '\n' is a line
        }
        if (c == '\n') return LineRead::Line;
        if (line->size() == max) return LineRead::TooLong;
        line->push_back(static_cast<char>(c));
    }
}

std::string line_too_long(size_t line_number, size_t max) {
    std::string size = max % (1 << 20) == 0 ? std::to_string(max >> 20) + " MiB" : std::to_string(max) + " bytes";
    return "line " + std::to_string(line_number) + " is longer than " + size + ", the limit of a JSON line";
}

}  // namespace tenet::util
