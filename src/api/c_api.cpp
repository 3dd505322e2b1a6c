// The C API (include/tenet/tenet.h) over the C++ one: the only extern "C" translation unit.
// Every entry point catches everything: a C++ exception never reaches a C caller. The columnar
// batch (tenet_evaluate_columns) checks its typed columns here, value by value as the JSON
// decoder would, so that a bad value is named "$[ROW].fact.path" before anything runs; then
// hands them to tenet::evaluate_columns (tenet/columns.hpp) and copies its typed results out
// at the scale each output column asks for.
#include "tenet/tenet.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tenet/columns.hpp"
#include "tenet/tenet.hpp"

struct tenet_ruleset {
    std::shared_ptr<const tenet::Ruleset> ruleset;  // null when the rules did not compile
    std::vector<tenet::Diagnostic> diagnostics;
    std::vector<std::string> texts;  // format_diagnostic of each
    std::string errmsg;              // the errors, formatted
    int64_t error_offset = -1;
};

struct tenet_context {
    explicit tenet_context(std::shared_ptr<const tenet::Ruleset> rs) : ruleset(rs), session(rs) {}

    std::shared_ptr<const tenet::Ruleset> ruleset;
    tenet::Session session;
    // the last evaluated case, to explain it again on request
    tenet::Case last_case;
    tenet::Request last_request;
    bool has_result = false;
    std::string result;
    std::string explanation;
    std::string decision_value;
    std::string decision_message;
    // the last failure
    int errcode = TENET_OK;
    std::string errmsg;
    std::string error_path;
    bool has_error_path = false;
    int64_t error_offset = -1;
};

namespace {

constexpr const char* kOutOfMemory = "out of memory";

void clear_error(tenet_context* ctx) noexcept {
    ctx->errcode = TENET_OK;
    ctx->errmsg.clear();
    ctx->error_path.clear();
    ctx->has_error_path = false;
    ctx->error_offset = -1;
}

// Records a failure on the context; returns `code`.
int fail(tenet_context* ctx, int code, const std::string& message, const std::string* path = nullptr) noexcept {
    clear_error(ctx);
    ctx->errcode = code;
    try {
        ctx->errmsg = message;
        if (path) {
            ctx->error_path = *path;
            ctx->has_error_path = true;
        }
    } catch (...) {
        ctx->errcode = TENET_NOMEM;  // the message does not fit: errmsg stays empty, tenet_errmsg says so
    }
    return ctx->errcode;
}

// Runs `body` on behalf of a context, turning any exception into a result code.
template <class Body>
int guarded(tenet_context* ctx, Body&& body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return fail(ctx, TENET_NOMEM, kOutOfMemory);
    } catch (const std::exception& e) {
        return fail(ctx, TENET_INTERNAL, std::string("internal error: ") + e.what());
    } catch (...) {
        return fail(ctx, TENET_INTERNAL, "internal error");
    }
}

// tenet::Kind is numbered as the TENET_TYPE_* codes
static_assert(static_cast<int>(tenet::Kind::Bool) == TENET_TYPE_BOOL &&
              static_cast<int>(tenet::Kind::Int) == TENET_TYPE_INT &&
              static_cast<int>(tenet::Kind::Decimal) == TENET_TYPE_DECIMAL &&
              static_cast<int>(tenet::Kind::Money) == TENET_TYPE_MONEY &&
              static_cast<int>(tenet::Kind::Percent) == TENET_TYPE_PERCENT &&
              static_cast<int>(tenet::Kind::Date) == TENET_TYPE_DATE &&
              static_cast<int>(tenet::Kind::Enum) == TENET_TYPE_ENUM &&
              static_cast<int>(tenet::Kind::List) == TENET_TYPE_LIST &&
              static_cast<int>(tenet::Kind::Record) == TENET_TYPE_RECORD &&
              static_cast<int>(tenet::Kind::Other) == TENET_TYPE_OTHER);

int kind_code(tenet::Kind kind) { return static_cast<int>(kind); }

const char* kind_name(int kind) {
    static const char* const names[] = {"none", "bool", "int",  "decimal", "money", "percent",
                                        "date", "enum", "list", "record",  "other"};
    return kind >= 0 && kind <= TENET_TYPE_OTHER ? names[kind] : "an unknown type code";
}

const char* enum_name(const std::vector<std::string>& values, int value) {
    return value >= 0 && static_cast<size_t>(value) < values.size() ? values[static_cast<size_t>(value)].c_str()
                                                                    : nullptr;
}

bool usable(const tenet_ruleset* rs) { return rs && rs->ruleset; }

bool valid_decision(const tenet_ruleset* rs, int i) {
    return usable(rs) && i >= 0 && static_cast<size_t>(i) < rs->ruleset->decisions().size();
}

bool valid_fact(const tenet_ruleset* rs, int i) {
    return usable(rs) && i >= 0 && static_cast<size_t>(i) < rs->ruleset->facts().size();
}

// A diagnostic about a whole file (line 0) has no offset: -1, as tenet.h says.
int64_t offset_of(const tenet::Diagnostic& d) { return d.line == 0 ? -1 : static_cast<int64_t>(d.offset); }

bool valid_diagnostic(const tenet_ruleset* rs, int i) {
    return rs && i >= 0 && static_cast<size_t>(i) < rs->diagnostics.size();
}

