// Session::explain_text: the JSON explanation (session.cpp) read back and written as lines a
// caseworker reads aloud. Every word comes from the language's catalogue (ExplainMessages) and
// every amount, count, duration, date and list is formatted by ICU for the locale. Explanations
// are not a hot path; going through the JSON keeps one source of truth for what a step contains.
#include <map>

#include <nlohmann/json.hpp>

#include "api/outcome.hpp"
#include "api/ruleset_impl.hpp"
#include "render/explain_messages.hpp"
#include "render/locale_format.hpp"
#include "tenet/tenet.hpp"

namespace tenet {

namespace {

using Json = nlohmann::ordered_json;

const char* fault_key(eval::Fault f) {
    using eval::Fault;
    switch (f) {
        case Fault::None: return "fault.none";
        case Fault::Overflow: return "fault.overflow";
        case Fault::DivisionByZero: return "fault.division_by_zero";
        case Fault::DateOutOfRange: return "fault.date_out_of_range";
        case Fault::ForeverArithmetic: return "fault.forever_arithmetic";
        case Fault::MixedDurations: return "fault.mixed_durations";
        case Fault::InvalidDate: return "fault.invalid_date";
        case Fault::NoTableRow: return "fault.no_table_row";
        case Fault::SeveralTableRows: return "fault.several_table_rows";
        case Fault::UndefinedParameter: return "fault.undefined_parameter";
        case Fault::TooDeep: return "fault.too_deep";
        case Fault::TooManySteps: return "fault.too_many_steps";
    }
    return "value.error";
}

// Lists longer than this are shown by their count.
constexpr size_t kListedItems = 6;

class StepWriter {
public:
    StepWriter(const check::Model& m, const render::LocaleFormat& locale, const render::ExplainMessages& words)
        : m_(m), locale_(locale), words_(words) {}

    std::string word(const std::string& key, const render::ExplainMessages::Args& args = {}) const {
        return words_.text(key, args);
    }

    std::string kind(const std::string& k) const {
        static const char* const kKinds[] = {"fact", "parameter", "decision", "table", "ladder", "reason", "limit"};
        for (const char* known : kKinds) {
            if (k == known) return word("kind." + k);
        }
        return word("kind.rule");
    }

    // A value by its Tenet type ("money", "date?", "list<JobRefusal>", a record's name).
    std::string value(const Json& v, std::string type) const {
        if (!type.empty() && type.back() == '?') type.pop_back();
        if (v.is_null()) return word("value.none");
        if (v.is_string() && v.get<std::string>() == "(missing)") return word("value.missing");
        if (v.is_string() && v.get<std::string>() == "(error)") return word("value.error");
        if (v.is_boolean()) return word(v.get<bool>() ? "value.true" : "value.false");
        if (type == "money" || type == "decimal" || type == "percent") {
            std::string text = v.is_string() ? v.get<std::string>() : v.dump();
            util::Rational r;
            if (util::parse_decimal(text, &r, nullptr)) {
                if (type == "money") return locale_.money(r);
                if (type == "decimal") return locale_.number(r);
                util::Rational fraction;
                if (util::div(r, util::Rational::of(100), &fraction)) return locale_.percent(fraction);
            }
            return text;
        }
        if (type == "int" && v.is_number_integer()) return locale_.integer(v.get<int64_t>());
        if (type == "date" && v.is_string()) return date(v.get<std::string>());
        if (type == "duration" && v.is_string()) return duration(v.get<std::string>());
        if (v.is_array()) return list(v, type);
        if (v.is_object()) return record(v, type);
        if (v.is_string()) return v.get<std::string>();  // an enum value: a name of the ruleset
        return v.dump();
    }

    std::string date(const std::string& iso) const {
        util::Days d;
        return util::parse_iso_date(iso, &d) ? locale_.date(d) : iso;
    }

    // "from 1998-12-01", "before 1998-12-01", "from A to B", "always" (session.cpp's words)
    std::string effective(const std::string& e) const {
        auto after = [&](const std::string& prefix) {
            return e.compare(0, prefix.size(), prefix) == 0 ? e.substr(prefix.size()) : std::string();
        };
        if (e == "always") return word("period.always");
        std::string rest = after("before ");
        if (!rest.empty()) return word("period.before", {{"before", date(rest)}});
        rest = after("from ");
        if (rest.empty()) return e;
        size_t to = rest.find(" to ");
        if (to == std::string::npos) return word("period.from", {{"from", date(rest)}});
        return word("period.range", {{"from", date(rest.substr(0, to))}, {"to", date(rest.substr(to + 4))}});
    }

