// Source files, line tables and diagnostics.
#include "syntax/source.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include "util/utf8.hpp"

namespace tenet {

namespace {

// A line longer than this many user-perceived characters is shown as a window around the
// column: a one-line ruleset of a megabyte must give a readable message, in linear time.
constexpr size_t kExcerptWidth = 160;
constexpr size_t kExcerptContext = 70;  // characters left of the caret in a window; it shows twice as many

// The source line (or the window of it around the column) and a caret under the column.
void append_excerpt(std::string_view line, uint32_t column, std::string* out) {
    size_t before = column > 0 ? column - 1 : 0;  // characters left of the caret
    size_t first = 0;                             // the first character shown
    size_t begin = 0, end = line.size();
    if (line.size() > kExcerptWidth && util::grapheme_count(line) > kExcerptWidth) {
        first = before > kExcerptContext ? before - kExcerptContext : 0;
        begin = util::grapheme_prefix_bytes(line, first);
        end = util::grapheme_prefix_bytes(line, first + 2 * kExcerptContext);
    }
    const char* const kCut = "...";
    *out += "  ";
    if (begin > 0) *out += kCut;
    out->append(line.substr(begin, end - begin));
    if (end < line.size()) *out += kCut;
    *out += "\n  ";
    if (begin > 0) out->append(std::char_traits<char>::length(kCut), ' ');
    // The caret sits under the column-th user-perceived character; tabs are kept so the caret
    // lines up in a terminal that expands them the same way.
    std::string_view shown = line.substr(begin, end - begin);
    size_t caret = std::min(before - first, util::grapheme_count(shown) + 1);
    for (size_t g = 0; g < caret; ++g) {
        size_t at = util::grapheme_prefix_bytes(shown, g);
        *out += at < shown.size() && shown[at] == '\t' ? '\t' : ' ';
    }
    *out += "^\n";
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
    static const char* const kSeverity[] = {"error", "warning", "note"};
    std::string out = d.file;
    if (d.line > 0) {
        out += ':' + std::to_string(d.line) + ':' + std::to_string(d.column);
    }
    out += ": ";
    out += kSeverity[static_cast<int>(d.severity)];
    out += ": ";
    out += d.message;
    out += '\n';
    if (d.line > 0) append_excerpt(d.source_line, d.column, &out);
    for (const Diagnostic& n : d.notes) out += format_diagnostic(n);
    return out;
}

bool has_errors(const std::vector<Diagnostic>& ds) {
    return std::any_of(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

namespace syntax {

SourceFile::SourceFile(uint32_t id, std::string path, std::string text)
    : id_(id), path_(std::move(path)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (uint32_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
}

void SourceFile::position(uint32_t offset, uint32_t* line, uint32_t* column) const {
    offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    size_t index = static_cast<size_t>(it - line_starts_.begin()) - 1;
    *line = static_cast<uint32_t>(index + 1);
    std::string_view before(text_.data() + line_starts_[index], offset - line_starts_[index]);
    *column = static_cast<uint32_t>(util::grapheme_count(before) + 1);
}

std::string_view SourceFile::line_text(uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return {};
    uint32_t begin = line_starts_[line - 1];
    uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<uint32_t>(text_.size());
    while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
    return std::string_view(text_.data() + begin, end - begin);
}

const SourceFile& SourceSet::add(std::string path, std::string text) {
    uint32_t id = static_cast<uint32_t>(files_.size());
    files_.push_back(std::make_unique<SourceFile>(id, std::move(path), std::move(text)));
    return *files_.back();
}

Diagnostic DiagnosticSink::make(Severity s, Span at, std::string message) const {
    Diagnostic d;
    d.severity = s;
    d.message = std::move(message);
    if (at.file < sources_.size()) {
        const SourceFile& f = sources_.file(at.file);
        d.file = f.path();
        d.offset = at.begin;
        d.length = at.end > at.begin ? at.end - at.begin : 0;
        f.position(at.begin, &d.line, &d.column);
        d.source_line = std::string(f.line_text(d.line));
    }
    return d;
}

void DiagnosticSink::error(Span at, std::string message) {
    diags_.push_back(make(Severity::Error, at, std::move(message)));
    ++errors_;
}

void DiagnosticSink::warning(Span at, std::string message) {
    diags_.push_back(make(Severity::Warning, at, std::move(message)));
}

void DiagnosticSink::note(Span at, std::string message) {
    if (diags_.empty()) return;
    diags_.back().notes.push_back(make(Severity::Note, at, std::move(message)));
}

void DiagnosticSink::file_error(std::string file, std::string message) {
    Diagnostic d;
    d.file = std::move(file);
    d.message = std::move(message);
    diags_.push_back(std::move(d));
    ++errors_;
}

}  // namespace syntax
}  // namespace tenet
