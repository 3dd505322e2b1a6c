// What a loaded notice holds: per language, the compiled messages and the decisions each one
// reads. Private to src/render.
#pragma once

#include <unicode/msgfmt.h>

#include <memory>
#include <string>
#include <vector>

#include "render/locale_format.hpp"
#include "render/message_catalog.hpp"
#include "syntax/source.hpp"
#include "tenet/notice.hpp"

namespace tenet::render {

// Reserved keys of a notice catalogue (docs/NOTICES.md §2).
constexpr const char* kWhenKey = "notice.when";  // the bool decision that calls for the notice
constexpr const char* kNoneKey = "notice.none";  // the text when it does not

constexpr int kAsOfArgument = -1;  // the case's `as_of`, the only fact a template may name

struct MessageArgument {
    icu::UnicodeString name;
    int decision = kAsOfArgument;  // index in Ruleset::decisions(), or kAsOfArgument
    bool selected = false;         // passed as its select keyword (enum value, "true", "12")
};

struct CompiledMessage {
    std::string key;
    uint32_t file = 0, offset = 0;  // the key's position, for messages about this text
    std::unique_ptr<icu::MessageFormat> format;
    std::vector<MessageArgument> arguments;
};

struct LanguageTemplates {
    std::string lang;
    std::unique_ptr<LocaleFormat> locale;
    std::vector<CompiledMessage> body;  // in file order
    CompiledMessage none;               // kNoneKey
};

}  // namespace tenet::render

namespace tenet {

struct NoticeTemplates::Impl {
    std::string notice;
    syntax::SourceSet sources;
    int when_decision = -1;
    std::vector<int> decisions;  // every decision some message reads, and when_decision
    std::vector<render::LanguageTemplates> languages;
};

}  // namespace tenet