    // What a step is called: a rule's name, a table row by its inputs, a limit step, a ladder level.
    std::string step_name(const Json& step) const {
        std::string kind = step.value("kind", "");
        if (kind == "table" && step.contains("inputs")) {
            std::string table = step.value("table", "");
            const check::TableInfo* info = find_table(table);
            std::vector<std::string> inputs;
            size_t i = 0;
            for (const auto& [name, v] : step["inputs"].items()) {
                std::string type = info && i < info->inputs.size() ? m_.type_name(info->inputs[i].type) : "";
                inputs.push_back(word("table.input", {{"name", name}, {"value", value(v, type)}}));
                ++i;
            }
            return word("table.row", {{"table", table}, {"inputs", locale_.list(inputs)}});
        }
        if (kind == "limit") return word(step.value("rule", "") == "at most" ? "limit.at_most" : "limit.at_least");
        if (kind == "ladder" && step.contains("level")) {
            return word("ladder.level", {{"ladder", step.value("ladder", "")},
                                         {"level", locale_.integer(step["level"].get<int64_t>())}});
        }
        return step.value("rule", "");
    }

    // A failed outcome's message: the fault, the table, the rule and its citation, the detail.
    std::string failure(const Outcome& o) const {
        std::string s = word(fault_key(o.fault));
        if (!o.table.empty()) s = word("failure.of_table", {{"failure", s}, {"table", o.table}});
        if (o.rule != check::kNone) {
            const auto& r = m_.rules[o.rule];
            s = word(r.decision ? "failure.in_decision" : "failure.in_rule", {{"failure", s}, {"rule", r.name}});
            std::string cite = cites_text(r.origin.decl->notes);
            if (!cite.empty()) s = word("failure.cite", {{"failure", s}, {"cite", cite}});
        }
        if (!o.detail.empty()) s = word("failure.detail", {{"failure", s}, {"detail", detail(o)}});
        return s;
    }

    // "parameter X has no value before D"
    std::string parameter_reason(const Outcome& o) const {
        return word(o.before ? "reason.parameter_before" : "reason.parameter_after",
                    {{"parameter", m_.params[o.parameter].name}, {"date", locale_.date(o.parameter_day)}});
    }

    std::string integer(int64_t n) const { return locale_.integer(n); }

private:
    const check::TableInfo* find_table(const std::string& name) const {
        for (const auto& t : m_.tables) {
            if (t.name == name) return &t;
        }
        return nullptr;
    }

    // "12 months", "30 days" (case_json.cpp's encoding) in the locale's words
    std::string duration(const std::string& text) const {
        size_t space = text.find(' ');
        if (space == std::string::npos || space == 0) return text;
        int64_t count = 0;
        for (size_t i = text[0] == '-' ? 1 : 0; i < space; ++i) {
            if (text[i] < '0' || text[i] > '9' || count > (INT64_MAX - 9) / 10) return text;
            count = count * 10 + (text[i] - '0');
        }
        if (text[0] == '-') count = -count;
        std::string unit = text.substr(space + 1);
        if (unit != "day" && unit != "days" && unit != "month" && unit != "months") return text;
        return locale_.duration(count, unit[0] == 'm');
    }

    std::string list(const Json& v, const std::string& type) const {
        if (v.empty()) return word("value.empty_list");
        if (v.size() > kListedItems) return words_.count("value.items", static_cast<int64_t>(v.size()));
        std::string element;
        if (type.size() > 6 && type.compare(0, 5, "list<") == 0 && type.back() == '>')
            element = type.substr(5, type.size() - 6);
        std::vector<std::string> items;
        for (const auto& x : v) items.push_back(value(x, element));
        return locale_.list(items);
    }

    // A record's fields in declaration order; the ladder's own record has the catalogue's names.
    std::string record(const Json& v, const std::string& type) const {
        const check::RecordInfo* info = nullptr;
        for (const auto& r : m_.records) {
            if (r.name == type) {
                info = &r;
                break;
            }
        }
        bool ladder = info && info == &m_.records[m_.types.get(m_.ladder_type).ref];
        std::string fields;
        for (const auto& [name, x] : v.items()) {
            std::string field_type;
            if (info) {
                int i = info->field_index(name);
                if (i >= 0) field_type = m_.type_name(info->fields[static_cast<size_t>(i)].type);
            }
            std::string shown = ladder ? word("ladder.field." + name) : name;
            fields +=
                (fields.empty() ? "" : ", ") + word("value.field", {{"name", shown}, {"value", value(x, field_type)}});
        }
        return word("value.record", {{"fields", fields}});
    }

