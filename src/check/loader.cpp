// Loading a ruleset's files and merging their declarations: extends, override, import.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "check/checker_impl.hpp"
#include "syntax/parser.hpp"

namespace tenet::check {

namespace fs = std::filesystem;
using syntax::Decl;
using syntax::DeclKind;
using syntax::DeclPtr;
using syntax::Span;

// ---- Model helpers -----------------------------------------------------------------------------

int RecordInfo::field_index(const std::string& field) const {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == field) return static_cast<int>(i);
    }
    return -1;
}

std::string Model::type_name(TypeId t) const {
    if (!types.known(t)) return "?";  // a message about a type that could not be found never crashes
    const Type& ty = types.get(t);
    switch (ty.kind) {
        case TypeKind::Error: return "<error>";
        case TypeKind::Bool: return "bool";
        case TypeKind::Int: return "int";
        case TypeKind::Decimal: return "decimal";
        case TypeKind::Money: return "money";
        case TypeKind::Percent: return "percent";
        case TypeKind::Date: return "date";
        case TypeKind::Duration: return "duration";
        case TypeKind::Enum: return enums[ty.ref].name;
        case TypeKind::Record: return records[ty.ref].name;
        case TypeKind::List: return "list<" + type_name(ty.ref) + ">";
        case TypeKind::Optional: return type_name(ty.ref) + "?";
        case TypeKind::None: return "none";
        case TypeKind::EmptyList: return "[]";
        case TypeKind::Unit: return "unit";
    }
    return "?";
}

std::string Model::where(const Span& span) const {
    if (span.file >= sources.size()) return "?";
    const auto& f = sources.file(span.file);
    uint32_t line = 0, column = 0;
    f.position(span.begin, &line, &column);
    return f.path() + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string Model::where(const Origin& o) const { return o.decl ? where(o.decl->span) : std::string("(built in)"); }

namespace {
void gather_assignments(const Model& m, const syntax::Decl& d, std::vector<const syntax::Assignment*>* out, int depth) {
    if (depth > 64) return;  // the checker rejects cycles of `given`; this only bounds the walk
    for (const std::string& g : d.given) {
        auto it = m.symbols.find(g);
        if (it == m.symbols.end() || it->second.kind != SymbolKind::Case) continue;
        gather_assignments(m, *m.cases[it->second.index].origin.decl, out, depth + 1);
    }
    for (const syntax::Assignment& a : d.assignments) out->push_back(&a);
}
}  // namespace

std::vector<const syntax::Assignment*> Model::assignments_of(const syntax::Decl& test_or_case) const {
    std::vector<const syntax::Assignment*> out;
    gather_assignments(*this, test_or_case, &out, 0);
    return out;
}

std::string dotted(const std::vector<std::string>& path) {
    std::string s;
    for (const std::string& p : path) s += (s.empty() ? "" : ".") + p;
    return s;
}

std::vector<util::Days> parameter_breaks(const Model& m) {
    std::vector<util::Days> breaks{util::min_date()};
    for (const auto& p : m.params) {
        for (const auto& period : p.periods) {
            if (period.from > util::min_date()) breaks.push_back(period.from);
            if (period.to != util::kForever && period.to < util::max_date()) breaks.push_back(period.to + 1);
        }
    }
    std::sort(breaks.begin(), breaks.end());
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    return breaks;
}

// ---- Checker: files ---------------------------------------------------------------------------

Checker::Checker(const CheckOptions& options, std::vector<Diagnostic>* diags)
    : options_(options), out_(diags), m_(std::make_shared<Model>()) {
    sink_ = std::make_unique<syntax::DiagnosticSink>(m_->sources);
    if (!options_.reader) options_.reader = read_source_file;
}

// The default reader. What a path names is looked at before it is read: a device (/dev/zero),
// a pipe or a file past the size limit would otherwise be read without end or at length.
bool read_source_file(const std::string& path, std::string* text, std::string* error) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        *error = "No such file or directory";
        return false;
    }
    if (fs::is_directory(status)) {
        *error = "is a directory, not a ruleset file";
        return false;
    }
    if (!fs::is_regular_file(status)) {
        *error = "is not a regular file (a device, a pipe or a socket); a ruleset is read from a file";
        return false;
    }
    uintmax_t size = fs::file_size(path, ec);
    if (ec || size > syntax::kMaxSourceBytes) {
        *error = ec ? "cannot tell its size" : "is larger than 1 MiB (the limit of a ruleset file)";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        *error = "cannot open the file";
        return false;
    }
    // the file may have grown since: read one byte past the limit at most, so the parser says so
    text->resize(syntax::kMaxSourceBytes + 1);
    in.read(&(*text)[0], static_cast<std::streamsize>(text->size()));
    text->resize(static_cast<size_t>(in.gcount()));
    return true;
}