std::string_view text_of(const char* text, int64_t length) {
    return length < 0 ? std::string_view(text) : std::string_view(text, static_cast<size_t>(length));
}

int compile(tenet::CompileResult (*how)(const tenet::CompileOptions&, const void*), const void* what, unsigned flags,
            const char* const* include_roots, size_t root_count, tenet_ruleset** out) noexcept {
    if (!out) return TENET_MISUSE;
    *out = nullptr;
    if (flags & ~TENET_COMPILE_NO_WARNINGS) return TENET_MISUSE;
    if (root_count > 0 && !include_roots) return TENET_MISUSE;
    for (size_t i = 0; i < root_count; ++i) {
        if (!include_roots[i]) return TENET_MISUSE;
    }
    try {
        auto rs = std::make_unique<tenet_ruleset>();
        tenet::CompileOptions options;
        options.warnings = !(flags & TENET_COMPILE_NO_WARNINGS);
        options.include_roots.assign(include_roots, include_roots + root_count);
        tenet::CompileResult result = how(options, what);
        rs->ruleset = std::move(result.ruleset);
        rs->diagnostics = std::move(result.diagnostics);
        for (const auto& d : rs->diagnostics) {
            rs->texts.push_back(tenet::format_diagnostic(d));
            if (d.severity != tenet::Severity::Error) continue;
            if (rs->errmsg.empty()) rs->error_offset = offset_of(d);  // the first error's
            rs->errmsg += rs->texts.back();
        }
        // A ruleset that failed without saying why would leave the host guessing.
        if (!rs->ruleset && rs->errmsg.empty()) rs->errmsg = "the ruleset did not compile\n";
        int code = rs->ruleset ? TENET_OK : TENET_ERROR;
        *out = rs.release();
        return code;
    } catch (const std::bad_alloc&) {
        return TENET_NOMEM;
    } catch (...) {
        return TENET_INTERNAL;
    }
}

// ---- explanations --------------------------------------------------------------------------

// The extent of the top-level member `key` of the JSON object in `json` (which Tenet wrote, so is
// well formed): skips strings with their escapes and counts nesting. Empty when there is none.
std::string_view top_level_member(std::string_view json, std::string_view key) {
    int depth = 0;
    size_t value_start = std::string_view::npos;
    for (size_t i = 0; i < json.size(); ++i) {
        char c = json[i];
        if (c == '"') {
            size_t start = i + 1;
            for (++i; i < json.size() && json[i] != '"'; ++i) {
                if (json[i] == '\\') ++i;
            }
            if (depth == 1 && value_start == std::string_view::npos && i + 1 < json.size() && json[i + 1] == ':' &&
                json.substr(start, i - start) == key) {
                value_start = i + 2;
            }
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
            if (depth == 1 && value_start != std::string_view::npos)
                return json.substr(value_start, i + 1 - value_start);
        }
    }
    return {};
}

// ---- columns -------------------------------------------------------------------------------

constexpr int kMaxScale = 18;

// A fact column resolved against the ruleset.
struct FactBinding {
    const tenet_fact_column* source;
    uint32_t fact;
    int kind;
    const tenet::FactInfo* info;
};

std::string row_path(size_t row, const std::string& fact_path) { return "$[" + std::to_string(row) + "]." + fact_path; }

// True when row `row` of a column holds a value the JSON decoder would take for the fact; false
// with the decoder's message otherwise (Ruleset::check_fact_value makes the decoder's checks).
bool check_cell(const tenet::Ruleset& rs, const FactBinding& col, size_t row, std::string* why) {
    const tenet_fact_column& c = *col.source;
    if (col.kind == TENET_TYPE_LIST) return true;  // present: the empty list
    int64_t v = col.kind == TENET_TYPE_BOOL ? static_cast<const uint8_t*>(c.values)[row]
                                            : static_cast<const int64_t*>(c.values)[row];
    std::optional<std::string> refused = rs.check_fact_value(static_cast<int>(col.fact), v, c.scale);
    if (refused) *why = std::move(*refused);
    return !refused;
}

// A decision column resolved against the ruleset.
struct DecisionBinding {
    const tenet_decision_column* target;
    int decision;
    int kind;
};

// x * 10^scale (times 100 for percentage points) as an integer; false when not exact or too large.
bool scaled(int64_t num, int64_t den, int scale, bool percent, int64_t* out) {
    __int128 n = num;
    __int128 limit = static_cast<__int128>(INT64_MAX) * den;  // |n| past this cannot fit after / den
    for (int i = 0; i < scale + (percent ? 2 : 0); ++i) {
        n *= 10;
        if (n > limit || n < -limit) return false;
    }
    if (n % den != 0) return false;
    __int128 q = n / den;
    if (q > INT64_MAX || q < INT64_MIN) return false;
    *out = static_cast<int64_t>(q);
    return true;
}