    // "rows 3 and 4" (the evaluator's detail of a `hit unique` table) in the catalogue's words
    std::string detail(const Outcome& o) const {
        unsigned first = 0, second = 0;
        char rest = 0;
        if (o.fault == eval::Fault::SeveralTableRows &&
            std::sscanf(o.detail.c_str(), "rows %u and %u%c", &first, &second, &rest) == 2) {
            return word("failure.rows", {{"first", locale_.integer(first)}, {"second", locale_.integer(second)}});
        }
        return o.detail;
    }

    const check::Model& m_;
    const render::LocaleFormat& locale_;
    const render::ExplainMessages& words_;
};

std::string join(const Json& list, const char* separator) {
    std::string s;
    for (const auto& x : list) s += (s.empty() ? "" : separator) + (x.is_string() ? x.get<std::string>() : x.dump());
    return s;
}

}  // namespace

bool Session::explain_text(const Case& c, const Request& request, const std::string& lang, std::string* out,
                           std::vector<InputError>* errors) {
    if (!render::LocaleFormat::supported(lang)) {
        errors->push_back(InputError{"--lang", "no locale for `" + lang + "`: explanations are in " +
                                                   render::LocaleFormat::supported_languages()});
        return false;
    }
    Request explained = request;
    explained.explain = true;
    std::string json;
    if (!evaluate_json(c, explained, &json, errors)) return false;
    Json doc = Json::parse(json);
    render::LocaleFormat locale(lang);
    render::ExplainMessages words(lang);
    const check::Model& m = *ruleset().impl().model;
    StepWriter writer(m, locale, words);
    // "parameter X has no value before D", as JSON words it, to this language's words
    std::map<std::string, std::string> reworded;
    auto unresolved_text = [&](const Outcome& o) {
        std::string text;
        std::vector<std::string> reasons = unresolved_reasons(m, o);
        for (size_t i = 0; i < reasons.size(); ++i) {
            std::string reason = reasons[i];
            if (i >= o.missing.size()) {  // the parameter
                reason = writer.parameter_reason(o);
                reworded[reasons[i]] = reason;
            }
            text += (text.empty() ? "" : ", ") + reason;
        }
        return text;
    };
    for (const auto& [name, steps] : doc["explanation"].items()) {
        const Json* last = steps.empty() ? nullptr : &steps.back();
        std::string head = name;
        Outcome o;
        session_outcome(*this, ruleset().find_decision(name), &o);
        if (o.kind == Outcome::Kind::Unresolved) {
            head = writer.word(o.missing.empty() ? "head.unresolved_parameter" : "head.unresolved",
                               {{"name", name}, {"reasons", unresolved_text(o)}});
        } else if (o.kind == Outcome::Kind::Error) {
            head = writer.word("head.failed", {{"name", name}, {"failure", writer.failure(o)}});
        } else if (last && last->value("rule", "") == name) {
            head = writer.word("head.value",
                               {{"name", name}, {"value", writer.value((*last)["value"], last->value("type", ""))}});
        } else if (!doc["decisions"].contains(name)) {
            head = writer.word("head.value", {{"name", name}, {"value", writer.word("value.none")}});
        }
        *out += head + "\n";
        int64_t number = 0;
        for (const auto& step : steps) {
            std::string line = writer.word("step", {{"number", writer.integer(++number)},
                                                    {"name", writer.step_name(step)},
                                                    {"kind", writer.kind(step.value("kind", ""))},
                                                    {"value", writer.value(step["value"], step.value("type", ""))}});
            if (step.contains("effective")) {
                line =
                    writer.word("step.effective",
                                {{"line", line}, {"period", writer.effective(step["effective"].get<std::string>())}});
            }
            std::string cite = step.value("cite", "");
            if (!cite.empty()) line = writer.word("step.cite", {{"line", line}, {"cite", cite}});
            if (step.contains("reads"))
                line = writer.word("step.reads", {{"line", line}, {"names", join(step["reads"], ", ")}});
            if (step.contains("missing")) {
                std::string missing;
                for (const auto& x : step["missing"]) {
                    auto it = reworded.find(x.get<std::string>());
                    missing +=
                        (missing.empty() ? "" : ", ") + (it == reworded.end() ? x.get<std::string>() : it->second);
                }
                line = writer.word("step.missing", {{"line", line}, {"names", missing}});
            }
            *out += "  " + line + "\n";
        }
    }
    return true;
}

}  // namespace tenet