static std::string canonical(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::path(path), ec);
    return ec ? fs::path(path).lexically_normal().string() : p.string();
}

// True when `file` is `folder` or lies under it (both absolute and normal).
static bool inside(const fs::path& file, const fs::path& folder) {
    fs::path rel = file.lexically_relative(folder);
    return !rel.empty() && rel != "." && *rel.begin() != "..";
}

std::string Checker::resolved_path(const std::string& path, uint32_t module) const {
    return (fs::path(module_dirs_[module]) / fs::path(path)).lexically_normal().string();
}

bool Checker::resolve_include(const std::string& path, uint32_t module, const Span& at, std::string* out) {
    const std::string where =
        "`extends` and `import` name a .tenet file by its path from the file that names it, "
        "inside the ruleset's folder or an include root";
    if (path.empty() || fs::path(path).is_absolute()) {
        sink_->error(at, "`" + path + "` is " + (path.empty() ? "empty" : "an absolute path") + ": " + where);
        return false;
    }
    if (fs::path(path).extension() != ".tenet") {
        sink_->error(at, "`" + path + "` is not a .tenet file: " + where);
        return false;
    }
    *out = resolved_path(path, module);
    std::error_code ec;
    fs::path written = fs::absolute(*out, ec).lexically_normal();
    fs::path real = fs::weakly_canonical(written, ec);
    bool allowed = false;
    for (const auto& [folder, real_folder] : allowed_folders_) {
        if (inside(written, folder) && (ec || inside(real, real_folder))) allowed = true;
    }
    if (!allowed) {
        sink_->error(at, "`" + path + "` leads outside the ruleset's folder and its include roots: " + where);
        return false;
    }
    return true;
}

int Checker::load(const std::string& path, const std::string* text, const Span* from, syntax::FileKind expected) {
    if (!from) {
        // the root file: its folder, and the host's include roots, bound what it may reach
        std::vector<std::string> folders{fs::path(path).parent_path().string()};
        folders.insert(folders.end(), options_.include_roots.begin(), options_.include_roots.end());
        for (const std::string& f : folders) {
            std::error_code ec;
            fs::path folder = f.empty() ? fs::path(".") : fs::path(f);
            fs::path written = fs::absolute(folder, ec).lexically_normal();
            fs::path real = fs::weakly_canonical(written, ec);
            if (!written.has_filename()) written = written.parent_path();
            if (!real.has_filename()) real = real.parent_path();
            allowed_folders_.emplace_back(written.string(), (ec ? written : real).string());
        }
    }
    std::string key = canonical(path);
    auto it = loaded_.find(key);
    if (it != loaded_.end()) {
        if (loading_[it->second]) {
            sink_->error(*from, "`" + path +
                                    "` is already being loaded: files may not extend or "
                                    "import each other in a cycle");
            return -1;
        }
        return it->second;
    }
    std::string content;
    if (text) {
        content = *text;
    } else {
        std::string error;
        if (!options_.reader(path, &content, &error)) {
            if (from) {
                sink_->error(*from, "cannot read `" + path + "`: " + error);
            } else {
                sink_->file_error(path, "cannot read the ruleset: " + error);
            }
            return -1;
        }
    }
    const syntax::SourceFile& file = m_->sources.add(path, std::move(content));
    syntax::ParseOptions parse_options;
    parse_options.skip_tests = !options_.tests;
    auto module = syntax::parse_module(file, *sink_, parse_options);
    int index = static_cast<int>(m_->modules.size());
    m_->modules.push_back(module);
    m_->module_paths.push_back(path);
    module_dirs_.push_back(fs::path(path).parent_path().string());
    loaded_[key] = index;
    loading_.push_back(true);
    registered_.push_back(false);

    if (from && module->kind != expected) {
        sink_->error(*from, expected == syntax::FileKind::Library
                                ? "`" + path + "` is a ruleset; only a library can be imported"
                                : "`" + path + "` is a library; a ruleset can only extend a ruleset");
    }
    std::string full;
    if (module->has_extends && resolve_include(module->extends.path, index, module->extends.span, &full)) {
        load(full, nullptr, &module->extends.span, syntax::FileKind::Ruleset);
    }
    for (const auto& imp : module->imports) {
        if (resolve_include(imp.path, index, imp.span, &full))
            load(full, nullptr, &imp.span, syntax::FileKind::Library);
    }
    loading_[index] = false;
    return index;
}

