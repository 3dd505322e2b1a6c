// Breaking text into lines of a given width, where the locale's line-breaking rules allow.
#pragma once

#include <string>
#include <string_view>

namespace tenet::render {

// Appends `paragraph` to `out` as lines of at most `width` user-perceived characters (a longer
// word gets a line of its own), each ending in '\n'. Breaks follow ICU's line-break rules for
// `icu_locale`; continuation lines repeat the paragraph's leading blanks, so an indented item
// stays indented.
void wrap_paragraph(std::string_view paragraph, size_t width, const char* icu_locale, std::string* out);

}  // namespace tenet::render
