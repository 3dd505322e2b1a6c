// The Weld sample caseload as a frame: see sample_frame.hpp.
#include "api/sample_frame.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "util/date.hpp"
#include "util/rational.hpp"

namespace tenet::sample_frame {

using json = nlohmann::json;

namespace {

const json* lookup(const json& c, const std::string& path) {
    const json* at = &c;
    size_t start = 0;
    for (;;) {
        size_t dot = path.find('.', start);
        std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!at->is_object() || !at->contains(key)) return nullptr;
        at = &(*at)[key];
        if (dot == std::string::npos) return at;
        start = dot + 1;
    }
}

// The elements of every row's list, end to end, as the List kind's field columns: money in
// cents, dates as days, bools, other strings (enums) as dictionary codes; a field no element has
// gets no column (optional fields are then none).
void arrow_list(Frame& f, const std::string& path, const std::vector<const json*>& values,
                const std::vector<uint8_t>& present) {
    f.ints.emplace_back(1, 0);
    std::vector<int64_t>& offsets = f.ints.back();
    std::vector<const json*> elements;
    for (size_t i = 0; i < values.size(); ++i) {
        if (present[i]) {
            for (const auto& e : *values[i]) elements.push_back(&e);
        }
        offsets.push_back(static_cast<int64_t>(elements.size()));
    }
    std::vector<std::string> names;
    for (const json* e : elements) {
        for (const auto& [key, v] : e->items()) {
            if (std::find(names.begin(), names.end(), key) == names.end()) names.push_back(key);
        }
    }
    std::vector<InputColumn> fields;
    for (const std::string& name : names) {
        f.bytes.emplace_back(elements.size(), 0);
        std::vector<uint8_t>& here = f.bytes.back();
        const json* sample = nullptr;
        for (size_t e = 0; e < elements.size(); ++e) {
            auto it = elements[e]->find(name);
            here[e] = it != elements[e]->end() && !it->is_null();
            if (here[e] && !sample) sample = &*it;
        }
        if (!sample) continue;
        util::Days day;
        if (sample->is_boolean()) {
            f.bytes.emplace_back(elements.size(), 0);
            for (size_t e = 0; e < elements.size(); ++e)
                f.bytes.back()[e] = here[e] && elements[e]->at(name).get<bool>();
            fields.push_back(InputColumn::booleans(name, f.bytes.back().data(), here.data()));
        } else if (util::Rational r;
                   sample->is_number() ||
                   (sample->is_string() && util::parse_decimal(sample->get<std::string>(), &r, nullptr))) {
            f.ints.emplace_back(elements.size(), 0);
            for (size_t e = 0; e < elements.size(); ++e) {
                if (!here[e]) continue;
                const json& v = elements[e]->at(name);
                util::Rational r, cents;
                EXPECT_TRUE(util::parse_decimal(v.is_string() ? v.get<std::string>() : v.dump(), &r, nullptr));
                util::mul(r, util::Rational::of(100), &cents);
                f.ints.back()[e] = cents.num;
            }
            fields.push_back(InputColumn::scaled(name, f.ints.back().data(), 2, here.data()));
        } else if (util::parse_iso_date(sample->get<std::string>(), &day)) {
            f.ints.emplace_back(elements.size(), 0);
            for (size_t e = 0; e < elements.size(); ++e) {
                if (here[e])
                    util::parse_iso_date(elements[e]->at(name).get<std::string>(), &day), f.ints.back()[e] = day;
            }
            fields.push_back(InputColumn::days(name, f.ints.back().data(), here.data()));
        } else {
            std::vector<std::string> entries;
            f.codes.emplace_back(elements.size(), -1);
            for (size_t e = 0; e < elements.size(); ++e) {
                if (!here[e]) continue;
                std::string text = elements[e]->at(name).get<std::string>();
                auto at = std::find(entries.begin(), entries.end(), text);
                f.codes.back()[e] = static_cast<int32_t>(at - entries.begin());
                if (at == entries.end()) entries.push_back(text);
            }
            fields.push_back(InputColumn::dictionary_coded(name, f.codes.back().data(), entries));
        }
    }
    f.columns.push_back(InputColumn::list(path, offsets.data(), std::move(fields), present.data()));
}

}  // namespace

std::shared_ptr<const Ruleset> weld() {
    static std::shared_ptr<const Ruleset> rs = [] {
        auto r = compile_file(std::string(TENET_SOURCE_DIR) + "/rulesets/colorado/weld.tenet");
        EXPECT_TRUE(r.ok());
        return r.ruleset;
    }();
    return rs;
}

std::vector<json> sample_cases() {
    std::ifstream in(std::string(TENET_SOURCE_DIR) + "/rulesets/colorado/caseload/weld_sample.jsonl");
    std::vector<json> cases;
    std::string line;
    while (std::getline(in, line)) cases.push_back(json::parse(line));
    return cases;
}

