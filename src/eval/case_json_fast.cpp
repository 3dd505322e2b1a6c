// The fast reader of JSON cases: simdjson's On-Demand API walks the text straight into CaseData.
//
// It accepts only what is certainly a valid case, read exactly as the reference reader
// (eval/case_json.cpp) reads it: numbers from their text through the same util::parse_decimal,
// values through the same checks of eval/fact_value.hpp. On anything else it gives up, and
// CaseDecoder::decode asks the reference reader, which says what is wrong: the fast reader builds
// no message and no JSON path, and error output cannot differ between the two.
#include <simdjson.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "eval/case_groups.hpp"

namespace tenet::eval {

using check::TypeId;
using check::TypeKind;

namespace {

namespace od = simdjson::ondemand;

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A scalar's token as simdjson gives it runs to the next token: the spaces after it are not its own.
std::string_view token_of(od::value& v) {
    std::string_view t = v.raw_json_token();
    while (!t.empty() && is_json_space(t.back())) t.remove_suffix(1);
    return t;
}

// Eight bytes at a time: every key of a case passes here.
bool is_ascii(std::string_view s) {
    uint64_t bits = 0;
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        uint64_t word;
        std::memcpy(&word, s.data() + i, 8);
        bits |= word;
    }
    for (; i < s.size(); ++i) bits |= static_cast<unsigned char>(s[i]);
    return (bits & 0x8080808080808080u) == 0;
}

// What a number token is (RFC 8259 §6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?): simdjson
// leaves the tokens of numbers unchecked until they are converted, and these never are.
enum class NumberShape { NotJson, Integer, Fraction };

NumberShape number_shape(std::string_view t) {
    size_t i = 0, n = t.size();
    if (i < n && t[i] == '-') ++i;
    if (i == n) return NumberShape::NotJson;
    if (t[i] == '0') {
        ++i;
    } else if (t[i] >= '1' && t[i] <= '9') {
        while (i < n && is_digit(t[i])) ++i;
    } else {
        return NumberShape::NotJson;
    }
    bool integer = true;
    auto digits = [&] {
        size_t start = i;
        while (i < n && is_digit(t[i])) ++i;
        return i > start;
    };
    if (i < n && t[i] == '.') {
        integer = false;
        ++i;
        if (!digits()) return NumberShape::NotJson;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        integer = false;
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
        if (!digits()) return NumberShape::NotJson;
    }
    if (i != n) return NumberShape::NotJson;
    return integer ? NumberShape::Integer : NumberShape::Fraction;
}

// Containers reused from case to case on each thread, so that reading allocates nothing once warm.
struct Scratch {
    od::parser parser;
    std::string padded;                    // the text and simdjson's padding after it
    std::vector<uint8_t> given;            // the keys seen, for each object being read
    std::vector<std::vector<Cell>> lists;  // the items read so far, for each list being read
};

class FastReader {
public:
    FastReader(const check::Model& m, CaseData* out, Scratch& scratch) : m_(m), out_(out), s_(scratch) {}

    bool group(od::object object, const CaseDecoder::Group& g) {
        if (!enter()) return false;
        size_t base = s_.given.size();
        s_.given.resize(base + g.children.size(), 0);
        for (auto field : object) {
            std::string_view key;
            od::value v;
            // a key that is not ASCII is compared in NFC by the reference reader
            if (field.unescaped_key().get(key) || !is_ascii(key) || field.value().get(v)) return false;
            size_t c = g.find(key);
            if (c == CaseDecoder::Group::kNotFound || s_.given[base + c]) return false;
            s_.given[base + c] = 1;
            const CaseDecoder::Group::Child& child = g.children[c];
            if (child.group && child.fact == check::kNone) {
                od::object inner;
                if (v.get_object().get(inner) || !group(inner, *child.group)) return false;
            } else if (child.fact != check::kNone && !child.group) {
                Cell cell;
                if (!value(v, m_.facts[child.fact].type, child.fact, &cell)) return false;
                out_->values[child.fact] = cell.v;
                out_->states[child.fact] = cell.s;
            } else {
                return false;  // both a fact and a group: the reference reader says what it does
            }
        }
        s_.given.resize(base);
        --depth_;
        return true;
    }

private:
    bool enter() { return ++depth_ <= kMaxJsonDepth; }

    // A value of type `type` into `cell`; `fact` is the fact when it is one (its range is checked).
    bool value(od::value& v, TypeId type, uint32_t fact, Cell* cell) {
        od::json_type json;
        if (v.type().get(json)) return false;
        if (json == od::json_type::null) {
            bool null = false;
            if (v.is_null().get(null) || !null || !m_.types.is_optional(type)) return false;
            *cell = Cell{};
            cell->s = State::None;
            return true;
        }
        TypeId bare = m_.types.strip_optional(type);
        TypeKind k = m_.types.kind(bare);
        cell->s = State::Ok;
        switch (json) {
            case od::json_type::boolean: {
                bool b = false;
                if (k != TypeKind::Bool || v.get_bool().get(b)) return false;
                cell->v = Value::of_bool(b);
                return true;
            }
            case od::json_type::number: {
                if (k != TypeKind::Int && k != TypeKind::Decimal && k != TypeKind::Money && k != TypeKind::Percent)
                    return false;
                return number(token_of(v), k, fact, &cell->v);
            }
            case od::json_type::string: {
                std::string_view text;
                if (v.get_string().get(text)) return false;
                if (k == TypeKind::Date || k == TypeKind::Enum) {
                    if (!text_fact_value(m_, type, text, {}, &cell->v, &message_)) return false;
                    return in_range(fact, k, cell->v);
                }
                if (k == TypeKind::Money || k == TypeKind::Decimal) return decimal(text, k, fact, &cell->v);
                return false;
            }
            case od::json_type::object:
                if (k != TypeKind::Record) return false;
                return record(v, bare, cell);
            case od::json_type::array:
                if (k != TypeKind::List) return false;
                return list(v, bare, cell);
            default: return false;
        }
    }