// Declarations are registered base-first so that an override finds what it replaces, and
// imports before the importing file's own declarations.
void Checker::register_module(uint32_t index) {
    if (registered_[index]) return;
    registered_[index] = true;
    const syntax::Module& mod = *m_->modules[index];
    auto lookup = [&](const std::string& rel) -> int {
        if (fs::path(rel).is_absolute()) return -1;  // refused when loading
        auto it = loaded_.find(canonical(resolved_path(rel, index)));
        return it == loaded_.end() ? -1 : it->second;
    };
    if (mod.has_extends) {
        int base = lookup(mod.extends.path);
        if (base >= 0) {
            base_module_[index] = static_cast<uint32_t>(base);
            register_module(static_cast<uint32_t>(base));
        }
    }
    for (const auto& imp : mod.imports) {
        int lib = lookup(imp.path);
        if (lib >= 0) register_module(static_cast<uint32_t>(lib));
    }
    for (const DeclPtr& d : mod.decls) declare(d, index);
}

std::string Checker::kind_name(SymbolKind k) const {
    switch (k) {
        case SymbolKind::Enum: return "enum";
        case SymbolKind::Record: return "record";
        case SymbolKind::FactGroup: return "group of facts";
        case SymbolKind::Fact: return "fact";
        case SymbolKind::Parameter: return "parameter";
        case SymbolKind::Table: return "table";
        case SymbolKind::Rule: return "rule";
        case SymbolKind::Function: return "function";
        case SymbolKind::Ladder: return "ladder";
        case SymbolKind::Case: return "case";
    }
    return "declaration";
}

// A decision is a rule the ruleset outputs: messages call it what its declaration says.
std::string Checker::kind_name(Symbol s) const {
    const Decl* d = decl_of(s);
    if (d && d->kind == DeclKind::Decision) return "decision";
    return kind_name(s.kind);
}

const Decl* Checker::decl_of(Symbol s) const {
    switch (s.kind) {
        case SymbolKind::Enum: return m_->enums[s.index].origin.decl;
        case SymbolKind::Record: return m_->records[s.index].origin.decl;
        case SymbolKind::Fact: return m_->facts[s.index].origin.decl;
        case SymbolKind::FactGroup: return nullptr;
        case SymbolKind::Parameter: return m_->params[s.index].origin.decl;
        case SymbolKind::Table: return m_->tables[s.index].origin.decl;
        case SymbolKind::Rule: return m_->rules[s.index].origin.decl;
        case SymbolKind::Function: return m_->functions[s.index].origin.decl;
        case SymbolKind::Ladder: return m_->ladders[s.index].origin.decl;
        case SymbolKind::Case: return m_->cases[s.index].origin.decl;
    }
    return nullptr;
}

// The first entries follow the order of `Builtin` (builtin_name); then the aggregates and units.
static const char* const kBuiltinNames[] = {
    "min",
    "max",
    "clamp",
    "abs",
    "floor",
    "ceil",
    "round_down",
    "round_up",
    "round_half_up",
    "round_half_even",
    "percent_points",
    "days_between",
    "months_between",
    "year",
    "month",
    "day",
    "federal_fiscal_year",
    "state_fiscal_year",
    "first_of_month",
    "last_of_month",
    "date",
    "days",
    "weeks",
    "months",
    "years",
    "length",
    "sum",
    "count",
    "all",
    "first",
    "last",
    "cent",
    "dollar",
};

bool is_builtin_name(const std::string& name) {
    for (const char* b : kBuiltinNames) {
        if (name == b) return true;
    }
    return false;
}

const char* builtin_name(Builtin b) { return kBuiltinNames[static_cast<size_t>(b)]; }