// The C++ columns for the checked C columns. An enum is given by index, a list by presence: the
// buffers this needs live in `codes` and `texts`, which must outlive the evaluation.
std::vector<tenet::InputColumn> frame_columns(const std::vector<FactBinding>& in, size_t rows,
                                              std::vector<std::vector<int32_t>>* codes,
                                              std::vector<std::vector<std::string_view>>* texts) {
    std::vector<tenet::InputColumn> columns;
    for (const auto& col : in) {
        const tenet_fact_column& c = *col.source;
        const auto* int64s = static_cast<const int64_t*>(c.values);
        switch (col.kind) {
            case TENET_TYPE_BOOL:
                columns.push_back(
                    tenet::InputColumn::booleans(c.name, static_cast<const uint8_t*>(c.values), c.present));
                break;
            case TENET_TYPE_INT: columns.push_back(tenet::InputColumn::integers(c.name, int64s, c.present)); break;
            case TENET_TYPE_DATE: columns.push_back(tenet::InputColumn::days(c.name, int64s, c.present)); break;
            case TENET_TYPE_ENUM: {
                auto& code = codes->emplace_back(rows);
                for (size_t r = 0; r < rows; ++r)
                    code[r] = c.present && !c.present[r] ? -1 : static_cast<int32_t>(int64s[r]);
                columns.push_back(tenet::InputColumn::dictionary_coded(c.name, code.data(), col.info->enum_values));
                break;
            }
            case TENET_TYPE_LIST: {
                auto& text = texts->emplace_back(rows, std::string_view("[]"));
                columns.push_back(tenet::InputColumn::text(c.name, text.data(), c.present));
                break;
            }
            default: columns.push_back(tenet::InputColumn::scaled(c.name, int64s, c.scale, c.present)); break;
        }
    }
    return columns;
}

// The C++ list columns for the C ones: each field column bound to its record field's kind (an
// enum index becomes a dictionary code of the enum's names); tenet::evaluate_columns checks the
// offsets and the elements' values.
int list_columns(tenet_context* ctx, const std::vector<FactBinding>& facts, const tenet_list_column* lists, int count,
                 size_t rows, std::vector<std::vector<int32_t>>* codes, std::vector<tenet::InputColumn>* out) {
    const tenet::Ruleset& rs = *ctx->ruleset;
    for (int i = 0; i < count; ++i) {
        const tenet_list_column& l = lists[i];
        std::string where = "list column " + std::to_string(i);
        if (!l.name) return fail(ctx, TENET_MISUSE, where + " has no name");
        where += " `" + std::string(l.name) + "`";
        int fact = rs.find_fact(l.name);
        if (fact < 0) return fail(ctx, TENET_NOTFOUND, where + ": the ruleset has no fact `" + l.name + "`");
        for (const auto& f : facts) {
            if (f.fact == static_cast<uint32_t>(fact)) return fail(ctx, TENET_MISUSE, where + " is also a fact column");
        }
        const tenet::FactInfo& info = rs.facts()[static_cast<size_t>(fact)];
        if (kind_code(info.kind) != TENET_TYPE_LIST) return fail(ctx, TENET_MISUSE, where + " is not a list fact");
        if (l.field_count < 0 || (l.field_count > 0 && !l.fields) || (rows > 0 && !l.offsets)) {
            return fail(ctx, TENET_MISUSE, where + ": no offsets, or a negative field count or NULL fields");
        }
        size_t elements = rows > 0 ? static_cast<size_t>(std::max<int64_t>(l.offsets[rows], 0)) : 0;
        std::vector<tenet::InputColumn> fields;
        for (int k = 0; k < l.field_count; ++k) {
            const tenet_fact_column& c = l.fields[k];
            std::string name = c.name ? c.name : "";
            const tenet::FieldInfo* field = info.elements_are_records ? nullptr : &info.element_fields.front();
            if (info.elements_are_records) {
                auto at = std::find_if(info.element_fields.begin(), info.element_fields.end(),
                                       [&](const tenet::FieldInfo& f) { return f.name == name; });
                if (at == info.element_fields.end())
                    return fail(ctx, TENET_NOTFOUND, where + ": its elements have no field `" + name + "`");
                field = &*at;
            }
            int kind = kind_code(field->kind);
            if (c.type != kind || kind == TENET_TYPE_LIST || kind == TENET_TYPE_RECORD || kind == TENET_TYPE_OTHER) {
                return fail(ctx, TENET_MISUSE,
                            where + ": field `" + name + "` is " + kind_name(kind) + ", not " + kind_name(c.type));
            }
            if (elements > 0 && !c.values)
                return fail(ctx, TENET_MISUSE, where + ": field `" + name + "` has no values");
            const auto* int64s = static_cast<const int64_t*>(c.values);
            switch (kind) {
                case TENET_TYPE_BOOL:
                    fields.push_back(
                        tenet::InputColumn::booleans(name, static_cast<const uint8_t*>(c.values), c.present));
                    break;
                case TENET_TYPE_INT: fields.push_back(tenet::InputColumn::integers(name, int64s, c.present)); break;
                case TENET_TYPE_DATE: fields.push_back(tenet::InputColumn::days(name, int64s, c.present)); break;
                case TENET_TYPE_ENUM: {
                    auto& code = codes->emplace_back(elements);
                    const auto& names = field->enum_values;
                    for (size_t e = 0; e < elements; ++e) {
                        // past the names: a code the dictionary check reports
                        int64_t v = int64s[e];
                        code[e] = c.present && !c.present[e] ? -1
                                  : v < 0 || v > INT32_MAX   ? INT32_MAX
                                                             : static_cast<int32_t>(v);
                    }
                    fields.push_back(tenet::InputColumn::dictionary_coded(name, code.data(), names));
                    break;
                }
                default: fields.push_back(tenet::InputColumn::scaled(name, int64s, c.scale, c.present)); break;
            }
        }
        out->push_back(tenet::InputColumn::list(l.name, l.offsets, std::move(fields), l.present));
    }
    return TENET_OK;
}

