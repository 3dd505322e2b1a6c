// Finding, reading and checking a ruleset's notice templates (docs/NOTICES.md).
//
// Every message is parsed with ICU's MessagePattern; its arguments must be decisions of the
// ruleset (or `as_of`) used in a way their type allows, and every message must exist in every
// language of the notice. Errors point at the template's line and column.
#include <unicode/messagepattern.h>
#include <unicode/plurrule.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "api/ruleset_impl.hpp"
#include "render/notice_impl.hpp"

namespace tenet {

using render::CatalogMessage;
using render::CompiledMessage;
using render::LanguageTemplates;
using render::MessageCatalog;

NoticeTemplates::NoticeTemplates(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NoticeTemplates::~NoticeTemplates() = default;
const std::string& NoticeTemplates::notice() const { return impl_->notice; }
std::vector<std::string> NoticeTemplates::languages() const {
    std::vector<std::string> out;
    for (const auto& l : impl_->languages) out.push_back(l.lang);
    return out;
}

namespace {

namespace fs = std::filesystem;

std::string to_utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

struct TemplateFile {
    std::string path, notice, lang;
};

// DIR/notices/STEM_NOTICE.LANG.properties for the ruleset DIR/STEM.tenet, sorted by notice and
// language so diagnostics come in a stable order.
std::vector<TemplateFile> find_template_files(const std::string& ruleset_path) {
    std::vector<TemplateFile> out;
    fs::path root(ruleset_path);
    fs::path dir = root.parent_path() / "notices";
    std::string prefix = root.stem().string() + "_";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        const std::string suffix = ".properties";
        if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
            continue;
        }
        std::string middle = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
        size_t dot = middle.rfind('.');
        if (dot == std::string::npos || dot == 0) continue;
        out.push_back(TemplateFile{entry.path().string(), middle.substr(0, dot), middle.substr(dot + 1)});
    }
    std::sort(out.begin(), out.end(), [](const TemplateFile& a, const TemplateFile& b) {
        return a.notice != b.notice ? a.notice < b.notice : a.lang < b.lang;
    });
    return out;
}

enum class ArgKind { Bool, Int, Decimal, Money, Percent, Date, Enum, Unshowable };

struct ArgType {
    ArgKind kind = ArgKind::Unshowable;
    bool optional = false;
    const check::EnumInfo* enumeration = nullptr;
    std::string name;  // "money", "date?", for messages
};

ArgType arg_type(const check::Model& m, check::TypeId t) {
    ArgType a;
    a.name = m.type_name(t);
    a.optional = m.types.is_optional(t);
    check::TypeId base = m.types.strip_optional(t);
    switch (m.types.kind(base)) {
        case check::TypeKind::Bool: a.kind = ArgKind::Bool; break;
        case check::TypeKind::Int: a.kind = ArgKind::Int; break;
        case check::TypeKind::Decimal: a.kind = ArgKind::Decimal; break;
        case check::TypeKind::Money: a.kind = ArgKind::Money; break;
        case check::TypeKind::Percent: a.kind = ArgKind::Percent; break;
        case check::TypeKind::Date: a.kind = ArgKind::Date; break;
        case check::TypeKind::Enum:
            a.kind = ArgKind::Enum;
            a.enumeration = &m.enums[m.types.get(base).ref];
            break;
        default: break;
    }
    return a;
}

// Checks and compiles the messages of one catalogue.
class MessageChecker {
public:
    MessageChecker(const Ruleset& rs, const MessageCatalog& catalog, syntax::DiagnosticSink* sink)
        : rs_(rs), m_(*rs.impl().model), catalog_(catalog), sink_(sink) {
        UErrorCode status = U_ZERO_ERROR;
        icu::Locale locale(catalog.lang == "es" ? "es_US" : "en_US");
        std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(locale, status));
        if (U_SUCCESS(status) && rules) {
            std::unique_ptr<icu::StringEnumeration> words(rules->getKeywords(status));
            const char* w = nullptr;
            while (words && U_SUCCESS(status) && (w = words->next(nullptr, status)) != nullptr) plural_words_.insert(w);
        }
    }