// Adds `name`; reports a redefinition. Overrides are handled by the caller before this.
bool Checker::add_symbol(const std::string& name, Symbol s, const Decl* decl, uint32_t module) {
    // a function or table would hide the built-in of the same name in calls
    if ((s.kind == SymbolKind::Function || s.kind == SymbolKind::Table) && is_builtin_name(name)) {
        sink_->error(decl->name_span, "`" + name + "` is the name of a built-in function; choose another name");
        return false;
    }
    if (m_->fact_groups.count(name)) {
        sink_->error(decl->name_span, "`" + name + "` is already the name of a group of facts");
        return false;
    }
    auto [it, inserted] = m_->symbols.emplace(name, s);
    if (!inserted) {
        const Decl* first = decl_of(it->second);
        if (first == decl) return false;  // the same library reached along two import paths
        sink_->error(decl->name_span, "`" + name + "` is already defined" +
                                          (first ? " (as a " + kind_name(it->second) + ")" : std::string()) +
                                          "; to replace an inherited declaration, write `override`");
        if (first) sink_->note(first->name_span, "`" + name + "` is first defined here");
        return false;
    }
    return true;
}

void Checker::declare_fact(const DeclPtr& d, uint32_t module) {
    if (d->kind == DeclKind::FactGroup) {
        for (const DeclPtr& member : d->members) declare_fact(member, module);
        return;
    }
    std::string path;
    for (size_t i = 0; i < d->path.size(); ++i) {
        if (i) path += '.';
        path += d->path[i];
    }
    if (path == "as_of") {
        // as_of is built in; declaring it again (as a date) just documents it
        auto& builtin = m_->facts[0];
        if (builtin.origin.decl == nullptr) builtin.origin = Origin{d.get(), module};
        return;
    }
    // every proper prefix is a group; a fact may not also be a group or a prefix of a fact
    std::string prefix;
    for (size_t i = 0; i + 1 < d->path.size(); ++i) {
        if (i) prefix += '.';
        prefix += d->path[i];
        auto sym = m_->symbols.find(prefix);
        if (sym != m_->symbols.end()) {
            sink_->error(d->name_span, "`" + prefix + "` is already a " + kind_name(sym->second) +
                                           ", so it cannot also be a group of facts");
            return;
        }
        m_->fact_groups[prefix] = true;
    }
    if (m_->fact_groups.count(path)) {
        sink_->error(d->name_span, "`" + path + "` is already a group of facts");
        return;
    }
    FactInfo f;
    f.path = path;
    f.segments = d->path;
    f.origin = Origin{d.get(), module};
    Symbol s{SymbolKind::Fact, static_cast<uint32_t>(m_->facts.size())};
    auto existing = m_->symbols.find(path);
    if (existing != m_->symbols.end()) {
        const Decl* first = decl_of(existing->second);
        if (first == d.get()) return;
        sink_->error(d->name_span, "fact `" + path + "` is already declared; facts cannot be overridden");
        if (first) sink_->note(first->name_span, "first declared here");
        return;
    }
    m_->symbols.emplace(path, s);
    m_->facts.push_back(std::move(f));
}

