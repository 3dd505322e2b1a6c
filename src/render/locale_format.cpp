// Locale formatting with ICU's NumberFormatter (exact decimal input) and DateFormat.
#include "render/locale_format.hpp"

#include <unicode/datefmt.h>
#include <unicode/listformatter.h>
#include <unicode/locid.h>
#include <unicode/measunit.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>

namespace tenet::render {

namespace nf = icu::number;

struct LocaleFormat::Impl {
    icu::Locale locale;
    nf::LocalizedNumberFormatter money, percent, number, integer, days, months;
    std::unique_ptr<icu::DateFormat> date;
    std::unique_ptr<icu::ListFormatter> list;
};

bool LocaleFormat::supported(const std::string& lang) { return lang == "en" || lang == "es"; }
const char* LocaleFormat::supported_languages() { return "en, es"; }

namespace {

std::string to_utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

// Decimal text of an exact value; a value that is not a finite decimal (1/3) is shown to 6
// places, which only explanations of intermediate rules can meet (decisions are exact).
std::string decimal_text(util::Rational x) {
    util::Rational shown = x;
    util::Rational r;
    if (util::round_to_places(x, 6, util::Rounding::HalfEven, &r)) shown = r;
    return util::to_decimal_string(shown);
}

std::string format_decimal(const nf::LocalizedNumberFormatter& f, const std::string& text) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out =
        f.formatDecimal(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), status).toString(status);
    return U_FAILURE(status) ? text : to_utf8(out);
}

}  // namespace

LocaleFormat::LocaleFormat(const std::string& lang) : lang_(lang), impl_(std::make_unique<Impl>()) {
    impl_->locale = icu::Locale(icu_locale());
    UErrorCode status = U_ZERO_ERROR;
    impl_->money = nf::NumberFormatter::withLocale(impl_->locale)
                       .unit(icu::CurrencyUnit(u"USD", status))
                       .precision(nf::Precision::currency(UCURR_USAGE_STANDARD));
    impl_->percent = nf::NumberFormatter::withLocale(impl_->locale).unit(icu::NoUnit::percent());
    impl_->number = nf::NumberFormatter::withLocale(impl_->locale);
    // a year or a household size reads without a separator; CLDR's es already groups so
    impl_->integer = impl_->number.grouping(UNUM_GROUPING_MIN2);
    impl_->days = impl_->integer.unit(icu::MeasureUnit::getDay()).unitWidth(UNUM_UNIT_WIDTH_FULL_NAME);
    impl_->months = impl_->integer.unit(icu::MeasureUnit::getMonth()).unitWidth(UNUM_UNIT_WIDTH_FULL_NAME);
    UErrorCode list_status = U_ZERO_ERROR;
    impl_->list.reset(
        icu::ListFormatter::createInstance(impl_->locale, ULISTFMT_TYPE_AND, ULISTFMT_WIDTH_WIDE, list_status));
    if (U_FAILURE(list_status)) impl_->list.reset();
    impl_->date.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, impl_->locale));
    // days since 1970 are civil days: formatted in UTC they are never shifted by a time zone
    if (impl_->date) impl_->date->adoptTimeZone(icu::TimeZone::createTimeZone(u"UTC"));
}

LocaleFormat::~LocaleFormat() = default;

const char* LocaleFormat::icu_locale() const { return lang_ == "es" ? "es_US" : "en_US"; }

std::string LocaleFormat::money(util::Rational dollars) const {
    util::Rational cents;
    // money shown to a reader is whole cents; an unrounded intermediate amount is shown exactly
    std::string text = util::round_to_places(dollars, 2, util::Rounding::HalfEven, &cents) && cents == dollars
                           ? util::to_decimal_string(dollars, 2)
                           : decimal_text(dollars);
    return format_decimal(impl_->money, text);
}

std::string LocaleFormat::percent(util::Rational fraction) const {
    util::Rational points;
    if (!util::mul(fraction, util::Rational::of(100), &points)) return decimal_text(fraction);
    return format_decimal(impl_->percent, decimal_text(points));
}

std::string LocaleFormat::number(util::Rational x) const { return format_decimal(impl_->number, decimal_text(x)); }

std::string LocaleFormat::integer(int64_t n) const { return format_decimal(impl_->integer, std::to_string(n)); }

std::string LocaleFormat::duration(int64_t count, bool months) const {
    return format_decimal(months ? impl_->months : impl_->days, std::to_string(count));
}

std::string LocaleFormat::list(const std::vector<std::string>& items) const {
    std::vector<icu::UnicodeString> texts;
    for (const auto& item : items) texts.push_back(icu::UnicodeString::fromUTF8(item));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out;
    if (impl_->list) impl_->list->format(texts.data(), static_cast<int32_t>(texts.size()), out, status);
    if (!impl_->list || U_FAILURE(status)) {
        std::string joined;
        for (const auto& item : items) joined += (joined.empty() ? "" : ", ") + item;
        return joined;
    }
    return to_utf8(out);
}

std::string LocaleFormat::date(util::Days d) const {
    if (d == util::kForever || !impl_->date) return util::format_iso_date(d);
    icu::UnicodeString out;
    // UDate is milliseconds in a double: exact for every day Tenet has (|d| < 2^31)
    impl_->date->format(static_cast<UDate>(d) * 86400000.0, out);
    return to_utf8(out);
}

}  // namespace tenet::render
