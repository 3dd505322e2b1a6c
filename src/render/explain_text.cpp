// Session::explain_text: the JSON explanation (session.cpp) read back and written as lines a
// caseworker reads aloud, with values formatted for the locale. Explanations are not a hot
// path; going through the JSON keeps one source of truth for what a step contains.
#include <map>

#include <nlohmann/json.hpp>

#include "api/outcome.hpp"
#include "api/ruleset_impl.hpp"
#include "render/locale_format.hpp"
#include "tenet/tenet.hpp"

namespace tenet {

namespace {

struct Words {
    const char* fact;
    const char* parameter;
    const char* rule;
    const char* decision;
    const char* table;
    const char* ladder;
    const char* reason;
    const char* limit;
    const char* yes;
    const char* no;
    const char* none;
    const char* missing;
    const char* error;
    const char* unresolved;
    const char* unresolved_by;   // before a parameter without a value
    const char* failed;
    const char* parameter_undefined;   // "parameter X has no value"
    const char* reads;
    const char* from;
    const char* before;
    const char* to;
    const char* always;
    const char* items;
};

const Words kEnglish{"fact", "parameter", "rule", "decision", "table", "ladder", "reason", "limit", "true", "false",
                     "none", "missing", "error", "unresolved, missing", "unresolved,", "failed", "has no value", "read", "from", "before", "to", "always", "items"};
const Words kSpanish{"hecho", "parámetro", "regla", "decisión", "tabla", "escala", "motivo", "límite", "verdadero", "falso",
                     "ninguno", "falta", "error", "sin resolver, falta", "sin resolver,", "falló", "no tiene valor", "leyó", "desde el", "antes del", "al", "siempre", "elementos"};

// A failure's message in Spanish (ops.cpp's fault_message in English).
const char* spanish_fault(eval::Fault f) {
    using eval::Fault;
    switch (f) {
        case Fault::None: return "sin error";
        case Fault::Overflow: return "desbordamiento aritmético (el resultado es demasiado grande para guardarlo exacto)";
        case Fault::DivisionByZero: return "división por cero";
        case Fault::DateOutOfRange: return "una fecha fuera de 1800-01-01 .. 2299-12-31";
        case Fault::ForeverArithmetic: return "aritmética con `forever` (una fecha sin fin)";
        case Fault::MixedDurations: return "comparación de una duración en días con una en meses";
        case Fault::InvalidDate: return "una fecha inválida";
        case Fault::NoTableRow: return "ninguna fila de la tabla coincide";
        case Fault::SeveralTableRows: return "coinciden varias filas de una tabla `hit unique`";
        case Fault::UndefinedParameter: return "el parámetro no tiene valor en este día";
        case Fault::TooDeep: return "la evaluación se anida demasiado";
        case Fault::TooManySteps: return "la evaluación da demasiados pasos (más de 10.000.000 elementos de listas recorridos)";
    }
    return "error";
}

const FailureWords kSpanishFailure{spanish_fault, " de la tabla ", " en la regla ", " en la decisión "};

class StepWriter {
public:
    StepWriter(const render::LocaleFormat& locale) : locale_(locale), w_(locale.lang() == "es" ? kSpanish : kEnglish) {}

    std::string kind(const std::string& k) const {
        if (k == "fact") return w_.fact;
        if (k == "parameter") return w_.parameter;
        if (k == "decision") return w_.decision;
        if (k == "table") return w_.table;
        if (k == "ladder") return w_.ladder;
        if (k == "reason") return w_.reason;
        if (k == "limit") return w_.limit;
        return w_.rule;
    }