    // As the reference reader: an integer as nlohmann gives it (an int64 from its digits), any
    // other number from its text.
    bool number(std::string_view text, TypeKind k, uint32_t fact, Value* out) {
        NumberShape shape = number_shape(text);
        if (shape == NumberShape::NotJson) return false;
        if (shape == NumberShape::Fraction) return decimal(text, k, fact, out);
        bool negative = text[0] == '-';
        std::string_view digits = text.substr(negative ? 1 : 0);
        if (digits.size() > 18) return false;  // what may not fit in 64 bits is the reference reader's
        int64_t magnitude = 0;
        for (char c : digits) magnitude = magnitude * 10 + (c - '0');
        util::Rational r = util::Rational::of(negative ? -magnitude : magnitude);
        return checked_number(r, 0, util::DecimalFault::None, k, fact, out);
    }

    bool decimal(std::string_view text, TypeKind k, uint32_t fact, Value* out) {
        util::Rational r;
        int places = 0;
        util::DecimalFault fault = util::DecimalFault::None;
        if (!util::parse_decimal(text, &r, &places, &fault) && fault == util::DecimalFault::Syntax) return false;
        return checked_number(r, places, fault, k, fact, out);
    }

    bool checked_number(const util::Rational& r, int places, util::DecimalFault fault, TypeKind k, uint32_t fact,
                        Value* out) {
        return number_fact_value(k, r, places, fault, {}, out, &message_) && in_range(fact, k, *out);
    }

    bool in_range(uint32_t fact, TypeKind k, const Value& v) {
        return fact == check::kNone || fact_value_in_range(m_.facts[fact], k, v, &message_);
    }

    bool record(od::value& v, TypeId rt, Cell* cell) {
        od::object object;
        if (v.get_object().get(object) || !enter()) return false;
        const auto& rec = m_.records[m_.types.get(rt).ref];
        size_t n = rec.fields.size();
        Cell* fields = out_->arena.cells(n);
        size_t base = s_.given.size();
        s_.given.resize(base + n, 0);
        for (auto field : object) {
            std::string_view key;
            od::value fv;
            if (field.unescaped_key().get(key) || !is_ascii(key) || field.value().get(fv)) return false;
            size_t i = 0;
            while (i < n && rec.fields[i].name != key) ++i;
            if (i == n || s_.given[base + i]) return false;
            s_.given[base + i] = 1;
            if (!value(fv, rec.fields[i].type, check::kNone, &fields[i])) return false;
        }
        for (size_t i = 0; i < n; ++i) {
            if (s_.given[base + i]) continue;
            if (!m_.types.is_optional(rec.fields[i].type)) return false;
            fields[i].s = State::None;
        }
        s_.given.resize(base);
        --depth_;
        cell->v = Value::of_record(fields);
        return true;
    }

    bool list(od::value& v, TypeId lt, Cell* cell) {
        od::array array;
        if (v.get_array().get(array) || !enter()) return false;
        TypeId element = m_.types.element(lt);
        size_t level = lists_open_++;
        if (s_.lists.size() <= level) s_.lists.emplace_back();
        s_.lists[level].clear();
        for (auto item : array) {
            od::value iv;
            Cell c;
            if (item.get(iv) || s_.lists[level].size() >= kMaxListLength || !value(iv, element, check::kNone, &c))
                return false;
            s_.lists[level].push_back(c);
        }
        const std::vector<Cell>& read = s_.lists[level];
        Cell* items = out_->arena.cells(read.size());
        if (!read.empty()) std::memcpy(static_cast<void*>(items), read.data(), read.size() * sizeof(Cell));
        cell->v = Value::of_list(items, static_cast<uint32_t>(read.size()));
        --lists_open_;
        --depth_;
        return true;
    }

    const check::Model& m_;
    CaseData* out_;
    Scratch& s_;
    int depth_ = 0;
    size_t lists_open_ = 0;
    std::string message_;  // what a check says on refusing: unused, the reference reader says it
};

}  // namespace

bool CaseDecoder::decode_fast(std::string_view text, CaseData* out, const util::Days* as_of) const {
    // nlohmann's lexer stops at a NUL, which the reference reader reports (simdjson would refuse it too)
    if (text.size() > kMaxFastBytes || std::memchr(text.data(), 0, text.size()) != nullptr) return false;
    thread_local Scratch scratch;
    scratch.padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(scratch.padded.data(), text.data(), text.size());
    std::memset(scratch.padded.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    out->reset(m_.facts.size());
    scratch.given.clear();
    od::document doc;
    od::object root;
    if (scratch.parser.iterate(scratch.padded.data(), text.size(), scratch.padded.size()).get(doc) ||
        doc.get_object().get(root))
        return false;
    FastReader reader(m_, out, scratch);
    if (!reader.group(root, *root_)) return false;
    // the object must be the whole text: a location still inside it means more follows
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) return false;
    return settle(out, as_of);
}

}  // namespace tenet::eval