// Copies one decision's results into its C column; false when some value is not exact at the
// column's scale (those cells are TENET_STATE_INEXACT), with the first such row in `inexact_row`.
bool copy_out(const tenet::OutputColumn& from, const tenet_decision_column& to, int kind, size_t rows,
              size_t* inexact_row) {
    using R = tenet::RowState;
    bool exact = true;
    for (size_t r = 0; r < rows; ++r) {
        R state = from.states[r];
        uint8_t code = state == R::Ok       ? TENET_STATE_OK
                       : state == R::Absent ? TENET_STATE_ABSENT
                       : state == R::Error  ? TENET_STATE_ERROR
                                            : TENET_STATE_UNRESOLVED;
        if (kind == TENET_TYPE_BOOL) {
            static_cast<uint8_t*>(to.values)[r] = state == R::Ok && from.bools[r];
        } else if (kind == TENET_TYPE_DATE || kind == TENET_TYPE_ENUM) {
            // The C API's caller buffers stay int64_t, as tenet.h has always said: widened here from
            // the 4-byte column the library keeps.
            static_cast<int64_t*>(to.values)[r] = state == R::Ok ? from.int32s[r] : 0;  // days, enum index
        } else {
            int64_t x = 0;
            if (state == R::Ok) {
                if (kind == TENET_TYPE_DECIMAL || kind == TENET_TYPE_MONEY || kind == TENET_TYPE_PERCENT) {
                    bool money = from.type == tenet::OutputColumn::Type::Money;  // whole cents
                    if (!scaled(money ? from.int64s[r] : from.numerators[r], money ? 100 : from.denominators[r],
                                to.scale, kind == TENET_TYPE_PERCENT, &x)) {
                        code = TENET_STATE_INEXACT;
                        x = 0;
                        if (exact) *inexact_row = r;
                        exact = false;
                    }
                } else {
                    x = from.int64s[r];  // int
                }
            }
            static_cast<int64_t*>(to.values)[r] = x;
        }
        to.states[r] = code;
    }
    return exact;
}

// "household.size[12]" (tenet::evaluate_columns) -> "$[12].household.size", and a list's element
// "history.payments[12][0].amount" -> "$[12].history.payments[0].amount"
std::string c_path(const std::string& path) {
    size_t open = path.find('[');
    size_t close = open == std::string::npos ? open : path.find(']', open);
    if (close == std::string::npos) return path;
    return "$" + path.substr(open, close - open + 1) + "." + path.substr(0, open) + path.substr(close + 1);
}

int resolve_inputs(tenet_context* ctx, const tenet_fact_column* facts, int count, size_t rows,
                   std::vector<FactBinding>* out) {
    const tenet::Ruleset& rs = *ctx->ruleset;
    std::vector<char> seen(rs.facts().size(), 0);
    for (int i = 0; i < count; ++i) {
        const tenet_fact_column& c = facts[i];
        std::string where = "fact column " + std::to_string(i);
        if (!c.name) return fail(ctx, TENET_MISUSE, where + " has no name");
        int fact = rs.find_fact(c.name);
        if (fact < 0) return fail(ctx, TENET_NOTFOUND, where + ": the ruleset has no fact `" + c.name + "`");
        if (seen[static_cast<size_t>(fact)]++)
            return fail(ctx, TENET_MISUSE, where + ": fact `" + c.name + "` has two columns");
        const tenet::FactInfo& info = rs.facts()[static_cast<size_t>(fact)];
        int kind = kind_code(info.kind);
        where += " `" + std::string(c.name) + "`";
        if (kind == TENET_TYPE_RECORD || kind == TENET_TYPE_OTHER) {
            return fail(ctx, TENET_MISUSE, where + " is a " + info.type + ": give it through JSON");
        }
        if (c.type != kind) {
            return fail(ctx, TENET_MISUSE,
                        where + " is " + kind_name(kind) + " in the ruleset, not " + kind_name(c.type));
        }
        bool numeric = kind == TENET_TYPE_DECIMAL || kind == TENET_TYPE_MONEY || kind == TENET_TYPE_PERCENT;
        if (numeric ? (c.scale < 0 || c.scale > kMaxScale) : c.scale != 0) {
            return fail(ctx, TENET_MISUSE,
                        where + ": scale " + std::to_string(c.scale) + " is not " +
                            (numeric ? "in 0..18" : "0 (only numbers are scaled)"));
        }
        // with no rows, empty arrays may be NULL
        if (kind == TENET_TYPE_LIST ? c.values != nullptr : rows > 0 && c.values == nullptr) {
            return fail(ctx, TENET_MISUSE,
                        where + (kind == TENET_TYPE_LIST ? ": a list column has presence only (values NULL)"
                                                         : " has no values"));
        }
        out->push_back(FactBinding{&c, static_cast<uint32_t>(fact), kind, &info});
    }
    return TENET_OK;
}

