// The words of an explanation read aloud, from the catalogue of its language
// (src/render/messages/explain.LANG.properties, built into the library).
//
// Exports: ExplainMessages. Each message is an ICU MessageFormat pattern whose arguments are text
// already formatted for the locale (LocaleFormat), or a count for `plural`.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tenet::render {

class ExplainMessages {
public:
    // lang must be one LocaleFormat supports.
    explicit ExplainMessages(const std::string& lang);
    ~ExplainMessages();
    ExplainMessages(const ExplainMessages&) = delete;
    ExplainMessages& operator=(const ExplainMessages&) = delete;

    using Args = std::vector<std::pair<const char*, std::string>>;
    // The message `key` with its arguments; `count` is passed as a number.
    std::string text(const std::string& key, const Args& args = {}) const;
    std::string count(const std::string& key, int64_t count) const;

    // The built-in catalogue's keys and, for each message that does not compile, why: "" when
    // the catalogue is whole (unit tests compare the languages with this).
    static std::vector<std::string> keys(const std::string& lang);
    static std::string problems(const std::string& lang);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tenet::render