void Checker::declare(const DeclPtr& dp, uint32_t module) {
    const Decl& d = *dp;
    bool is_library = m_->modules[module]->kind == syntax::FileKind::Library;
    if (is_library && (d.kind == DeclKind::Decision || d.kind == DeclKind::Case || d.kind == DeclKind::Test)) {
        sink_->error(d.span,
                     "a library holds shared definitions only: decisions, cases and tests "
                     "belong in a ruleset");
        return;
    }
    if (d.kind == DeclKind::Fact || d.kind == DeclKind::FactGroup) {
        declare_fact(dp, module);
        return;
    }
    if (d.kind == DeclKind::Test) {
        if (options_.tests && (module == 0 || options_.inherited_tests)) {
            m_->tests.push_back(TestInfo{d.name, Origin{&d, module}, module != 0});
        }
        return;
    }

    SymbolKind kind;
    switch (d.kind) {
        case DeclKind::Enum: kind = SymbolKind::Enum; break;
        case DeclKind::Record: kind = SymbolKind::Record; break;
        case DeclKind::Parameter: kind = SymbolKind::Parameter; break;
        case DeclKind::Table: kind = SymbolKind::Table; break;
        case DeclKind::Rule:
        case DeclKind::Decision: kind = SymbolKind::Rule; break;
        case DeclKind::Function: kind = SymbolKind::Function; break;
        case DeclKind::Ladder: kind = SymbolKind::Ladder; break;
        case DeclKind::Case: kind = SymbolKind::Case; break;
        default: return;
    }

    if (d.is_override) {
        auto it = m_->symbols.find(d.name);
        if (it == m_->symbols.end()) {
            sink_->error(d.name_span, "`override` of `" + d.name +
                                          "`, but nothing of that name is "
                                          "inherited: remove `override` to declare it");
            return;
        }
        Symbol s = it->second;
        const Decl* old = decl_of(s);
        bool same_kind = s.kind == kind && old &&
                         ((d.kind != DeclKind::Decision && d.kind != DeclKind::Rule) || old->kind == d.kind);
        if (!same_kind) {
            std::string old_kind = kind_name(s);
            sink_->error(d.name_span, "`" + d.name + "` is inherited as a " + old_kind +
                                          " and can only be overridden by a " + old_kind);
            if (old) sink_->note(old->name_span, "inherited declaration");
            return;
        }
        Origin origin{&d, module};
        Origin old_origin{old, 0};
        switch (s.kind) {
            case SymbolKind::Parameter: old_origin = m_->params[s.index].origin; break;
            case SymbolKind::Table: old_origin = m_->tables[s.index].origin; break;
            case SymbolKind::Rule: old_origin = m_->rules[s.index].origin; break;
            case SymbolKind::Function: old_origin = m_->functions[s.index].origin; break;
            case SymbolKind::Ladder: old_origin = m_->ladders[s.index].origin; break;
            default: break;
        }
        bool replaced = true;
        switch (s.kind) {
            case SymbolKind::Parameter: m_->params[s.index].origin = origin; break;
            case SymbolKind::Table: m_->tables[s.index].origin = origin; break;
            case SymbolKind::Rule: m_->rules[s.index].origin = origin; break;
            case SymbolKind::Function: m_->functions[s.index].origin = origin; break;
            case SymbolKind::Ladder: m_->ladders[s.index].origin = origin; break;
            default: replaced = false;
        }
        if (!replaced) {
            sink_->error(d.name_span, "a " + kind_name(s.kind) +
                                          " cannot be overridden; only "
                                          "parameters, tables, rules, decisions, functions and ladders can");
            return;
        }
        overridden_[&d] = old_origin;
        return;
    }

    if (kind == SymbolKind::Enum && extend_enum(d, module)) return;

    Origin origin{&d, module};
    uint32_t index = 0;
    switch (kind) {
        case SymbolKind::Enum: index = static_cast<uint32_t>(m_->enums.size()); break;
        case SymbolKind::Record: index = static_cast<uint32_t>(m_->records.size()); break;
        case SymbolKind::Parameter: index = static_cast<uint32_t>(m_->params.size()); break;
        case SymbolKind::Table: index = static_cast<uint32_t>(m_->tables.size()); break;
        case SymbolKind::Rule: index = static_cast<uint32_t>(m_->rules.size()); break;
        case SymbolKind::Function: index = static_cast<uint32_t>(m_->functions.size()); break;
        case SymbolKind::Ladder: index = static_cast<uint32_t>(m_->ladders.size()); break;
        case SymbolKind::Case: index = static_cast<uint32_t>(m_->cases.size()); break;
        default: break;
    }
    if (!add_symbol(d.name, Symbol{kind, index}, &d, module)) return;
    switch (kind) {
        case SymbolKind::Enum: {
            EnumInfo e{d.name, d.enum_values, origin};
            for (size_t i = 0; i < d.enum_values.size(); ++i) {
                for (size_t j = 0; j < i; ++j) {
                    if (d.enum_values[i] == d.enum_values[j]) {
                        sink_->error(d.enum_value_spans[i],
                                     "`" + d.enum_values[i] + "` appears twice in enum `" + d.name + "`");
                    }
                }
                m_->enum_values[d.enum_values[i]].push_back({index, static_cast<uint32_t>(i)});
            }
            m_->enums.push_back(std::move(e));
            m_->types.enumeration(index);
            break;
        }
        case SymbolKind::Record: m_->records.push_back(RecordInfo{d.name, {}, origin}); break;
        case SymbolKind::Parameter: m_->params.push_back(ParamInfo{d.name, 0, {}, origin}); break;
        case SymbolKind::Table: m_->tables.push_back(TableInfo{d.name, {}, {}, 0, 0, kNone, origin}); break;
        case SymbolKind::Rule:
            m_->rules.push_back(RuleInfo{d.name, 0, d.kind == DeclKind::Decision, origin});
            if (d.kind == DeclKind::Decision) m_->decisions.push_back(index);
            break;
        case SymbolKind::Function: m_->functions.push_back(FunctionInfo{d.name, {}, 0, origin}); break;
        case SymbolKind::Ladder: m_->ladders.push_back(LadderInfo{d.name, 0, 0, 0, origin}); break;
        case SymbolKind::Case: m_->cases.push_back(CaseInfo{d.name, origin}); break;
        default: break;
    }
}