int resolve_outputs(tenet_context* ctx, const tenet_decision_column* decisions, int count, size_t rows,
                    std::vector<DecisionBinding>* out) {
    const tenet::Ruleset& rs = *ctx->ruleset;
    for (int i = 0; i < count; ++i) {
        const tenet_decision_column& c = decisions[i];
        std::string where = "decision column " + std::to_string(i);
        if (!c.name) return fail(ctx, TENET_MISUSE, where + " has no name");
        int d = rs.find_decision(c.name);
        if (d < 0) return fail(ctx, TENET_NOTFOUND, where + ": the ruleset has no decision `" + c.name + "`");
        int kind = kind_code(rs.decisions()[static_cast<size_t>(d)].kind);
        where += " `" + std::string(c.name) + "`";
        if (kind == TENET_TYPE_LIST || kind == TENET_TYPE_RECORD || kind == TENET_TYPE_OTHER) {
            return fail(ctx, TENET_MISUSE,
                        where + " is a " + rs.decisions()[static_cast<size_t>(d)].type + ": read it through JSON");
        }
        if (c.type != kind) {
            return fail(ctx, TENET_MISUSE,
                        where + " is " + kind_name(kind) + " in the ruleset, not " + kind_name(c.type));
        }
        bool numeric = kind == TENET_TYPE_DECIMAL || kind == TENET_TYPE_MONEY || kind == TENET_TYPE_PERCENT;
        if (numeric ? (c.scale < 0 || c.scale > kMaxScale) : c.scale != 0) {
            return fail(ctx, TENET_MISUSE,
                        where + ": scale " + std::to_string(c.scale) + " is not " +
                            (numeric ? "in 0..18" : "0 (only numbers are scaled)"));
        }
        if (rows > 0 && (!c.values || !c.states))
            return fail(ctx, TENET_MISUSE, where + " has no values or states array");
        out->push_back(DecisionBinding{&c, d, kind});
    }
    return TENET_OK;
}

// Checks every value before anything is evaluated: a bad batch is rejected whole.
int check_inputs(tenet_context* ctx, const std::vector<FactBinding>& in, size_t rows) {
    const FactBinding* as_of = nullptr;
    for (const auto& col : in) {
        if (col.fact == 0) as_of = &col;
    }
    std::string why;
    for (size_t row = 0; row < rows; ++row) {
        if (!as_of || (as_of->source->present && !as_of->source->present[row])) {
            std::string path = row_path(row, "as_of");
            return fail(ctx, TENET_INPUT, path + ": missing `as_of`, the day the decisions are for", &path);
        }
        for (const auto& col : in) {
            if (col.source->present && !col.source->present[row]) continue;
            if (!check_cell(*ctx->ruleset, col, row, &why)) {
                std::string path = row_path(row, col.info->path);
                return fail(ctx, TENET_INPUT, path + ": " + why, &path);
            }
        }
    }
    return TENET_OK;
}

}  // namespace