    // A value by its Tenet type ("money", "date?", "list<JobRefusal>").
    std::string value(const nlohmann::ordered_json& v, std::string type) const {
        if (!type.empty() && type.back() == '?') type.pop_back();
        if (v.is_null()) return w_.none;
        if (v.is_string() && v.get<std::string>() == "(missing)") return w_.missing;
        if (v.is_string() && v.get<std::string>() == "(error)") return w_.error;
        if (v.is_boolean()) return v.get<bool>() ? w_.yes : w_.no;
        util::Rational r;
        if (type == "money" || type == "decimal" || type == "percent") {
            std::string text = v.is_string() ? v.get<std::string>() : v.dump();
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
        if (v.is_string()) return v.get<std::string>();
        if (v.is_array()) {
            std::string shown = v.dump();
            if (shown.size() <= 60) return shown;
            return locale_.integer(static_cast<int64_t>(v.size())) + " " + w_.items;
        }
        return v.dump();
    }

    std::string date(const std::string& iso) const {
        util::Days d;
        return util::parse_iso_date(iso, &d) ? locale_.date(d) : iso;
    }

    // "from 1998-12-01", "before 1998-12-01", "from A to B", "always" (session.cpp's words)
    std::string effective(const std::string& e) const {
        auto after = [&](const std::string& prefix) { return e.compare(0, prefix.size(), prefix) == 0 ? e.substr(prefix.size()) : std::string(); };
        if (e == "always") return w_.always;
        std::string rest = after("before ");
        if (!rest.empty()) return std::string(w_.before) + " " + date(rest);
        rest = after("from ");
        if (rest.empty()) return e;
        size_t to = rest.find(" to ");
        if (to == std::string::npos) return std::string(w_.from) + " " + date(rest);
        return std::string(w_.from) + " " + date(rest.substr(0, to)) + " " + w_.to + " " + date(rest.substr(to + 4));
    }

    const Words& words() const { return w_; }

private:
    const render::LocaleFormat& locale_;
    const Words& w_;
};

std::string join(const nlohmann::ordered_json& list, const char* separator) {
    std::string s;
    for (const auto& x : list) s += (s.empty() ? "" : separator) + (x.is_string() ? x.get<std::string>() : x.dump());
    return s;
}

}  // namespace

bool Session::explain_text(const Case& c, const Request& request, const std::string& lang, std::string* out,
                           std::vector<InputError>* errors) {
    if (!render::LocaleFormat::supported(lang)) {
        errors->push_back(InputError{"--lang", "no locale for `" + lang + "`: explanations are in " + render::LocaleFormat::supported_languages()});
        return false;
    }
    Request explained = request;
    explained.explain = true;
    std::string json;
    if (!evaluate_json(c, explained, &json, errors)) return false;
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(json);
    render::LocaleFormat locale(lang);
    StepWriter writer(locale);
    const check::Model& m = *ruleset().impl().model;
    bool spanish = lang == "es";
    // "parameter X has no value before D", as JSON words it, to this language's words
    std::map<std::string, std::string> reworded;
    auto unresolved_text = [&](const Outcome& o) {
        std::string text;
        std::vector<std::string> reasons = unresolved_reasons(m, o);
        for (size_t i = 0; i < reasons.size(); ++i) {
            std::string reason = reasons[i];
            if (i >= o.missing.size()) {   // the parameter
                reason = std::string(spanish ? "el " : "") + writer.words().parameter + " " + m.params[o.parameter].name + " " +
                         writer.words().parameter_undefined + " " +
                         writer.effective((o.before ? "before " : "after ") + util::format_iso_date(o.parameter_day));
                reworded[reasons[i]] = reason;
            }
            text += (text.empty() ? "" : ", ") + reason;
        }
        return text;
    };
    for (const auto& [name, steps] : doc["explanation"].items()) {
        const nlohmann::ordered_json* last = steps.empty() ? nullptr : &steps.back();
        std::string head = name;
        Outcome o;
        session_outcome(*this, ruleset().find_decision(name), &o);
        if (o.kind == Outcome::Kind::Unresolved) {
            head += ": " + std::string(o.missing.empty() ? writer.words().unresolved_by : writer.words().unresolved) + " " +
                    unresolved_text(o);
        } else if (o.kind == Outcome::Kind::Error) {
            head += ": " + std::string(writer.words().failed) + ": " + (spanish ? error_message(m, o, kSpanishFailure) : error_message(m, o));
        } else if (last && last->value("rule", "") == name) {
            head += " = " + writer.value((*last)["value"], last->value("type", ""));
        } else if (!doc["decisions"].contains(name)) {
            head += " = " + std::string(writer.words().none);
        }
        *out += head + "\n";
        int number = 0;
        for (const auto& step : steps) {
            std::string line = "  " + std::to_string(++number) + ". " + step.value("rule", "") + " (" + writer.kind(step.value("kind", "")) + ")";
            line += " = " + writer.value(step["value"], step.value("type", ""));
            if (step.contains("effective")) line += ", " + writer.effective(step["effective"].get<std::string>());
            std::string cite = step.value("cite", "");
            if (!cite.empty()) line += " [" + cite + "]";
            if (step.contains("reads")) line += "; " + std::string(writer.words().reads) + ": " + join(step["reads"], ", ");
            if (step.contains("missing")) {
                std::string missing;
                for (const auto& x : step["missing"]) {
                    auto it = reworded.find(x.get<std::string>());
                    missing += (missing.empty() ? "" : ", ") + (it == reworded.end() ? x.get<std::string>() : it->second);
                }
                line += "; " + std::string(writer.words().missing) + ": " + missing;
            }
            *out += line + "\n";
        }
    }
    return true;
}

}  // namespace tenet