bool Checker::extend_enum(const Decl& d, uint32_t module) {
    auto sym = m_->symbols.find(d.name);
    if (sym == m_->symbols.end() || sym->second.kind != SymbolKind::Enum) return false;
    uint32_t index = sym->second.index;
    EnumInfo& e = m_->enums[index];
    // a layer (a ruleset that extends another) may add values to an enum of another file: the
    // base's, or a library's the base (or the layer) imports
    if (!base_module_.count(module) || e.origin.module == module) return false;
    uint32_t first = static_cast<uint32_t>(e.values.size());
    for (size_t i = 0; i < d.enum_values.size(); ++i) {
        const std::string& v = d.enum_values[i];
        auto old = std::find(e.values.begin(), e.values.end(), v);
        if (old != e.values.end()) {
            sink_->error(d.enum_value_spans[i], "`" + v + "` is already a value of enum `" + d.name +
                                                    "`; a layer's `enum " + d.name + " { ... }` adds new values only");
            continue;
        }
        m_->enum_values[v].push_back({index, static_cast<uint32_t>(e.values.size())});
        e.values.push_back(v);
    }
    m_->enum_extensions.push_back(Model::EnumExtension{index, first, Origin{&d, module}});
    return true;
}

TypeId Checker::resolve_type(const syntax::TypeExprPtr& t) {
    if (!t) return m_->types.error();
    switch (t->kind) {
        case syntax::TypeExpr::Kind::List: return m_->types.list(resolve_type(t->element));
        case syntax::TypeExpr::Kind::Optional: {
            TypeId inner = resolve_type(t->element);
            if (m_->types.is_optional(inner)) {
                sink_->error(t->span, "`" + type_name(inner) + "?` is the same as `" + type_name(inner) + "`");
            }
            return m_->types.optional(inner);
        }
        case syntax::TypeExpr::Kind::Named: break;
    }
    static const std::pair<const char*, TypeId> kBasic[] = {
        {"bool", 1}, {"int", 2}, {"decimal", 3}, {"money", 4}, {"percent", 5}, {"date", 6}, {"duration", 7},
    };
    for (const auto& [name, id] : kBasic) {
        if (t->name == name) return id;
    }
    auto it = m_->symbols.find(t->name);
    if (it != m_->symbols.end()) {
        if (it->second.kind == SymbolKind::Enum) return m_->types.enumeration(it->second.index);
        if (it->second.kind == SymbolKind::Record) return m_->types.record(it->second.index);
        // a table with named outputs names the record of one row
        if (it->second.kind == SymbolKind::Table && m_->tables[it->second.index].output_record != kNone) {
            return m_->types.record(m_->tables[it->second.index].output_record);
        }
        sink_->error(t->span, "`" + t->name + "` is a " + kind_name(it->second) + ", not a type");
        return m_->types.error();
    }
    sink_->error(t->span, "unknown type `" + t->name + "`" + suggest(t->name, Wanted::Type));
    return m_->types.error();
}

