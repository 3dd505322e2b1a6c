// Line wrapping with ICU's line BreakIterator, measured in grapheme clusters.
#include "render/text_wrap.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>

#include <memory>

#include "util/utf8.hpp"

namespace tenet::render {

namespace {

std::string_view trim_right(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

void wrap_paragraph(std::string_view paragraph, size_t width, const char* icu_locale, std::string* out) {
    size_t indent_bytes = paragraph.find_first_not_of(" \t");
    if (indent_bytes == std::string_view::npos) {
        out->push_back('\n');  // a blank line stays one
        return;
    }
    std::string_view indent = paragraph.substr(0, indent_bytes);
    std::string_view body = paragraph.substr(indent_bytes);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> breaks(icu::BreakIterator::createLineInstance(icu::Locale(icu_locale), status));
    icu::UnicodeString text =
        icu::UnicodeString::fromUTF8(icu::StringPiece(body.data(), static_cast<int32_t>(body.size())));
    if (U_FAILURE(status) || !breaks) {
        out->append(paragraph).push_back('\n');
        return;
    }
    breaks->setText(text);
    // break opportunities as UTF-16 offsets, turned into the UTF-8 pieces between them
    std::string line(indent);
    size_t line_width = util::grapheme_count(indent);
    size_t indent_width = line_width;
    bool line_has_words = false;
    int32_t start = breaks->first();
    for (int32_t end = breaks->next(); end != icu::BreakIterator::DONE; start = end, end = breaks->next()) {
        std::string piece;
        text.tempSubStringBetween(start, end).toUTF8String(piece);
        size_t piece_width = util::grapheme_count(trim_right(piece));
        if (line_has_words && line_width + piece_width > width) {
            out->append(trim_right(line)).push_back('\n');
            line.assign(indent);
            line_width = indent_width;
            line_has_words = false;
        }
        line += piece;
        line_width += util::grapheme_count(piece);
        line_has_words = true;
    }
    out->append(trim_right(line)).push_back('\n');
}

}  // namespace tenet::render
