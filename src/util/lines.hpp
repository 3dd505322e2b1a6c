// JSON Lines read one line at a time with a bound on a line's length, so that a file without
// newlines (`--cases /dev/zero`) is an error at its line, not memory growing without end.
// (LANGUAGE.md §12)
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace tenet::util {

// The longest line of a JSONL file (one case): room for a case at the list-length limit.
constexpr size_t kMaxJsonlLineBytes = size_t{16} << 20;

enum class LineRead { Line, End, TooLong };

// The next line of `in` without its '\n'. TooLong once `max` bytes have come without a newline:
// `line` holds those bytes and the rest of the line is left unread.
LineRead read_line(std::istream& in, std::string* line, size_t max = kMaxJsonlLineBytes);

// "line N is longer than 16 MiB, the limit of a JSON line" (for `max`).
std::string line_too_long(size_t line_number, size_t max = kMaxJsonlLineBytes);

}  // namespace tenet::util
