// Money, percents, numbers and dates written for a reader's locale, with ICU.
//
// Exports: LocaleFormat. Amounts are exact rationals and reach ICU as decimal text
// (LocalizedNumberFormatter::formatDecimal), so no amount ever passes through a double.
// Languages: "en" (en_US) and "es" (es_US), the two of Exhibit H's notice.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "util/date.hpp"
#include "util/rational.hpp"

namespace tenet::render {

class LocaleFormat {
public:
    // False for a language Tenet has no notice texts for; `supported_languages()` names them.
    static bool supported(const std::string& lang);
    static const char* supported_languages();  // "en, es"

    explicit LocaleFormat(const std::string& lang);  // lang must be supported
    ~LocaleFormat();
    LocaleFormat(const LocaleFormat&) = delete;
    LocaleFormat& operator=(const LocaleFormat&) = delete;

    const std::string& lang() const { return lang_; }
    const char* icu_locale() const;  // "en_US", "es_US"

    std::string money(util::Rational dollars) const;                // $1,234.56 (cents shown always)
    std::string percent(util::Rational fraction) const;             // 1/4 -> 25%; 1/8 -> 12.5%
    std::string number(util::Rational x) const;                     // 1,234.5
    std::string integer(int64_t n) const;                           // 1,234 (1999: no separator below 10,000)
    std::string duration(int64_t count, bool months) const;         // 12 months / 12 meses, 1 day / 1 día
    std::string list(const std::vector<std::string>& items) const;  // a, b, and c / a, b y c
    std::string date(util::Days d) const;                           // June 1, 1999 / 1 de junio de 1999

private:
    struct Impl;
    std::string lang_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tenet::render