// Types of every declaration's signature; bodies are checked afterwards, on demand.
void Checker::resolve_signatures() {
    m_->facts[0].type = m_->types.date();
    for (auto& r : m_->records) {
        if (!r.origin.decl) continue;  // built in (the ladder record)
        std::vector<std::string> seen;
        for (const auto& f : r.origin.decl->fields) {
            if (std::find(seen.begin(), seen.end(), f.name) != seen.end()) {
                sink_->error(f.span, "field `" + f.name + "` appears twice in record `" + r.name + "`");
            }
            seen.push_back(f.name);
            r.fields.push_back(FieldInfo{f.name, resolve_type(f.type)});
        }
    }
    for (uint32_t i = 0; i < m_->tables.size(); ++i) {
        TableInfo& t = m_->tables[i];
        const Decl& d = *t.origin.decl;
        for (const auto& p : d.fields) t.inputs.push_back(FieldInfo{p.name, resolve_type(p.type)});
        if (d.outputs.empty()) {
            t.outputs.push_back(FieldInfo{"", resolve_type(d.type)});
            t.row_type = t.outputs[0].type;
        } else {
            RecordInfo rec{t.name, {}, Origin{}};
            for (const auto& o : d.outputs) {
                FieldInfo f{o.name, resolve_type(o.type)};
                t.outputs.push_back(f);
                rec.fields.push_back(f);
            }
            t.output_record = static_cast<uint32_t>(m_->records.size());
            m_->records.push_back(std::move(rec));
            t.row_type = m_->types.record(t.output_record);
        }
        t.result = d.hit == syntax::HitPolicy::Collect ? m_->types.list(t.row_type) : t.row_type;
    }

    for (auto& f : m_->facts) {
        if (f.builtin) continue;
        f.type = resolve_type(f.origin.decl->type);
        // a case is JSON: every fact must have a JSON form (LANGUAGE.md §3)
        std::vector<TypeId> todo{f.type};
        std::vector<TypeId> seen;
        while (!todo.empty()) {
            TypeId t = todo.back();
            todo.pop_back();
            if (std::find(seen.begin(), seen.end(), t) != seen.end()) continue;
            seen.push_back(t);
            TypeKind k = m_->types.kind(t);
            if (k == TypeKind::Duration) {
                sink_->error(f.origin.decl->type->span,
                             "fact `" + f.path +
                                 "` holds a duration, which a case cannot give: "
                                 "use an int count of days or months and `days(n)` or `months(n)`");
                break;
            }
            if (k == TypeKind::List || k == TypeKind::Optional) todo.push_back(m_->types.element(t));
            if (k == TypeKind::Record) {
                for (const auto& field : m_->records[m_->types.get(t).ref].fields) todo.push_back(field.type);
            }
        }
    }
    for (auto& p : m_->params) p.type = resolve_type(p.origin.decl->type);
    for (auto& r : m_->rules) r.type = resolve_type(r.origin.decl->type);
    for (auto& fn : m_->functions) {
        for (const auto& p : fn.origin.decl->fields) fn.params.push_back(FieldInfo{p.name, resolve_type(p.type)});
        fn.result = resolve_type(fn.origin.decl->type);
    }
    // Overrides must keep the signature of what they replace: callers in the base were checked
    // against it.
    for (const auto& [now, old_origin] : overridden_) {
        const Decl* old = old_origin.decl;
        auto sig = [&](const Decl* d) {
            std::string s;
            if (d->type) s += type_name(resolve_type(d->type));
            for (const auto& f : d->fields) s += "," + f.name + ":" + type_name(resolve_type(f.type));
            for (const auto& f : d->outputs) s += ";" + f.name + ":" + type_name(resolve_type(f.type));
            if (d->kind == DeclKind::Table) s += d->hit == syntax::HitPolicy::Collect ? "[collect]" : "";
            return s;
        };
        if (sig(now) != sig(old)) {
            sink_->error(now->name_span, "the override of `" + now->name +
                                             "` must keep the inherited signature (types, parameters and outputs)");
            sink_->note(old->name_span, "inherited declaration");
            // keep the inherited declaration, so its users are not reported again
            Symbol sym = m_->symbols.at(now->name);
            switch (sym.kind) {
                case SymbolKind::Parameter:
                    m_->params[sym.index].origin = old_origin;
                    m_->params[sym.index].type = resolve_type(old->type);
                    break;
                case SymbolKind::Rule:
                    m_->rules[sym.index].origin = old_origin;
                    m_->rules[sym.index].type = resolve_type(old->type);
                    break;
                case SymbolKind::Function: {
                    auto& fn = m_->functions[sym.index];
                    fn.origin = old_origin;
                    fn.params.clear();
                    for (const auto& p : old->fields) fn.params.push_back(FieldInfo{p.name, resolve_type(p.type)});
                    fn.result = resolve_type(old->type);
                    break;
                }
                case SymbolKind::Table: m_->tables[sym.index].origin = old_origin; break;
                case SymbolKind::Ladder: m_->ladders[sym.index].origin = old_origin; break;
                default: break;
            }
        }
    }
}