    // False (with diagnostics) when the message is wrong.
    bool compile(const CatalogMessage& msg, CompiledMessage* out) {
        size_t errors = sink_->error_count();
        out->key = msg.key;
        out->file = catalog_.file;
        out->offset = msg.key_offset;
        UErrorCode status = U_ZERO_ERROR;
        icu::MessagePattern pattern(UMSGPAT_APOS_DOUBLE_OPTIONAL, status);
        UParseError parse_error{};
        pattern.parse(msg.pattern, &parse_error, status);
        if (U_FAILURE(status)) {
            int32_t at = status == U_UNMATCHED_BRACES ? unclosed_brace(msg.pattern) : parse_error.offset;
            error(msg, at, "malformed MessageFormat in message `" + msg.key + "`: " + parse_problem(status));
            return false;
        }
        std::map<std::string, Use> uses;
        int32_t count = pattern.countParts();
        for (int32_t i = 0; i < count; ++i) {
            const icu::MessagePattern::Part& part = pattern.getPart(i);
            if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
            const icu::MessagePattern::Part& name_part = pattern.getPart(i + 1);
            int32_t at = name_part.getIndex();
            std::string name = to_utf8(pattern.getSubstring(name_part));
            if (name_part.getType() == UMSGPAT_PART_TYPE_ARG_NUMBER) {
                error(msg, at, "argument {" + name + "}: name the decision to show, not a number");
                continue;
            }
            ArgType type;
            int decision = render::kAsOfArgument;
            if (name == "as_of") {
                type = arg_type(m_, m_.facts[0].type);
            } else {
                decision = rs_.find_decision(name);
                if (decision < 0) {
                    error(msg, at, "`" + name + "` is not a decision of " + rs_.name() + unknown_hint(name));
                    continue;
                }
                type = arg_type(m_, m_.rules[rs_.impl().decision_rules[static_cast<size_t>(decision)]].type);
            }
            Use& use = uses[name];
            use.decision = decision;
            if (!use.seen) {
                use.seen = true;
                use.first = at;
            }
            check_use(msg, pattern, i, name, type, &use);
        }
        for (const auto& [name, use] : uses) {
            if (use.shown && use.type_optional && !use.none_selector) {
                error(msg, use.first,
                      "`" + name + "` may have no value: choose the words with {" + name +
                          ", select, none {...} other {...}} around where it is shown");
            }
            if (use.selected && use.as_number) {
                error(msg, use.first,
                      "`" + name + "` is both selected on and shown as a number in one message: use {" + name +
                          ", plural, =1 {...} other {...}} for both");
            }
        }
        if (sink_->error_count() != errors) return false;
        status = U_ZERO_ERROR;
        icu::Locale locale(catalog_.lang == "es" ? "es_US" : "en_US");
        out->format = std::make_unique<icu::MessageFormat>(msg.pattern, locale, parse_error, status);
        if (U_FAILURE(status)) {
            error(msg, parse_error.offset,
                  "malformed MessageFormat in message `" + msg.key + "`: " + parse_problem(status));
            return false;
        }
        for (const auto& [name, use] : uses) {
            render::MessageArgument a;
            a.name = icu::UnicodeString::fromUTF8(name);
            a.decision = use.decision;
            a.selected = use.selected;
            out->arguments.push_back(std::move(a));
        }
        return true;
    }

    void error(const CatalogMessage& msg, int32_t unit, std::string message) {
        uint32_t at = msg.offset_of(unit);
        sink_->error(syntax::Span{catalog_.file, at, at + 1}, std::move(message));
    }

private:
    struct Use {
        bool seen = false, selected = false, as_number = false, shown = false;
        bool type_optional = false, none_selector = false;
        int decision = render::kAsOfArgument;
        int32_t first = 0;
    };