extern "C" {

// ---- versions and codes --------------------------------------------------------------------

const char* tenet_libversion(void) { return TENET_VERSION; }
int tenet_libversion_number(void) { return TENET_VERSION_NUMBER; }

const char* tenet_errstr(int code) {
    switch (code) {
        case TENET_OK: return "not an error";
        case TENET_ERROR: return "the ruleset has errors";
        case TENET_NOMEM: return kOutOfMemory;
        case TENET_MISUSE: return "the API was called wrongly";
        case TENET_INPUT: return "the case is not valid";
        case TENET_RANGE: return "a value is out of range or not exact at its scale";
        case TENET_NOTFOUND: return "no decision or fact of that name";
        case TENET_UNRESOLVED: return "a requested decision is unresolved or failed";
        case TENET_INTERNAL: return "internal error";
        default: return "unknown result code";
    }
}

// ---- compiling -----------------------------------------------------------------------------

int tenet_compile_file(const char* path, unsigned flags, tenet_ruleset** ruleset) {
    return tenet_compile_file_with_roots(path, flags, nullptr, 0, ruleset);
}

int tenet_compile_buffer(const char* name, const char* text, int64_t length, unsigned flags, tenet_ruleset** ruleset) {
    return tenet_compile_buffer_with_roots(name, text, length, flags, nullptr, 0, ruleset);
}

int tenet_compile_file_with_roots(const char* path, unsigned flags, const char* const* include_roots, size_t count,
                                  tenet_ruleset** ruleset) {
    if (!path) {
        if (ruleset) *ruleset = nullptr;
        return TENET_MISUSE;
    }
    return compile([](const tenet::CompileOptions& o,
                      const void* p) { return tenet::compile_file(static_cast<const char*>(p), o); },
                   path, flags, include_roots, count, ruleset);
}

int tenet_compile_buffer_with_roots(const char* name, const char* text, int64_t length, unsigned flags,
                                    const char* const* include_roots, size_t count, tenet_ruleset** ruleset) {
    if (!text) {
        if (ruleset) *ruleset = nullptr;
        return TENET_MISUSE;
    }
    struct Buffer {
        const char* name;
        std::string_view text;
    } buffer{name ? name : "<buffer>", text_of(text, length)};
    return compile(
        [](const tenet::CompileOptions& o, const void* p) {
            const auto* b = static_cast<const Buffer*>(p);
            return tenet::compile_source(b->name, std::string(b->text), o);
        },
        &buffer, flags, include_roots, count, ruleset);
}

void tenet_ruleset_free(tenet_ruleset* ruleset) { delete ruleset; }

int tenet_ruleset_status(const tenet_ruleset* ruleset) {
    if (!ruleset) return TENET_MISUSE;
    return ruleset->ruleset ? TENET_OK : TENET_ERROR;
}

const char* tenet_ruleset_errmsg(const tenet_ruleset* ruleset) {
    return ruleset ? ruleset->errmsg.c_str() : "no ruleset (out of memory or a NULL argument)";
}

int64_t tenet_ruleset_error_offset(const tenet_ruleset* ruleset) { return ruleset ? ruleset->error_offset : -1; }

int tenet_diagnostic_count(const tenet_ruleset* ruleset) {
    return ruleset ? static_cast<int>(ruleset->diagnostics.size()) : -1;
}

int tenet_diagnostic_severity(const tenet_ruleset* ruleset, int i) {
    if (!valid_diagnostic(ruleset, i)) return -1;
    switch (ruleset->diagnostics[static_cast<size_t>(i)].severity) {
        case tenet::Severity::Error: return TENET_SEVERITY_ERROR;
        case tenet::Severity::Warning: return TENET_SEVERITY_WARNING;
        case tenet::Severity::Note: return TENET_SEVERITY_NOTE;
    }
    return -1;
}

const char* tenet_diagnostic_file(const tenet_ruleset* ruleset, int i) {
    return valid_diagnostic(ruleset, i) ? ruleset->diagnostics[static_cast<size_t>(i)].file.c_str() : nullptr;
}

int tenet_diagnostic_line(const tenet_ruleset* ruleset, int i) {
    return valid_diagnostic(ruleset, i) ? static_cast<int>(ruleset->diagnostics[static_cast<size_t>(i)].line) : -1;
}

int tenet_diagnostic_column(const tenet_ruleset* ruleset, int i) {
    return valid_diagnostic(ruleset, i) ? static_cast<int>(ruleset->diagnostics[static_cast<size_t>(i)].column) : -1;
}

int64_t tenet_diagnostic_offset(const tenet_ruleset* ruleset, int i) {
    return valid_diagnostic(ruleset, i) ? offset_of(ruleset->diagnostics[static_cast<size_t>(i)]) : -1;
}

const char* tenet_diagnostic_message(const tenet_ruleset* ruleset, int i) {
    return valid_diagnostic(ruleset, i) ? ruleset->diagnostics[static_cast<size_t>(i)].message.c_str() : nullptr;
}

const char* tenet_diagnostic_text(const tenet_ruleset* ruleset, int i) {
    return valid_diagnostic(ruleset, i) ? ruleset->texts[static_cast<size_t>(i)].c_str() : nullptr;
}

// ---- introspection -------------------------------------------------------------------------

const char* tenet_ruleset_name(const tenet_ruleset* ruleset) {
    return usable(ruleset) ? ruleset->ruleset->name().c_str() : nullptr;
}

int tenet_decision_count(const tenet_ruleset* ruleset) {
    return usable(ruleset) ? static_cast<int>(ruleset->ruleset->decisions().size()) : -1;
}

int tenet_decision_index(const tenet_ruleset* ruleset, const char* name) {
    return usable(ruleset) && name ? ruleset->ruleset->find_decision(name) : -1;
}

const char* tenet_decision_name(const tenet_ruleset* ruleset, int i) {
    return valid_decision(ruleset, i) ? ruleset->ruleset->decisions()[static_cast<size_t>(i)].name.c_str() : nullptr;
}

const char* tenet_decision_type(const tenet_ruleset* ruleset, int i) {
    return valid_decision(ruleset, i) ? ruleset->ruleset->decisions()[static_cast<size_t>(i)].type.c_str() : nullptr;
}

int tenet_decision_kind(const tenet_ruleset* ruleset, int i) {
    if (!valid_decision(ruleset, i)) return TENET_TYPE_NONE;
    return kind_code(ruleset->ruleset->decisions()[static_cast<size_t>(i)].kind);
}

int tenet_decision_optional(const tenet_ruleset* ruleset, int i) {
    return valid_decision(ruleset, i) ? ruleset->ruleset->decisions()[static_cast<size_t>(i)].optional : -1;
}

const char* tenet_decision_enum_name(const tenet_ruleset* ruleset, int i, int value) {
    if (!valid_decision(ruleset, i)) return nullptr;
    return enum_name(ruleset->ruleset->decisions()[static_cast<size_t>(i)].enum_values, value);
}

int tenet_fact_count(const tenet_ruleset* ruleset) {
    return usable(ruleset) ? static_cast<int>(ruleset->ruleset->facts().size()) : -1;
}

int tenet_fact_index(const tenet_ruleset* ruleset, const char* path) {
    return usable(ruleset) && path ? ruleset->ruleset->find_fact(path) : -1;
}

const char* tenet_fact_path(const tenet_ruleset* ruleset, int i) {
    return valid_fact(ruleset, i) ? ruleset->ruleset->facts()[static_cast<size_t>(i)].path.c_str() : nullptr;
}

const char* tenet_fact_type(const tenet_ruleset* ruleset, int i) {
    return valid_fact(ruleset, i) ? ruleset->ruleset->facts()[static_cast<size_t>(i)].type.c_str() : nullptr;
}

int tenet_fact_kind(const tenet_ruleset* ruleset, int i) {
    if (!valid_fact(ruleset, i)) return TENET_TYPE_NONE;
    return kind_code(ruleset->ruleset->facts()[static_cast<size_t>(i)].kind);
}

int tenet_fact_optional(const tenet_ruleset* ruleset, int i) {
    return valid_fact(ruleset, i) ? ruleset->ruleset->facts()[static_cast<size_t>(i)].optional : -1;
}

const char* tenet_fact_enum_name(const tenet_ruleset* ruleset, int i, int value) {
    if (!valid_fact(ruleset, i)) return nullptr;
    return enum_name(ruleset->ruleset->facts()[static_cast<size_t>(i)].enum_values, value);
}

// ---- contexts and JSON ---------------------------------------------------------------------

int tenet_context_new(tenet_ruleset* ruleset, tenet_context** context) {
    if (!context) return TENET_MISUSE;
    *context = nullptr;
    if (!usable(ruleset)) return TENET_MISUSE;
    try {
        *context = new tenet_context(ruleset->ruleset);
        return TENET_OK;
    } catch (const std::bad_alloc&) {
        return TENET_NOMEM;
    } catch (...) {
        return TENET_INTERNAL;
    }
}

void tenet_context_free(tenet_context* context) { delete context; }

int tenet_evaluate_json(tenet_context* ctx, const char* json, int64_t length, unsigned flags,
                        const char* const* decisions, int count, const char** result, size_t* result_length) {
    if (!ctx) return TENET_MISUSE;
    return guarded(ctx, [&] {
        clear_error(ctx);
        ctx->has_result = false;
        ctx->result.clear();
        if (result) *result = nullptr;
        if (result_length) *result_length = 0;
        if (!json || !result || count < 0 || (count > 0 && !decisions) || (flags & ~(TENET_EXPLAIN | TENET_STRICT))) {
            return fail(ctx, TENET_MISUSE,
                        "tenet_evaluate_json: NULL case or result pointer, negative count or unknown flags");
        }
        tenet::Request request;
        request.explain = flags & TENET_EXPLAIN;
        request.strict = flags & TENET_STRICT;
        for (int i = 0; i < count; ++i) {
            int d = decisions[i] ? ctx->ruleset->find_decision(decisions[i]) : -1;
            if (d < 0) {
                return fail(
                    ctx, TENET_NOTFOUND,
                    std::string("the ruleset has no decision `") + (decisions[i] ? decisions[i] : "(NULL)") + "`");
            }
            request.decisions.push_back(d);
        }
        std::vector<tenet::InputError> errors;
        if (!ctx->session.decode(text_of(json, length), &ctx->last_case, &errors)) {
            std::string message;
            for (const auto& e : errors) message += (message.empty() ? "" : "\n") + e.path + ": " + e.message;
            const std::string* path = errors.empty() ? nullptr : &errors[0].path;
            int code = fail(ctx, TENET_INPUT, message, path);
            if (!errors.empty()) ctx->error_offset = errors[0].offset;  // -1 unless the text is not JSON
            return code;
        }
        bool decided = ctx->session.evaluate_json(ctx->last_case, request, &ctx->result, &errors);
        ctx->last_request = std::move(request);
        ctx->has_result = true;
        ctx->explanation.clear();
        *result = ctx->result.c_str();
        if (result_length) *result_length = ctx->result.size();
        if (!decided) {
            std::string message;
            for (const auto& e : errors) message += (message.empty() ? "" : "\n") + e.path + ": " + e.message;
            return fail(ctx, TENET_UNRESOLVED, message, errors.empty() ? nullptr : &errors[0].path);
        }
        return TENET_OK;
    });
}

const char* tenet_result_json(tenet_context* ctx) { return ctx ? ctx->result.c_str() : ""; }

namespace {

// The decision `name` of the last evaluation, or -1.
int evaluated_decision(tenet_context* ctx, const char* name) {
    if (!ctx || !name || !ctx->has_result) return -1;
    int d = ctx->ruleset->find_decision(name);
    if (d < 0) return -1;
    const auto& wanted = ctx->last_request.decisions;
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), d) == wanted.end()) return -1;
    return d;
}

}  // namespace