std::string Checker::suggest(const std::string& name, Wanted wanted) const {
    // the closest symbol by edit distance, when it is close enough to be a typo
    auto distance = [](const std::string& a, const std::string& b) {
        std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
        for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
        for (size_t i = 1; i <= a.size(); ++i) {
            cur[0] = i;
            for (size_t j = 1; j <= b.size(); ++j) {
                cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
            }
            std::swap(prev, cur);
        }
        return prev[b.size()];
    };
    std::string best;
    size_t best_d = std::max<size_t>(2, name.size() / 4) + 1;
    auto consider = [&](const std::string& candidate) {
        size_t dist = distance(name, candidate);
        if (dist < best_d || (dist == best_d && !best.empty() && candidate < best)) {
            if (dist < best_d) best_d = dist;
            best = candidate;
        }
    };
    auto wants = [wanted](SymbolKind k) {
        switch (wanted) {
            case Wanted::Anything: return true;
            case Wanted::Value:
                return k == SymbolKind::Fact || k == SymbolKind::Parameter || k == SymbolKind::Rule ||
                       k == SymbolKind::Ladder;
            case Wanted::Callable: return k == SymbolKind::Function || k == SymbolKind::Table;
            case Wanted::Type: return k == SymbolKind::Enum || k == SymbolKind::Record;
            case Wanted::Case: return k == SymbolKind::Case;
            case Wanted::Fact: return k == SymbolKind::Fact;
        }
        return true;
    };
    for (const auto& [n, s] : m_->symbols) {
        if (wants(s.kind)) consider(n);
    }
    if (wanted == Wanted::Anything || wanted == Wanted::Value) {
        for (const auto& [n, g] : m_->fact_groups) consider(n);
        for (const auto& [n, e] : m_->enum_values) consider(n);
    }
    return best.empty() ? "" : " (did you mean `" + best + "`?)";
}

// ---- entry points ------------------------------------------------------------------------------

std::shared_ptr<const Model> Checker::run(const std::string& path, const std::string* text) {
    FactInfo as_of;
    as_of.path = "as_of";
    as_of.segments = {"as_of"};
    as_of.builtin = true;
    m_->facts.push_back(as_of);
    m_->symbols.emplace("as_of", Symbol{SymbolKind::Fact, 0});
    // the record every ladder produces (LANGUAGE.md §8)
    {
        RecordInfo ladder{"Ladder", {}, Origin{}};
        TypeId opt_date = m_->types.optional(m_->types.date());
        ladder.fields = {{"level", m_->types.integer()},
                         {"percent", m_->types.percent()},
                         {"level_started", opt_date},
                         {"level_ends", opt_date},
                         {"episode_start", opt_date}};
        m_->records.push_back(std::move(ladder));
        m_->ladder_type = m_->types.record(0);
    }

    int root = load(path, text, nullptr, syntax::FileKind::Ruleset);
    if (root < 0) {
        *out_ = sink_->take();
        return nullptr;
    }
    const syntax::Module& mod = *m_->modules[0];
    m_->name = mod.name;
    m_->title = mod.title;
    if (mod.kind == syntax::FileKind::Library) {
        sink_->error(mod.header_span, "`" + path + "` is a library: check or run a ruleset that imports it");
    }
    // one entry per expression node: roughly one per four bytes of source; reserving avoids
    // rehashing a large table over and over as big rulesets are checked
    size_t bytes = 0;
    for (size_t i = 0; i < m_->sources.size(); ++i) bytes += m_->sources.file(static_cast<uint32_t>(i)).text().size();
    m_->info.reserve(bytes / 4);
    register_module(0);
    resolve_signatures();
    check_declarations();
    check_parameter_values();
    check_cases_and_tests();
    if (!sink_->has_errors()) {
        for (uint32_t i = 0; i < m_->tables.size(); ++i) analyse_table(i);
        check_extended_enums();
    }
    if (!sink_->has_errors() && options_.warnings) lint();

    bool ok = !sink_->has_errors();
    std::vector<Diagnostic> diags = sink_->take();
    // file order (root first, then as loaded), then position
    std::unordered_map<std::string, size_t> file_rank;
    for (size_t i = 0; i < m_->sources.size(); ++i)
        file_rank.emplace(m_->sources.file(static_cast<uint32_t>(i)).path(), i);
    auto rank = [&](const Diagnostic& d) {
        auto it = file_rank.find(d.file);
        return it == file_rank.end() ? m_->sources.size() : it->second;
    };
    std::stable_sort(diags.begin(), diags.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        size_t ra = rank(a), rb = rank(b);
        if (ra != rb) return ra < rb;
        return a.offset < b.offset;
    });
    for (auto& d : diags) {
        if (!options_.warnings && d.severity == Severity::Warning) continue;
        out_->push_back(std::move(d));
    }
    if (!ok && !options_.keep_model_with_errors) return nullptr;
    return m_;
}

std::shared_ptr<const Model> check_file(const std::string& path, std::vector<Diagnostic>* diags,
                                        const CheckOptions& options) {
    Checker c(options, diags);
    return c.run(path, nullptr);
}

std::shared_ptr<const Model> check_source(const std::string& path, std::string text, std::vector<Diagnostic>* diags,
                                          const CheckOptions& options) {
    Checker c(options, diags);
    return c.run(path, &text);
}

}  // namespace tenet::check