    // The `{` left open (ICU reports unmatched braces at the start of the pattern). Quoted text
    // ('{') is skipped as MessageFormat's apostrophe rule says.
    static int32_t unclosed_brace(const icu::UnicodeString& p) {
        std::vector<int32_t> open;
        bool quoted = false;
        for (int32_t i = 0; i < p.length(); ++i) {
            char16_t c = p.charAt(i);
            if (c == u'\'') {
                if (i + 1 < p.length() && p.charAt(i + 1) == u'\'') {
                    ++i;
                } else if (quoted || (i + 1 < p.length() && (p.charAt(i + 1) == u'{' || p.charAt(i + 1) == u'}'))) {
                    quoted = !quoted;
                }
            } else if (!quoted && c == u'{') {
                open.push_back(i);
            } else if (!quoted && c == u'}') {
                if (open.empty()) return i;  // a `}` with nothing open
                open.pop_back();
            }
        }
        return open.empty() ? 0 : open.back();
    }

    static std::string parse_problem(UErrorCode status) {
        switch (status) {
            case U_UNMATCHED_BRACES: return "unmatched braces";
            case U_PATTERN_SYNTAX_ERROR: return "syntax error";
            case U_DEFAULT_KEYWORD_MISSING: return "a select or plural needs an `other {...}` case";
            case U_DUPLICATE_KEYWORD: return "a case is given twice";
            case U_ILLEGAL_ARGUMENT_ERROR: return "bad argument";
            default: return u_errorName(status);
        }
    }

    std::string unknown_hint(const std::string& name) const {
        for (const auto& f : m_.facts) {
            std::string flat = f.path;
            std::replace(flat.begin(), flat.end(), '.', '_');
            if (flat == name) return " (it is the fact `" + f.path + "`: a notice shows decisions, so give it one)";
        }
        return "";
    }

    void check_use(const CatalogMessage& msg, const icu::MessagePattern& pattern, int32_t start,
                   const std::string& name, const ArgType& type, Use* use) {
        const icu::MessagePattern::Part& part = pattern.getPart(start);
        int32_t at = pattern.getPart(start + 1).getIndex();
        use->type_optional = type.optional;
        auto wrong = [&](const std::string& why) { error(msg, at, "`" + name + "` is " + type.name + ": " + why); };
        switch (part.getArgType()) {
            case UMSGPAT_ARG_TYPE_NONE:
                if (type.kind == ArgKind::Bool || type.kind == ArgKind::Enum) {
                    return wrong("choose the words for each value with {" + name + ", select, ...}");
                }
                if (type.kind == ArgKind::Unshowable)
                    return wrong("a notice can show only numbers, money, percents and dates");
                use->shown = true;
                if (type.kind == ArgKind::Int) use->as_number = true;
                return;
            case UMSGPAT_ARG_TYPE_SIMPLE:
                return wrong("write {" + name + "}: Tenet formats numbers, money, percents and dates for the locale");
            case UMSGPAT_ARG_TYPE_CHOICE: return wrong("use select or plural, not choice");
            case UMSGPAT_ARG_TYPE_PLURAL:
            case UMSGPAT_ARG_TYPE_SELECTORDINAL:
                if (type.kind != ArgKind::Int) return wrong("plural needs a whole number");
                use->as_number = true;
                for_each_selector(pattern, start, [&](const std::string& word, int32_t index) {
                    if (word == "none") {
                        if (!type.optional)
                            error(msg, index, "`" + name + "` always has a value: `none` never matches");
                        use->none_selector = true;
                    } else if (word[0] != '=' && !plural_words_.count(word)) {
                        error(msg, index,
                              "`" + word + "` is not a plural category of " + catalog_.lang + " (" + plural_list() +
                                  ", or =N)");
                    }
                });
                return;
            case UMSGPAT_ARG_TYPE_SELECT:
                if (type.kind == ArgKind::Unshowable)
                    return wrong("a notice can select only on enums, booleans, whole numbers and presence");
                if (!type.optional && type.kind != ArgKind::Int && type.kind != ArgKind::Bool &&
                    type.kind != ArgKind::Enum) {
                    return wrong("it can be selected on only for its presence, and it always has a value: write {" +
                                 name + "}");
                }
                use->selected = type.kind == ArgKind::Int || type.kind == ArgKind::Bool || type.kind == ArgKind::Enum;
                for_each_selector(pattern, start, [&](const std::string& word, int32_t index) {
                    if (word == "other") return;
                    if (word == "none") {
                        if (!type.optional)
                            error(msg, index, "`" + name + "` always has a value: `none` never matches");
                        use->none_selector = true;
                        return;
                    }
                    bool known = true;
                    switch (type.kind) {
                        case ArgKind::Bool: known = word == "true" || word == "false"; break;
                        case ArgKind::Int: known = word.find_first_not_of("0123456789") == std::string::npos; break;
                        case ArgKind::Enum:
                            known = std::find(type.enumeration->values.begin(), type.enumeration->values.end(), word) !=
                                    type.enumeration->values.end();
                            break;
                        default: known = false; break;
                    }
                    if (!known) {
                        std::string values = type.kind == ArgKind::Enum   ? "a value of " + type.enumeration->name
                                             : type.kind == ArgKind::Bool ? "true or false"
                                             : type.kind == ArgKind::Int  ? "a whole number"
                                                                          : "`none` (it is selected on its presence)";
                        error(msg, index,
                              "`" + word + "` never matches `" + name + "` (" + type.name + "): expected " + values +
                                  " or `other`");
                    }
                });
                return;
            default: return;
        }
    }

