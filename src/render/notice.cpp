// Rendering a notice: evaluate the decisions its messages read, give each message its values
// (formatted for the locale, or as select keywords), and lay the texts out in lines.
#include <unicode/fmtable.h>

#include "api/ruleset_impl.hpp"
#include "render/notice_impl.hpp"
#include "render/text_wrap.hpp"

namespace tenet {

namespace {

constexpr size_t kNoticeWidth = 78;  // a printed page in a fixed-width font

std::string to_utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

icu::UnicodeString text(const std::string& s) { return icu::UnicodeString::fromUTF8(s); }

class ArgumentValues {
public:
    ArgumentValues(const Session& session, const Case& c, const render::LocaleFormat& locale)
        : session_(session), case_(c), locale_(locale), m_(*session.ruleset().impl().model) {}

    icu::Formattable value(const render::MessageArgument& a) const {
        if (a.decision == render::kAsOfArgument) return text(locale_.date(case_.impl().data.values[0].d));
        DecisionValue v = session_.result(a.decision);
        if (v.state != DecisionValue::State::Ok) return text("none");  // unresolved ones stopped rendering earlier
        const Ruleset::Impl& rs = session_.ruleset().impl();
        check::TypeId type = m_.types.strip_optional(m_.rules[rs.decision_rules[static_cast<size_t>(a.decision)]].type);
        util::Rational r{v.numerator, v.denominator};
        switch (m_.types.kind(type)) {
            case check::TypeKind::Bool: return text(v.boolean ? "true" : "false");
            case check::TypeKind::Int:
                return a.selected ? icu::Formattable(text(std::to_string(v.integer)))
                                  : icu::Formattable(static_cast<int64_t>(v.integer));
            case check::TypeKind::Enum:
                return text(m_.enums[m_.types.get(type).ref].values[static_cast<size_t>(v.integer)]);
            case check::TypeKind::Money: return text(locale_.money(r));
            case check::TypeKind::Percent: return text(locale_.percent(r));
            case check::TypeKind::Decimal: return text(locale_.number(r));
            case check::TypeKind::Date: return text(locale_.date(v.days));
            default: return text("");  // the checker admits no other type
        }
    }

private:
    const Session& session_;
    const Case& case_;
    const render::LocaleFormat& locale_;
    const check::Model& m_;
};

// The message's text, or false with an error naming the template.
bool format_message(const render::CompiledMessage& msg, const ArgumentValues& values, const NoticeTemplates::Impl& impl,
                    std::string* out, std::vector<InputError>* errors) {
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> args;
    for (const auto& a : msg.arguments) {
        names.push_back(a.name);
        args.push_back(values.value(a));
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString result;
    msg.format->format(names.data(), args.data(), static_cast<int32_t>(args.size()), result, status);
    if (U_FAILURE(status)) {
        uint32_t line = 0, column = 0;
        const syntax::SourceFile& file = impl.sources.file(msg.file);
        file.position(msg.offset, &line, &column);
        errors->push_back(InputError{"$", file.path() + ":" + std::to_string(line) + ": message `" + msg.key +
                                              "` could not be formatted: " + u_errorName(status)});
        return false;
    }
    *out = to_utf8(result);
    return true;
}

// Each line of a message's text, wrapped; a message that renders empty adds nothing.
void lay_out(const std::string& message, const char* icu_locale, std::string* out) {
    if (message.empty()) return;
    size_t start = 0;
    for (;;) {
        size_t end = message.find('\n', start);
        std::string_view line(message.data() + start, (end == std::string::npos ? message.size() : end) - start);
        render::wrap_paragraph(line, kNoticeWidth, icu_locale, out);
        if (end == std::string::npos) break;
        start = end + 1;
    }
}

}  // namespace

NoticeResult render_notice(Session& session, const Case& c, const NoticeTemplates& notice, const std::string& lang) {
    NoticeResult r;
    const NoticeTemplates::Impl& impl = notice.impl();
    const render::LanguageTemplates* texts = nullptr;
    std::string have;
    for (const auto& l : impl.languages) {
        if (l.lang == lang) texts = &l;
        have += (have.empty() ? "" : ", ") + l.lang;
    }
    if (!texts) {
        r.errors.push_back(
            InputError{"--lang", "the `" + impl.notice + "` notice has no `" + lang + "` text (it has: " + have + ")"});
        return r;
    }
    // strict: a fact that a message needs and the case lacks is an error naming its path
    Request request;
    request.decisions = impl.decisions;
    request.strict = true;
    std::string json;
    if (!session.evaluate_json(c, request, &json, &r.errors)) return r;

    ArgumentValues values(session, c, *texts->locale);
    const char* locale = texts->locale->icu_locale();
    std::string message;
    if (!session.result(impl.when_decision).boolean) {
        if (!format_message(texts->none, values, impl, &message, &r.errors)) return r;
        lay_out(message, locale, &r.text);
        r.status = NoticeResult::Status::NothingToNotify;
        return r;
    }
    for (const auto& msg : texts->body) {
        if (!format_message(msg, values, impl, &message, &r.errors)) return r;
        lay_out(message, locale, &r.text);
    }
    r.status = NoticeResult::Status::Rendered;
    return r;
}

}  // namespace tenet
