// Decoding JSON cases with nlohmann's SAX parser, and writing values as JSON.
#include "eval/case_json.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <cstring>

#include "eval/case_groups.hpp"
#include "util/utf8.hpp"

namespace tenet::eval {

using check::TypeId;
using check::TypeKind;

CaseDecoder::CaseDecoder(const check::Model& m) : m_(m), root_(std::make_unique<Group>()) {
    for (uint32_t f = 0; f < m.facts.size(); ++f) {
        if (m.types.is_optional(m.facts[f].type)) optional_facts_.push_back(f);
        Group* g = root_.get();
        const auto& segs = m.facts[f].segments;
        for (size_t i = 0; i < segs.size(); ++i) {
            auto it = g->index.find(segs[i]);
            size_t c;
            if (it == g->index.end()) {
                c = g->children.size();
                g->children.push_back(Group::Child{nullptr, check::kNone, segs[i]});
                g->index.emplace(segs[i], c);
            } else {
                c = it->second;
            }
            if (i + 1 == segs.size()) {
                g->children[c].fact = f;
            } else {
                if (!g->children[c].group) g->children[c].group = std::make_unique<Group>();
                g->children[c].group = std::move(g->children[c].group);
                g = g->children[c].group.get();
            }
        }
    }
}

CaseDecoder::~CaseDecoder() = default;

namespace {

using json = nlohmann::json;
using NumberFault = util::DecimalFault;

// Appends `key` to a JSON path: `.size` for a name, `["a b"]` (escaped as a JSON string) for
// any other key, so that a path is unambiguous and never holds a control character.
void append_key(const std::string& key, std::string* path) {
    bool name = !key.empty() && std::all_of(key.begin(), key.end(), [](char ch) {
        unsigned char c = static_cast<unsigned char>(ch);
        return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    if (name) {
        *path += '.';
        *path += key;
        return;
    }
    *path += '[';
    util::write_string(key, path);
    *path += ']';
}

class Handler;

class Handler {
public:
    struct Target {
        bool valid = false;
        const CaseDecoder::Group* group = nullptr;  // the value must be an object of facts
        TypeId type = 0;                            // otherwise, a value of this type
        uint32_t fact = check::kNone;               // ... for this fact (a top-level value)
        size_t frame = 0;                           // ... in this frame
        int child = -1;
    };

    struct Frame {
        enum class Kind { Group, Record, List } kind;
        const CaseDecoder::Group* group;
        TypeId type;              // Record: the record; List: the list type
        Cell* fields;             // Record
        std::vector<bool> given;  // Group and Record: keys seen
        std::vector<Cell> items;  // List
        size_t path_len;
        Target target{};        // where a finished record or list goes
        int child = -1;         // Group/Record: the key just read
        bool too_long = false;  // List: past kMaxListLength (said once, at the list's path)
    };

    // Containers reused from case to case on each thread, so that decoding allocates little.
    struct Scratch {
        std::vector<Frame> frames;
        std::string path;
    };

    Handler(const check::Model& m, const CaseDecoder::Group* root, CaseData* out, std::vector<InputError>* errors,
            Scratch& scratch)
        : m_(m), out_(out), errors_(errors), frames_(scratch.frames), path_(scratch.path) {
        path_ = "$";
        root_ = root;
    }

    bool failed() const { return failed_; }
    size_t error_count() const { return error_count_; }

    // ---- SAX interface
    bool null() {
        if (skipping()) return true;
        Target t = target();
        if (!t.valid) return true;
        if (t.group) return error("expected an object of facts, got null");
        if (!m_.types.is_optional(t.type)) {
            return error(t.fact != check::kNone ? "null is not a valid " + m_.type_name(t.type) +
                                                      "; leave the key out if the fact is unknown"
                                                : "null is not a valid " + m_.type_name(t.type));
        }
        Cell c;
        c.s = State::None;
        deliver(t, c);
        return true;
    }
    bool boolean(bool b) {
        if (skipping()) return true;
        Target t = target();
        if (!t.valid) return true;
        if (kind(t) != TypeKind::Bool) return mismatch(t, "a boolean");
        Cell c;
        c.v = Value::of_bool(b);
        deliver(t, c);
        return true;
    }
    bool number_integer(int64_t v) { return number(util::Rational::of(v), std::to_string(v), NumberFault::None); }
    bool number_unsigned(uint64_t v) {
        if (v > static_cast<uint64_t>(INT64_MAX))
            return number(util::Rational{}, std::to_string(v), NumberFault::TooLarge);
        return number(util::Rational::of(static_cast<int64_t>(v)), std::to_string(v), NumberFault::None);
    }
    // Every number with a fraction or an exponent, and every integer beyond 64 bits, is read
    // here from its text (the double is never used).
    bool number_float(double, const std::string& text) {
        util::Rational r;
        int places = 0;
        NumberFault fault;
        util::parse_decimal(text, &r, &places, &fault);
        return number(r, text, fault, places);
    }
    bool string(std::string& s) {
        if (skipping()) return true;
        Target t = target();
        if (!t.valid) return true;
        TypeKind k = kind(t);
        Cell c;
        switch (k) {
            case TypeKind::Date:
            case TypeKind::Enum: {
                std::string message;
                if (!text_fact_value(m_, t.type, s, quote_input(s), &c.v, &message)) return error(message);
                if (!in_range(t, c.v)) return true;
                deliver(t, c);
                return true;
            }
            case TypeKind::Money:
            case TypeKind::Decimal: {
                util::Rational r;
                int places = 0;
                NumberFault fault;
                if (!util::parse_decimal(s, &r, &places, &fault) && fault == NumberFault::Syntax) {
                    return error(quote_input(s) + " is not a number" +
                                 std::string(k == TypeKind::Money ? " of dollars, such as \"1234.56\"" : ""));
                }
                return number(r, s, fault, places, true);
            }
            default: return mismatch(t, "a string");
        }
    }
    bool binary(json::binary_t&) { return error("binary values are not JSON"); }

    bool start_object(size_t) {
        if (!enter()) return false;
        if (skipping()) {
            ++skip_;
            return true;
        }
        if (top_ == 0) {
            push(Frame::Kind::Group, root_, 0, nullptr, root_->children.size());
            return true;
        }
        Target t = target();
        if (!t.valid) {
            ++skip_;
            return true;
        }
        if (t.group) {
            push(Frame::Kind::Group, t.group, 0, nullptr, t.group->children.size());
            return true;
        }
        TypeId rt = m_.types.strip_optional(t.type);
        if (m_.types.kind(rt) != TypeKind::Record) {
            mismatch(t, "an object");
            ++skip_;
            return true;
        }
        const auto& rec = m_.records[m_.types.get(rt).ref];
        Frame& f = push(Frame::Kind::Record, nullptr, rt, out_->arena.cells(rec.fields.size()), rec.fields.size());
        f.target = t;
        return true;
    }

    bool key(std::string& k) {
        if (skipping()) return true;
        // names are compared in NFC, as the ruleset spells them (LANGUAGE.md §1); ASCII needs nothing
        if (std::any_of(k.begin(), k.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
            k = util::to_nfc(k);
        Frame& f = frames_[top_ - 1];
        path_.resize(f.path_len);
        append_key(k, &path_);
        f.child = -1;
        if (f.kind == Frame::Kind::Group) {
            size_t found = f.group->find(k);
            if (found == CaseDecoder::Group::kNotFound) {
                std::string known;
                for (const auto& c : f.group->children) known += (known.empty() ? "" : ", ") + c.name;
                error("unknown key " + quote_input(k) + (known.empty() ? "" : " (expected one of: " + known + ")"));
                skip_next_ = true;
                return true;
            }
            if (f.given[found]) {
                error("key " + quote_input(k) + " appears twice");
                skip_next_ = true;
                return true;
            }
            f.given[found] = true;
            f.child = static_cast<int>(found);
        } else {
            const auto& rec = m_.records[m_.types.get(f.type).ref];
            int fi = rec.field_index(k);
            if (fi < 0) {
                std::string known;
                for (const auto& c : rec.fields) known += (known.empty() ? "" : ", ") + c.name;
                error("unknown key " + quote_input(k) + " (expected one of: " + known + ")");
                skip_next_ = true;
                return true;
            }
            if (f.given[fi]) {
                error("key " + quote_input(k) + " appears twice");
                skip_next_ = true;
                return true;
            }
            f.given[fi] = true;
            f.child = fi;
        }
        return true;
    }

    bool end_object() {
        --depth_;
        if (skip_ > 0) {
            --skip_;
            return true;
        }
        Frame& f = frames_[--top_];  // stays intact until the next push
        path_.resize(f.path_len);
        if (f.kind == Frame::Kind::Record) {
            const auto& rec = m_.records[m_.types.get(f.type).ref];
            bool complete = true;
            for (size_t i = 0; i < rec.fields.size(); ++i) {
                if (f.given[i]) continue;
                if (m_.types.is_optional(rec.fields[i].type)) {
                    f.fields[i].s = State::None;
                } else {
                    error_at(path_ + "." + rec.fields[i].name, "missing required field `" + rec.fields[i].name + "`");
                    complete = false;
                }
            }
            if (complete) {
                Cell c;
                c.v = Value::of_record(f.fields);
                deliver(f.target, c);
            }
        }
        return true;
    }

    bool start_array(size_t) {
        if (!enter()) return false;
        if (skipping()) {
            ++skip_;
            return true;
        }
        if (top_ == 0) {  // reported, then stepped over like any value of the wrong type
            error("a case is a JSON object, not an array");
            ++skip_;
            return true;
        }
        Target t = target();
        if (!t.valid) {
            ++skip_;
            return true;
        }
        TypeId lt = t.group ? m_.types.error() : m_.types.strip_optional(t.type);
        if (t.group || m_.types.kind(lt) != TypeKind::List) {
            mismatch(t, "an array");
            ++skip_;
            return true;
        }
        Frame& f = push(Frame::Kind::List, nullptr, lt, nullptr, 0);
        f.target = t;
        return true;
    }

    bool end_array() {
        --depth_;
        if (skip_ > 0) {
            --skip_;
            return true;
        }
        Frame& f = frames_[--top_];
        path_.resize(f.path_len);
        Cell* items = out_->arena.cells(f.items.size());
        for (size_t i = 0; i < f.items.size(); ++i) items[i] = f.items[i];
        Cell c;
        c.v = Value::of_list(items, static_cast<uint32_t>(f.items.size()));
        deliver(f.target, c);
        return true;
    }

    // The text is not JSON: nlohmann stops here. What was found before is dropped by decode(),
    // which reports this alone. A number beyond a double's range (nlohmann's out_of_range.406)
    // is valid JSON: decode() reads the text again with that number replaced.
    bool parse_error(size_t position, const std::string& token, const nlohmann::detail::exception& ex) {
        failed_ = true;
        if (ex.id == 406) {
            overflow_ = Overflow{true, position, token};
            return false;
        }
        std::string what = ex.what();
        // nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1, column 5: "
        auto colon = what.find(": ", what.find("parse error"));
        std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
        // the token read so far may be a long string: its end, where the fault is, is enough
        constexpr size_t kTokenShown = 60;
        static const std::string kLastRead = "last read: '";
        size_t at = token.size() > kTokenShown ? detail.find(kLastRead + token) : std::string::npos;
        if (at != std::string::npos)
            detail.replace(at + kLastRead.size(), token.size(), "..." + token.substr(token.size() - kTokenShown));
        // the message quotes the input; bytes that are not printable ASCII are shown as \xNN
        syntax_.found = true;
        syntax_.position = position;
        syntax_.detail.clear();
        for (unsigned char c : detail) {
            if (c >= 0x20 && c < 0x7f) {
                syntax_.detail += static_cast<char>(c);
            } else {
                static const char* hex = "0123456789abcdef";
                syntax_.detail += "\\x";
                syntax_.detail += hex[c >> 4];
                syntax_.detail += hex[c & 15];
            }
        }
        return false;
    }

    // Where nlohmann stopped, counting bytes from 1 as it does (the end of the text is its
    // length + 1), and why.
    struct Syntax {
        bool found = false;
        size_t position = 0;
        std::string detail;
    };
    struct Overflow {
        bool found = false;
        size_t position = 0;  // just past the number
        std::string text;
    };
    const Syntax& syntax() const { return syntax_; }
    const Overflow& overflow() const { return overflow_; }

private:
    // Inside a container that was rejected as a whole (its events are counted, not read).
    bool skipping() const { return skip_ > 0; }

    Frame& push(Frame::Kind kind, const CaseDecoder::Group* group, TypeId type, Cell* fields, size_t given) {
        if (top_ == frames_.size()) frames_.emplace_back();
        Frame& f = frames_[top_++];
        f.kind = kind;
        f.group = group;
        f.type = type;
        f.fields = fields;
        f.given.assign(given, false);
        f.items.clear();
        f.path_len = path_.size();
        f.target = Target{};
        f.child = -1;
        f.too_long = false;
        return f;
    }

    bool enter() { return ++depth_ <= kMaxJsonDepth || nested_too_deeply(); }

    // Reading stops here (the rest of the text is not looked at).
    bool nested_too_deeply() {
        error("JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
        failed_ = true;
        return false;
    }

    Target target() {
        Target t;
        if (top_ == 0) {
            error("a case is a JSON object");
            failed_ = true;
            return t;
        }
        Frame& f = frames_[top_ - 1];
        t.frame = top_ - 1;
        switch (f.kind) {
            case Frame::Kind::Group: {
                if (f.child < 0) return t;
                const auto& c = f.group->children[static_cast<size_t>(f.child)];
                t.valid = true;
                t.child = f.child;
                if (c.fact != check::kNone && !c.group) {
                    t.fact = c.fact;
                    t.type = m_.facts[c.fact].type;
                } else if (c.group && c.fact == check::kNone) {
                    t.group = c.group.get();
                } else {
                    t.valid = false;
                }
                return t;
            }
            case Frame::Kind::Record: {
                if (f.child < 0) return t;
                t.valid = true;
                t.child = f.child;
                t.type = m_.records[m_.types.get(f.type).ref].fields[static_cast<size_t>(f.child)].type;
                return t;
            }
            case Frame::Kind::List: {
                if (f.items.size() >= kMaxListLength) {
                    if (!f.too_long) {
                        f.too_long = true;
                        path_.resize(f.path_len);
                        error("list has more than " + std::to_string(kMaxListLength) + " elements");
                    }
                    return t;
                }
                path_.resize(f.path_len);
                path_ += '[';
                append_number(f.items.size());
                path_ += ']';
                t.valid = true;
                t.child = static_cast<int>(f.items.size());
                t.type = m_.types.element(f.type);
                return t;
            }
        }
        return t;
    }

    void append_number(size_t n) {
        char buf[24];
        size_t len = 0;
        do {
            buf[len++] = static_cast<char>('0' + n % 10);
            n /= 10;
        } while (n);
        while (len) path_ += buf[--len];
    }

    TypeKind kind(const Target& t) const {
        return t.group ? TypeKind::Error : m_.types.kind(m_.types.strip_optional(t.type));
    }

    void deliver(const Target& t, const Cell& c) {
        Frame& f = frames_[t.frame];
        if (f.kind == Frame::Kind::Group) {
            out_->values[t.fact] = c.v;
            out_->states[t.fact] = c.s;
            return;
        }
        if (f.kind == Frame::Kind::Record) f.fields[static_cast<size_t>(t.child)] = c;
        else if (f.kind == Frame::Kind::List) f.items.push_back(c);
    }

    bool in_range(const Target& t, const Value& v) {
        if (t.fact == check::kNone || frames_[t.frame].kind != Frame::Kind::Group) return true;
        std::string message;
        if (fact_value_in_range(m_.facts[t.fact], kind(t), v, &message)) return true;
        error(message);
        return false;
    }

    bool number(util::Rational r, const std::string& text, NumberFault fault, int places = 0,
                bool from_string = false) {
        if (skipping()) return true;
        Target t = target();
        if (!t.valid) return true;
        TypeKind k = kind(t);
        Cell c;
        switch (k) {
            case TypeKind::Int:
                if (from_string) return mismatch(t, "a string");
                break;
            case TypeKind::Decimal:
            case TypeKind::Money:
            case TypeKind::Percent: break;
            default: return mismatch(t, from_string ? "a string" : "a number");
        }
        std::string message;
        if (!number_fact_value(k, r, places, fault, "`" + text + "`", &c.v, &message)) return error(message);
        if (!in_range(t, c.v)) return true;
        deliver(t, c);
        return true;
    }

    bool mismatch(const Target& t, const char* got) {
        std::string want;
        if (t.group) {
            want = "an object of facts";
        } else {
            switch (kind(t)) {
                case TypeKind::Bool: want = "true or false"; break;
                case TypeKind::Int: want = "a whole number"; break;
                case TypeKind::Decimal: want = "a number"; break;
                case TypeKind::Money: want = "an amount of money (a number or a string such as \"1234.56\")"; break;
                case TypeKind::Percent: want = "a number of percentage points"; break;
                case TypeKind::Date: want = "a date string \"YYYY-MM-DD\""; break;
                case TypeKind::Enum:
                    want = "one of the names of " + m_.type_name(m_.types.strip_optional(t.type));
                    break;
                case TypeKind::List: want = "an array"; break;
                case TypeKind::Record: want = "an object"; break;
                default: want = m_.type_name(t.type); break;
            }
        }
        return error("expected " + want + ", got " + got);
    }

    bool error(const std::string& message) {
        error_at(path_, message);
        return true;
    }

    void error_at(const std::string& path, const std::string& message) {
        ++error_count_;
        if (errors_->size() < kMaxErrorsPerCase) errors_->push_back(InputError{path, message});
    }

    const check::Model& m_;
    const CaseDecoder::Group* root_;
    CaseData* out_;
    std::vector<InputError>* errors_;
    // frames_[0, top_) are in use; the rest keep their capacity for the next case
    std::vector<Frame>& frames_;
    size_t top_ = 0;
    std::string& path_;
    int depth_ = 0;
    int skip_ = 0;
    bool skip_next_ = false;  // the value after a rejected key: SkipAware consumes it
    bool failed_ = false;
    size_t error_count_ = 0;
    Syntax syntax_;
    Overflow overflow_;

    friend class SkipAware;
};

// Wraps the handler so the value after a rejected key is skipped whole, whatever its shape.
class SkipAware {
public:
    // `replaced`: (ordinal among number_float events, the number's text) for the numbers decode()
    // replaced by a zero because they are beyond a double's range.
    SkipAware(Handler& h, const std::vector<std::pair<size_t, std::string>>& replaced) : h_(h), replaced_(replaced) {}
    size_t floats_seen() const { return floats_; }
    bool null() {
        return scalar([&] { return h_.null(); });
    }
    bool boolean(bool b) {
        return scalar([&] { return h_.boolean(b); });
    }
    bool number_integer(int64_t v) {
        return scalar([&] { return h_.number_integer(v); });
    }
    bool number_unsigned(uint64_t v) {
        return scalar([&] { return h_.number_unsigned(v); });
    }
    bool number_float(double d, const std::string& s) {
        const std::string* text = &s;
        for (const auto& r : replaced_) {
            if (r.first == floats_) text = &r.second;
        }
        ++floats_;
        return scalar([&] { return h_.number_float(d, *text); });
    }
    bool string(std::string& s) {
        return scalar([&] { return h_.string(s); });
    }
    bool binary(json::binary_t& b) {
        return scalar([&] { return h_.binary(b); });
    }
    bool start_object(size_t n) {
        return open([&] { return h_.start_object(n); });
    }
    bool start_array(size_t n) {
        return open([&] { return h_.start_array(n); });
    }
    bool end_object() {
        return close([&] { return h_.end_object(); });
    }
    bool end_array() {
        return close([&] { return h_.end_array(); });
    }
    bool key(std::string& k) {
        if (skip_depth_ > 0) return true;
        return h_.key(k);
    }
    bool parse_error(size_t p, const std::string& t, const nlohmann::detail::exception& e) {
        return h_.parse_error(p, t, e);
    }

private:
    template <typename F>
    bool scalar(F f) {
        if (skip_depth_ > 0) return true;
        if (h_.skip_next_) {
            h_.skip_next_ = false;
            return true;
        }
        return f();
    }
    template <typename F>
    bool open(F f) {
        if (skip_depth_ > 0) {
            ++skip_depth_;
            if (skip_depth_ > kMaxJsonDepth) return h_.nested_too_deeply();
            return true;
        }
        if (h_.skip_next_) {
            h_.skip_next_ = false;
            skip_depth_ = 1;
            return true;
        }
        return f();
    }
    template <typename F>
    bool close(F f) {
        if (skip_depth_ > 0) {
            --skip_depth_;
            return true;
        }
        return f();
    }
    Handler& h_;
    const std::vector<std::pair<size_t, std::string>>& replaced_;
    size_t floats_ = 0;
    int skip_depth_ = 0;
};

}  // namespace

namespace {

// "offset 46 (line 3, column 7)": where in `text` the byte at `offset` is, for a program and for
// a person (columns count user-perceived characters, as in ruleset diagnostics). A text of one
// line (a line of a JSONL file) gets no line number: "offset 46 (column 47)".
std::string place_in_text(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    size_t line_start = text.rfind('\n', offset == 0 ? std::string_view::npos : offset - 1);
    line_start = line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1;
    size_t line =
        1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(line_start), '\n'));
    std::string_view before = text.substr(line_start, offset - line_start);
    size_t column =
        1 + (util::find_invalid_utf8(before) == util::kValidUtf8 ? util::grapheme_count(before) : before.size());
    bool one_line = text.find('\n') == std::string_view::npos;
    return "offset " + std::to_string(offset) + " (" + (one_line ? "" : "line " + std::to_string(line) + ", ") +
           "column " + std::to_string(column) + ")";
}

// What replaces a number beyond a double's range while the text is read again: a zero written
// in as many bytes.
std::string stand_in(size_t length) { return "0e0" + std::string(length - 3, ' '); }

// The text is not JSON: this is the one error reported (case errors found before it are not).
void malformed(std::string_view text, size_t offset, const std::string& why, std::vector<InputError>* errors,
               size_t before) {
    errors->resize(before);
    errors->push_back(
        InputError{"$", "invalid JSON at " + place_in_text(text, offset) + ": " + why, static_cast<int64_t>(offset)});
}

}  // namespace

bool CaseDecoder::decode(std::string_view text, CaseData* out, std::vector<InputError>* errors,
                         const util::Days* as_of) const {
    return decode_fast(text, out, as_of) || decode_reference(text, out, errors, as_of);
}

bool CaseDecoder::settle(CaseData* out, const util::Days* as_of) const {
    for (uint32_t f : optional_facts_) {
        if (out->states[f] == State::Missing) out->states[f] = State::None;
    }
    if (as_of) {
        out->values[0] = Value::of_date(*as_of);
        out->states[0] = State::Ok;
    }
    return out->states[0] == State::Ok;
}

bool CaseDecoder::decode_reference(std::string_view text, CaseData* out, std::vector<InputError>* errors,
                                   const util::Days* as_of) const {
    size_t before = errors->size();
    // UTF-8 is validated by the JSON lexer inside strings (ill-formed bytes are a parse error
    // with their position), and any other non-ASCII byte is not JSON: no separate pass needed.
    // nlohmann's lexer takes a NUL byte for the end of the text, as in a C string, and would
    // accept whatever follows one; a NUL is never JSON (not even inside a string, where it is
    // written \u0000), so the text is read up to it and the NUL reported, unless an earlier
    // error comes first.
    size_t nul = text.find('\0');
    std::string_view json_text = text.substr(0, nul);
    auto nul_error = [&] {
        out->reset(m_.facts.size());
        malformed(text, nul, "a NUL byte (0x00) is not allowed in JSON text (inside a string, write \\u0000)", errors,
                  before);
        return false;
    };
    if (json_text.find_first_not_of(" \t\n\r") == std::string_view::npos) {
        if (nul != std::string_view::npos) return nul_error();
        out->reset(m_.facts.size());
        malformed(text, text.size(), "there is no JSON value (a case is one JSON object)", errors, before);
        return false;
    }

    // A number beyond a double's range (1e400) stops nlohmann's parser. Such a number is read
    // again with a zero of the same length in its place, and the handler is given its text
    // instead, so it is reported at its path like any number too large for its fact.
    std::vector<std::pair<size_t, std::string>> replaced;
    std::string patched;
    thread_local Handler::Scratch scratch;
    for (;;) {
        out->reset(m_.facts.size());
        errors->resize(before);
        Handler h(m_, root_.get(), out, errors, scratch);
        SkipAware sax(h, replaced);
        std::string_view input = replaced.empty() ? json_text : std::string_view(patched);
        bool parsed = json::sax_parse(input.begin(), input.end(), &sax, json::input_format_t::json, true, false);
        if (h.overflow().found) {
            const auto& o = h.overflow();
            size_t length = o.text.size();
            size_t start = o.position >= length ? o.position - length : 0;
            if (replaced.size() >= kMaxErrorsPerCase || length < 3 || input.substr(start, length) != o.text) {
                errors->resize(before);
                errors->push_back(InputError{"$",
                                             "more than " + std::to_string(kMaxErrorsPerCase) +
                                                 " numbers in this case are too large to read; the next is `" + o.text +
                                                 "` at " + place_in_text(text, start),
                                             static_cast<int64_t>(start)});
                return false;
            }
            if (replaced.empty()) patched.assign(json_text);
            patched.replace(start, length, stand_in(length));
            replaced.emplace_back(sax.floats_seen(), o.text);
            continue;
        }
        if (h.syntax().found) {
            size_t offset = h.syntax().position > 0 ? h.syntax().position - 1 : 0;
            if (h.syntax().detail.find("ill-formed UTF-8") != std::string::npos) {
                // nlohmann stops at the byte that shows a sequence is ill-formed: say where it starts
                size_t start = util::find_invalid_utf8(input.substr(0, offset + 1));
                if (start != util::kValidUtf8) offset = start;
            }
            if (nul != std::string_view::npos && offset >= json_text.size()) return nul_error();
            std::string detail = h.syntax().detail;  // it may quote a stand-in: show the number
            for (const auto& r : replaced) {
                size_t at = detail.find(stand_in(r.second.size()));
                if (at != std::string::npos) detail.replace(at, r.second.size(), r.second);
            }
            malformed(text, offset, detail, errors, before);
            return false;
        }
        if (nul != std::string_view::npos && parsed) return nul_error();
        if (!parsed && errors->size() == before) errors->push_back(InputError{"$", "invalid JSON"});
        size_t listed = errors->size() - before;
        if (h.error_count() > listed) {  // the list stops at kMaxErrorsPerCase: say how many more
            errors->push_back(InputError{"$", std::to_string(h.error_count() - listed) +
                                                  " more errors not listed (the first " +
                                                  std::to_string(kMaxErrorsPerCase) + " are)"});
        }
        if (errors->size() > before || h.error_count() > 0) return false;
        break;
    }
    if (!settle(out, as_of)) {
        errors->push_back(InputError{"$.as_of", "missing `as_of`, the day the decisions are for (or pass --as-of)"});
        return false;
    }
    return true;
}

std::string quote_input(std::string_view text) {
    constexpr size_t kShown = 100;
    std::string out = "`";
    if (text.size() <= kShown) {
        util::append_escaped(text, &out);
    } else {
        size_t cut = kShown;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;  // not inside a character
        util::append_escaped(text.substr(0, cut), &out);
        out += "...";
    }
    out += '`';
    return out;
}

static void write_number(util::Rational r, std::string* out) {
    if (r.is_finite_decimal()) {
        util::append_decimal(r, 0, out);
    } else {
        // only intermediate values in explanations reach here; decisions are rounded
        util::write_string(util::to_decimal_string(r), out);
    }
}

void write_value(const check::Model& m, TypeId t, const Value& v, State s, std::string* out, const char* forever_as) {
    if (s != State::Ok) {
        *out += "null";
        return;
    }
    t = m.types.strip_optional(t);
    switch (m.types.kind(t)) {
        case TypeKind::Bool: *out += v.b ? "true" : "false"; return;
        case TypeKind::Int: {
            char buf[24];
            int len = 0;
            uint64_t mag = v.i < 0 ? 0 - static_cast<uint64_t>(v.i) : static_cast<uint64_t>(v.i);
            do {
                buf[len++] = static_cast<char>('0' + mag % 10);
                mag /= 10;
            } while (mag);
            if (v.i < 0) out->push_back('-');
            while (len) out->push_back(buf[--len]);
            return;
        }
        case TypeKind::Decimal: write_number(v.r, out); return;
        case TypeKind::Money:
            if (v.r.is_whole_hundredths()) {
                out->push_back('"');
                util::append_decimal(v.r, 2, out);
                out->push_back('"');
            } else {
                util::write_string(util::to_decimal_string(v.r, 2), out);
            }
            return;
        case TypeKind::Percent: {
            util::Rational p;
            if (!util::mul(v.r, util::Rational::of(100), &p)) p = v.r;
            write_number(p, out);
            return;
        }
        case TypeKind::Date:
            if (v.d == util::kForever) util::write_string(forever_as, out);
            else {
                out->push_back('"');
                util::append_iso_date(v.d, out);
                out->push_back('"');
            }
            return;
        case TypeKind::Duration:
            out->push_back('"');
            *out += std::to_string(v.dur.count);
            *out += v.dur.months ? (v.dur.count == 1 ? " month" : " months") : (v.dur.count == 1 ? " day" : " days");
            out->push_back('"');
            return;
        case TypeKind::Enum: util::write_string(m.enums[m.types.get(t).ref].values[v.e], out); return;
        case TypeKind::List:
        case TypeKind::EmptyList: {
            out->push_back('[');
            TypeId el = m.types.kind(t) == TypeKind::List ? m.types.element(t) : m.types.error();
            for (uint32_t i = 0; i < v.list.size; ++i) {
                if (i) out->push_back(',');
                write_value(m, el, v.list.items[i].v, v.list.items[i].s, out, forever_as);
            }
            out->push_back(']');
            return;
        }
        case TypeKind::Record: {
            const auto& rec = m.records[m.types.get(t).ref];
            out->push_back('{');
            bool first = true;
            for (size_t i = 0; i < rec.fields.size(); ++i) {
                if (v.rec[i].s == State::None) continue;  // an absent optional field is left out
                if (!first) out->push_back(',');
                first = false;
                util::write_string(rec.fields[i].name, out);
                out->push_back(':');
                write_value(m, rec.fields[i].type, v.rec[i].v, v.rec[i].s, out, forever_as);
            }
            out->push_back('}');
            return;
        }
        default: *out += "null"; return;
    }
}

}  // namespace tenet::eval