    // The selectors of the argument starting at part `start`, not those of nested arguments.
    template <typename F>
    void for_each_selector(const icu::MessagePattern& pattern, int32_t start, F f) {
        int32_t limit = pattern.getLimitPartIndex(start);
        for (int32_t j = start + 2; j < limit; ++j) {
            const icu::MessagePattern::Part& p = pattern.getPart(j);
            if (p.getType() == UMSGPAT_PART_TYPE_MSG_START) {
                j = pattern.getLimitPartIndex(j);
                continue;
            }
            if (p.getType() == UMSGPAT_PART_TYPE_ARG_SELECTOR) f(to_utf8(pattern.getSubstring(p)), p.getIndex());
        }
    }

    std::string plural_list() const {
        std::string s;
        for (const auto& w : plural_words_) s += (s.empty() ? "" : ", ") + w;
        return s;
    }

    const Ruleset& rs_;
    const check::Model& m_;
    const MessageCatalog& catalog_;
    syntax::DiagnosticSink* sink_;
    std::set<std::string> plural_words_;
};

bool read_text(const std::string& path, std::string* text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    *text = s.str();
    return true;
}

// Loads the languages of one notice into `impl`; every problem goes to `sink`.
void load_notice(const Ruleset& rs, const std::vector<TemplateFile>& files, NoticeTemplates::Impl* impl,
                 syntax::DiagnosticSink* sink) {
    std::vector<MessageCatalog> catalogs;
    for (const auto& f : files) {
        std::string text;
        if (!read_text(f.path, &text)) {
            sink->file_error(f.path, "cannot read the notice template");
            continue;
        }
        const syntax::SourceFile& file = impl->sources.add(f.path, std::move(text));
        if (!render::LocaleFormat::supported(f.lang)) {
            sink->error(syntax::Span{file.id(), 0, 1},
                        "no locale for language `" + f.lang + "` (the file name ends in ." + f.lang +
                            ".properties); Tenet formats for " + render::LocaleFormat::supported_languages());
            continue;
        }
        MessageCatalog catalog;
        if (render::read_catalog(file, f.lang, &catalog, sink)) catalogs.push_back(std::move(catalog));
    }
    const check::Model& m = *rs.impl().model;
    std::set<int> decisions;
    for (const MessageCatalog& catalog : catalogs) {
        MessageChecker checker(rs, catalog, sink);
        LanguageTemplates lang;
        lang.lang = catalog.lang;
        bool have_none = false;
        for (const CatalogMessage& msg : catalog.messages) {
            if (msg.key == render::kWhenKey) {
                std::string name = to_utf8(msg.pattern);
                int d = rs.find_decision(name);
                if (d < 0 || m.types.kind(m.rules[rs.impl().decision_rules[static_cast<size_t>(d)]].type) !=
                                 check::TypeKind::Bool) {
                    checker.error(msg, 0,
                                  std::string(render::kWhenKey) + " must name a bool decision of " + rs.name() + " (`" +
                                      name + "` is " + (d < 0 ? "not a decision" : "not a bool") + ")");
                } else if (impl->when_decision >= 0 && impl->when_decision != d) {
                    checker.error(msg, 0,
                                  std::string(render::kWhenKey) + " names `" + name +
                                      "`, but another language names `" +
                                      rs.decisions()[static_cast<size_t>(impl->when_decision)].name + "`");
                } else {
                    impl->when_decision = d;
                    decisions.insert(d);
                }
                continue;
            }
            CompiledMessage compiled;
            if (!checker.compile(msg, &compiled)) continue;
            for (const auto& a : compiled.arguments) {
                if (a.decision >= 0) decisions.insert(a.decision);
            }
            if (msg.key == render::kNoneKey) {
                lang.none = std::move(compiled);
                have_none = true;
            } else {
                lang.body.push_back(std::move(compiled));
            }
        }
        const syntax::SourceFile& file = impl->sources.file(catalog.file);
        if (!catalog.find(render::kWhenKey) || !have_none) {
            if (!catalog.find(render::kWhenKey)) {
                sink->error(syntax::Span{file.id(), 0, 1},
                            std::string("no `") + render::kWhenKey +
                                "` line: name the bool decision that calls for this notice");
            }
            if (!catalog.find(render::kNoneKey)) {
                sink->error(syntax::Span{file.id(), 0, 1},
                            std::string("no `") + render::kNoneKey +
                                "` message: the text shown when the notice is not called for");
            }
        }
        lang.locale = std::make_unique<render::LocaleFormat>(catalog.lang);
        impl->languages.push_back(std::move(lang));
    }
    // every message in every language
    for (const MessageCatalog& catalog : catalogs) {
        for (const MessageCatalog& other : catalogs) {
            if (&other == &catalog) continue;
            for (const CatalogMessage& msg : catalog.messages) {
                if (other.find(msg.key)) continue;
                sink->error(syntax::Span{catalog.file, msg.key_offset, msg.key_offset + 1},
                            "message `" + msg.key + "` has no " + other.lang + " translation in " +
                                impl->sources.file(other.file).path());
            }
        }
    }
    impl->decisions.assign(decisions.begin(), decisions.end());
}

}  // namespace