// One column per fact that any case has: typed columns (bool, integer, cents, days, dictionary)
// or text columns, and list facts as JSON text.
Frame frame_of(const Ruleset& rs, const std::vector<json>& cases, Style style) {
    Frame f;
    size_t n = cases.size();
    f.strings.reserve(400);
    f.views.reserve(400);
    f.ints.reserve(400);
    f.bytes.reserve(800);
    f.codes.reserve(400);
    for (const FactInfo& fact : rs.facts()) {
        bool any = false;
        for (const auto& c : cases) any = any || lookup(c, fact.path);
        if (!any) continue;
        f.bytes.emplace_back(n, 0);
        std::vector<uint8_t>& present = f.bytes.back();
        std::vector<const json*> values(n);
        for (size_t i = 0; i < n; ++i) {
            values[i] = lookup(cases[i], fact.path);
            present[i] = values[i] && !values[i]->is_null();
        }
        std::string type = fact.type;
        if (!type.empty() && type.back() == '?') type.pop_back();
        bool list = type.rfind("list<", 0) == 0;
        if (style == Style::Arrow && list) {
            arrow_list(f, fact.path, values, present);
            continue;
        }
        if (style == Style::Text || list) {
            f.strings.emplace_back(n);
            for (size_t i = 0; i < n; ++i) {
                if (!present[i]) continue;
                f.strings.back()[i] = values[i]->is_string() ? values[i]->get<std::string>() : values[i]->dump();
            }
            f.views.emplace_back(f.strings.back().begin(), f.strings.back().end());
            f.columns.push_back(InputColumn::text(fact.path, f.views.back().data(), present.data()));
            continue;
        }
        if (type == "bool") {
            f.bytes.emplace_back(n, 0);
            for (size_t i = 0; i < n; ++i) f.bytes.back()[i] = present[i] && values[i]->get<bool>();
            f.columns.push_back(InputColumn::booleans(fact.path, f.bytes.back().data(), present.data()));
        } else if (type == "int" || type == "money" || type == "decimal") {
            // int as is; money in cents; decimal in thousandths
            int scale = type == "int" ? 0 : type == "money" ? 2 : 3;
            f.ints.emplace_back(n, 0);
            for (size_t i = 0; i < n; ++i) {
                if (!present[i]) continue;
                std::string text = values[i]->is_string() ? values[i]->get<std::string>() : values[i]->dump();
                util::Rational r;
                EXPECT_TRUE(util::parse_decimal(text, &r, nullptr)) << text;
                util::Rational s;
                util::mul(r, util::Rational::of(scale == 0 ? 1 : scale == 2 ? 100 : 1000), &s);
                EXPECT_TRUE(s.is_integer()) << text;
                f.ints.back()[i] = s.num;
            }
            f.columns.push_back(scale == 0
                                    ? InputColumn::integers(fact.path, f.ints.back().data(), present.data())
                                    : InputColumn::scaled(fact.path, f.ints.back().data(), scale, present.data()));
        } else if (type == "date") {
            f.ints.emplace_back(n, INT64_MIN);  // NaT: absent
            for (size_t i = 0; i < n; ++i) {
                util::Days d;
                if (present[i] && util::parse_iso_date(values[i]->get<std::string>(), &d)) f.ints.back()[i] = d;
            }
            f.columns.push_back(InputColumn::days(fact.path, f.ints.back().data()));
        } else {
            // enums (and percent): a dictionary of the spellings
            std::map<std::string, int32_t> dictionary;
            std::vector<std::string> entries;
            f.codes.emplace_back(n, -1);
            for (size_t i = 0; i < n; ++i) {
                if (!present[i]) continue;
                std::string text = values[i]->is_string() ? values[i]->get<std::string>() : values[i]->dump();
                auto it = dictionary.emplace(text, static_cast<int32_t>(entries.size())).first;
                if (it->second == static_cast<int32_t>(entries.size())) entries.push_back(text);
                f.codes.back()[i] = it->second;
            }
            f.columns.push_back(InputColumn::dictionary_coded(fact.path, f.codes.back().data(), entries));
        }
    }
    return f;
}

size_t list_columns(const Frame& f) {
    size_t lists = 0;
    for (const auto& c : f.columns) lists += c.kind == InputColumn::Kind::List;
    return lists;
}

void lengthen_lists(std::vector<json>* cases, size_t every) {
    json payments = json::array();
    for (size_t k = 0; k < kColumnarElements + 1; ++k) {
        payments.push_back(json{{"date", "1990-01-01"},
                                {"kind", "transportation"},
                                {"amount", "1.00"},
                                {"work_experience_transport", false}});
    }
    for (size_t i = 0; i < cases->size(); i += every) (*cases)[i]["history"]["supportive_payments"] = payments;
}

// The JSON the `eval` output would hold for a row of a column.
json value_json(const OutputColumn& col, size_t row) {
    switch (col.type) {
        case OutputColumn::Type::Bool: return json(col.bools[row] != 0);
        case OutputColumn::Type::Integer: return json(col.int64s[row]);
        case OutputColumn::Type::Enum: return json(col.enum_values[static_cast<size_t>(col.int32s[row])]);
        case OutputColumn::Type::Date:
            if (col.int32s[row] == kForeverDays) return json(col.forever_as);
            return json(util::format_iso_date(col.int32s[row]));
        case OutputColumn::Type::Money: return json(util::to_decimal_string(util::Rational{col.int64s[row], 100}, 2));
        case OutputColumn::Type::Number: {
            util::Rational r{col.numerators[row], col.denominators[row]};
            if (col.money) return json(util::to_decimal_string(r, 2));
            if (col.percent) util::mul(r, util::Rational::of(100), &r);
            return json::parse(util::to_decimal_string(r));
        }
        case OutputColumn::Type::Json: return json::parse(col.json(row));
    }
    return json();
}

}  // namespace tenet::sample_frame