int tenet_decision_state(tenet_context* ctx, const char* name) {
    try {
        int d = evaluated_decision(ctx, name);
        if (d < 0) return -1;
        using S = tenet::DecisionValue::State;
        switch (ctx->session.result(d).state) {
            case S::Ok: return TENET_STATE_OK;
            case S::Absent: return TENET_STATE_ABSENT;
            case S::Unresolved: return TENET_STATE_UNRESOLVED;
            case S::Error: return TENET_STATE_ERROR;
        }
        return -1;
    } catch (...) {
        return -1;
    }
}

const char* tenet_decision_message(tenet_context* ctx, const char* name) {
    try {
        int d = evaluated_decision(ctx, name);
        if (d < 0) return nullptr;
        ctx->decision_message = ctx->session.result_message(d);
        return ctx->decision_message.c_str();
    } catch (...) {
        return nullptr;
    }
}

const char* tenet_decision_json(tenet_context* ctx, const char* name) {
    if (!ctx || !name || !ctx->has_result) return nullptr;
    try {
        int d = ctx->ruleset->find_decision(name);
        if (d < 0 || ctx->session.result(d).state != tenet::DecisionValue::State::Ok) return nullptr;
        ctx->decision_value.clear();
        ctx->session.result_json(d, &ctx->decision_value);
        return ctx->decision_value.c_str();
    } catch (...) {
        return nullptr;
    }
}