std::shared_ptr<const NoticeTemplates> NoticeTemplates::load(const Ruleset& ruleset, const std::string& notice,
                                                             std::vector<Diagnostic>* diagnostics) {
    const check::Model& m = *ruleset.impl().model;
    std::string root = m.module_paths.empty() ? std::string() : m.module_paths[0];
    std::vector<TemplateFile> files;
    for (auto& f : find_template_files(root)) {
        if (f.notice == notice) files.push_back(std::move(f));
    }
    auto impl = std::make_unique<Impl>();
    impl->notice = notice;
    syntax::DiagnosticSink sink(impl->sources);
    if (files.empty()) {
        fs::path p(root);
        sink.file_error(
            root, "no `" + notice + "` notice: expected its templates in " +
                      (p.parent_path() / "notices" / (p.stem().string() + "_" + notice + ".LANG.properties")).string());
    } else {
        load_notice(ruleset, files, impl.get(), &sink);
    }
    for (auto& d : sink.take()) diagnostics->push_back(std::move(d));
    if (sink.has_errors() || has_errors(*diagnostics)) return nullptr;
    return std::make_shared<const NoticeTemplates>(std::move(impl));
}

std::vector<Diagnostic> check_notice_templates(const Ruleset& ruleset) {
    const check::Model& m = *ruleset.impl().model;
    std::vector<TemplateFile> files = find_template_files(m.module_paths.empty() ? std::string() : m.module_paths[0]);
    std::vector<Diagnostic> out;
    for (size_t i = 0; i < files.size();) {
        size_t j = i;
        std::vector<TemplateFile> one;
        while (j < files.size() && files[j].notice == files[i].notice) one.push_back(files[j++]);
        NoticeTemplates::Impl impl;
        syntax::DiagnosticSink sink(impl.sources);
        load_notice(ruleset, one, &impl, &sink);
        for (auto& d : sink.take()) out.push_back(std::move(d));
        i = j;
    }
    return out;
}

}  // namespace tenet