int tenet_explanation_json(tenet_context* ctx, const char** explanation, size_t* length) {
    if (!ctx) return TENET_MISUSE;
    return guarded(ctx, [&] {
        clear_error(ctx);
        if (explanation) *explanation = nullptr;
        if (length) *length = 0;
        if (!explanation) return fail(ctx, TENET_MISUSE, "tenet_explanation_json: NULL explanation pointer");
        if (!ctx->has_result) return fail(ctx, TENET_MISUSE, "tenet_explanation_json: no evaluation to explain");
        if (ctx->explanation.empty()) {
            std::string_view whole = ctx->result;
            std::string again;
            if (!ctx->last_request.explain) {
                tenet::Request request = ctx->last_request;
                request.explain = true;
                request.strict = false;
                std::vector<tenet::InputError> errors;
                ctx->session.evaluate_json(ctx->last_case, request, &again, &errors);
                whole = again;
            }
            std::string_view member = top_level_member(whole, "explanation");
            if (member.empty()) return fail(ctx, TENET_INTERNAL, "internal error: the result has no explanation");
            ctx->explanation.assign(member);
        }
        *explanation = ctx->explanation.c_str();
        if (length) *length = ctx->explanation.size();
        return TENET_OK;
    });
}

const char* tenet_errmsg(const tenet_context* ctx) {
    if (!ctx) return "no context (NULL)";
    if (ctx->errcode == TENET_NOMEM && ctx->errmsg.empty()) return kOutOfMemory;
    return ctx->errmsg.c_str();
}

const char* tenet_error_path(const tenet_context* ctx) {
    return ctx && ctx->has_error_path ? ctx->error_path.c_str() : nullptr;
}

int64_t tenet_error_offset(const tenet_context* ctx) { return ctx ? ctx->error_offset : -1; }

int tenet_errcode(const tenet_context* ctx) { return ctx ? ctx->errcode : TENET_MISUSE; }

// ---- columns -------------------------------------------------------------------------------

int tenet_evaluate_columns(tenet_context* ctx, size_t rows, const tenet_fact_column* facts, int fact_count,
                           const tenet_decision_column* decisions, int decision_count, int threads) {
    return tenet_evaluate_columns_with_lists(ctx, rows, facts, fact_count, nullptr, 0, decisions, decision_count,
                                             threads);
}

int tenet_evaluate_columns_with_lists(tenet_context* ctx, size_t rows, const tenet_fact_column* facts, int fact_count,
                                      const tenet_list_column* lists, int list_count,
                                      const tenet_decision_column* decisions, int decision_count, int threads) {
    if (!ctx) return TENET_MISUSE;
    return guarded(ctx, [&] {
        clear_error(ctx);
        ctx->has_result = false;
        ctx->result.clear();
        if (fact_count < 0 || decision_count < 0 || (fact_count > 0 && !facts) || (decision_count > 0 && !decisions) ||
            threads < 0 || list_count < 0 || (list_count > 0 && !lists)) {
            return fail(ctx, TENET_MISUSE, "tenet_evaluate_columns: negative count or threads, or NULL columns");
        }
        std::vector<FactBinding> in;
        std::vector<DecisionBinding> out;
        if (int rc = resolve_inputs(ctx, facts, fact_count, rows, &in)) return rc;
        if (int rc = resolve_outputs(ctx, decisions, decision_count, rows, &out)) return rc;
        if (rows == 0 || out.empty()) return TENET_OK;
        if (int rc = check_inputs(ctx, in, rows)) return rc;

        std::vector<std::vector<int32_t>> codes;
        std::vector<std::vector<std::string_view>> texts;
        std::vector<tenet::InputColumn> columns = frame_columns(in, rows, &codes, &texts);
        if (int rc = list_columns(ctx, in, lists, list_count, rows, &codes, &columns)) return rc;
        tenet::FrameOptions options;
        std::unordered_map<int, size_t> result_of;  // decision -> its column in the frame result
        for (const auto& col : out) {
            if (result_of.emplace(col.decision, options.decisions.size()).second)
                options.decisions.push_back(col.target->name);
        }
        options.threads = static_cast<unsigned>(threads);
        tenet::FrameResult frame;
        tenet::InputError error;
        if (!tenet::evaluate_columns(*ctx->ruleset, rows, columns, options, &frame, &error)) {
            std::string path = c_path(error.path);
            return fail(ctx, TENET_INPUT, path + ": " + error.message, &path);
        }
        const DecisionBinding* inexact = nullptr;
        size_t inexact_row = SIZE_MAX;
        for (const auto& col : out) {
            size_t row = SIZE_MAX;
            if (!copy_out(frame.columns[result_of[col.decision]], *col.target, col.kind, rows, &row) &&
                row < inexact_row) {
                inexact_row = row;
                inexact = &col;
            }
        }
        if (inexact) {
            const tenet_decision_column& c = *inexact->target;
            return fail(ctx, TENET_RANGE,
                        "row " + std::to_string(inexact_row) + ", decision `" + c.name +
                            "`: the value is not a whole number of 10^-" + std::to_string(c.scale) +
                            (inexact->kind == TENET_TYPE_PERCENT ? " percentage points" : "") +
                            " or does not fit 64 bits (TENET_STATE_INEXACT cells)");
        }
        return TENET_OK;
    });
}

}  // extern "C"
