// The parser's entry point: the header of a file (§2: ruleset|library NAME ["title"], then
// extends, import and valid from in any order), then its declarations one at a time, each tried
// against every kind (with `override`, §2). A syntax error is reported with its position and the
// parser resumes at the next line that starts a declaration, so one run reports one error per
// broken declaration. The declaration kinds are defined in the units named in rules.hpp.

// clang-format off: Spirit X3 rules are laid out by hand, as a grammar is (an alternative or a
// step of a sequence a line, semantic actions under what they act on); a C++ layout flattens them.

#include <cstring>
#include <functional>

#include "syntax/grammar/directives.hpp"
#include "syntax/grammar/recovery.hpp"
#include "syntax/grammar/rules.hpp"
#include "util/stack.hpp"

namespace tenet::syntax {
namespace grammar {
namespace {

x3::rule<class dotted_class, std::vector<Ident>> const dotted_name = "a dotted name";
x3::rule<class header_class> const header = "the header";
x3::rule<class declaration_class, DeclPtr> const declaration = "a declaration";
x3::rule<class decl_kinds_class, DeclPtr> const decl_kinds = "a declaration";

// ---- §2 the header -------------------------------------------------------------------------------

auto const dotted_name_def = ident >> *(x3::lit('.') >> name_p("a name after '.'"));

auto header_kind(FileKind kind) {
    return [kind](auto& ctx) {
        State& s = state_of(ctx);
        s.module->kind = kind;
        s.decl_word = kind == FileKind::Ruleset ? "ruleset" : "library";
    };
}

auto const header_def =
    here[([](auto& ctx) {
        State& s = state_of(ctx);
        s.module->header_span = s.span(x3::_attr(ctx), x3::_attr(ctx));
    })] >>
    (kw("ruleset")[header_kind(FileKind::Ruleset)] | kw("library")[header_kind(FileKind::Library)]) >>
    expect("the name of the {kw}, such as `colorado.works`")[dotted_name][([](auto& ctx) {
        State& s = state_of(ctx);
        std::string name;
        for (const Ident& id : x3::_attr(ctx)) name += (name.empty() ? "" : ".") + id.text;
        s.module->name = std::move(name);
        s.module->header_span.end = x3::_attr(ctx).back().span.end;
    })] >>
    -str[([](auto& ctx) {
        State& s = state_of(ctx);
        s.module->title = std::move(x3::_attr(ctx).text);
        s.module->header_span.end = x3::_attr(ctx).span.end;
    })] >>
    *((here >> kw("extends") >> expect("a quoted path after `extends`")[str])[([](auto& ctx) {
          Module& m = *state_of(ctx).module;
          if (m.has_extends) {
              fail(at_c<0>(x3::_attr(ctx)), "a file extends at most one base ruleset");
          }
          m.has_extends = true;
          m.extends = ImportRef{std::move(at_c<1>(x3::_attr(ctx)).text), at_c<1>(x3::_attr(ctx)).span};
      })] |
      (kw("import") >> expect("a quoted path after `import`")[str])[([](auto& ctx) {
          Str& s = x3::_attr(ctx);
          state_of(ctx).module->imports.push_back(ImportRef{std::move(s.text), s.span});
      })] |
      // `valid from D [until E]`: the days the ruleset answers for (time gaps are checked inside)
      (here >> kw("valid") >> expect("`from` after `valid`")[kw("from")] >>
       expect("a date after `valid from`")[date_literal])[([](auto& ctx) {
          State& s = state_of(ctx);
          Module& m = *s.module;
          if (m.valid_from) fail(at_c<0>(x3::_attr(ctx)), "a file says `valid from` at most once");
          m.valid_from = std::move(at_c<1>(x3::_attr(ctx)));
          m.validity_span = s.span(at_c<0>(x3::_attr(ctx)), at_c<0>(x3::_attr(ctx)));
          m.validity_span.end = m.valid_from->span.end;
      })] >>
          -(kw("until") >> expect("a date after `until`")[date_literal])[([](auto& ctx) {
              Module& m = *state_of(ctx).module;
              m.valid_until = std::move(x3::_attr(ctx));
              m.validity_span.end = m.valid_until->span.end;
          })]);

// ---- any declaration, with `override` (§2) ------------------------------------------------------

auto const decl_kinds_def = enum_decl | record_decl | facts_decl | fact_decl | parameter_decl | table_decl | rule_decl |
                            function_decl | ladder_decl | case_decl | test_decl;

auto const declaration_def =
    spanned[(here >> kw("override") >>
             expect("a parameter, table, rule, decision, function or ladder after `override`")[decl_kinds])[(
                [](auto& ctx) {
                    DeclPtr d = at_c<1>(x3::_attr(ctx));
                    switch (d->kind) {
                        case DeclKind::Parameter:
                        case DeclKind::Table:
                        case DeclKind::Rule:
                        case DeclKind::Decision:
                        case DeclKind::Function:
                        case DeclKind::Ladder: break;
                        default:
                            fail(at_c<0>(x3::_attr(ctx)),
                                 "`override` applies only to parameters, tables, rules, "
                                 "decisions, functions and ladders");
                    }
                    d->is_override = true;
                    x3::_val(ctx) = std::move(d);
                })] |
            decl_kinds[([](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); })]];

BOOST_SPIRIT_DEFINE(dotted_name, header, declaration, decl_kinds)

// ---- the driver: header, then declarations one at a time, with error recovery --------------------

// The lowest stack address the parser may use, leaving room for the work between two nesting
// checks and for error reporting; 0 when the platform does not say.
uintptr_t stack_floor() { return util::stack_floor(24 * 1024); }

class Driver {
public:
    Driver(const SourceFile& file, DiagnosticSink& sink, Module& module, bool skip_tests)
        : file_(file),
          sink_(sink),
          begin_(file.text().data()),
          end_(begin_ + file.text().size()),
          skip_tests_(skip_tests) {
        state_.base = begin_;
        state_.file = file.id();
        state_.module = &module;
        state_.stack_floor = stack_floor();
        module_ = &module;
    }

    void run() {
        It p = begin_;
        if (end_ - p >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;  // a byte order mark
        p = skip_ws(p, end_);
        if (word_at(p, end_, "ruleset") || word_at(p, end_, "library")) {
            It start = p;
            try {
                x3::phrase_parse(p, end_, x3::with<state_tag>(std::ref(state_))[header], skipper_parser{});
            } catch (const SyntaxError& e) {
                report(e.where, e.message);
                p = recover(start, begin_, end_);
            }
        } else {
            report(p, "expected `ruleset NAME` or `library NAME` at the start of the file");
        }
        for (;;) {
            p = skip_ws(p, end_);
            if (p == end_) break;
            if (skip_tests_ && (word_at(p, end_, "test") || word_at(p, end_, "case"))) {
                if (It after = past_braces(p, end_)) {
                    p = after;
                    continue;
                }
            }
            p = declaration_at(p);
        }
    }

private:
    // Parses the declaration at p; returns where to go on.
    It declaration_at(It p) {
        state_.depth = 0;
        state_.heights.clear();
        state_.decl_word.clear();
        state_.decl_name.clear();
        It start = p;
        DeclPtr decl;
        try {
            if (x3::phrase_parse(p, end_, x3::with<state_tag>(std::ref(state_))[declaration], skipper_parser{}, decl)) {
                set_docs(*decl, begin_);
                module_->decls.push_back(std::move(decl));
                return p;
            }
            report(start, not_a_declaration(start));
        } catch (const SyntaxError& e) {
            report(e.where, e.message);
        } catch (const x3::expectation_failure<It>& e) {  // not used by this grammar; kept safe
            report(e.where(), "expected " + e.which());
        }
        return recover(start, begin_, end_);
    }

    std::string not_a_declaration(It p) const {
        for (const char* w : {"extends", "import"}) {
            if (word_at(p, end_, w)) {
                return std::string("`") + w + "` must come right after the `ruleset` or `library` line";
            }
        }
        if (word_at(p, end_, "ruleset") || word_at(p, end_, "library")) {
            return "a file has one `ruleset` or `library` line, at its start";
        }
        return "expected a declaration (enum, record, fact, facts, parameter, table, rule, "
               "decision, function, ladder, case or test)";
    }

    void report(It where, const std::string& message) {
        // At the end of the file there is no token to point at: point just after the last one.
        if (where == end_) {
            while (where != begin_ && is_space(where[-1])) --where;
        }
        uint32_t at = state_.off(where);
        sink_.error(Span{file_.id(), at, at}, message);
    }

    const SourceFile& file_;
    DiagnosticSink& sink_;
    It begin_;
    It end_;
    bool skip_tests_;
    State state_;
    Module* module_ = nullptr;
};

}  // namespace
}  // namespace grammar

std::shared_ptr<Module> parse_module(const SourceFile& file, DiagnosticSink& sink, const ParseOptions& options) {
    auto module = std::make_shared<Module>();
    const std::string& text = file.text();
    if (text.size() > kMaxSourceBytes) {
        sink.file_error(file.path(), "ruleset is larger than 1 MiB (the limit)");
        return module;
    }
    size_t bad = util::find_invalid_utf8(text);
    if (bad != util::kValidUtf8) {
        static const char kHex[] = "0123456789abcdef";
        unsigned char byte = static_cast<unsigned char>(text[bad]);
        std::string message = "invalid UTF-8 byte 0x";
        message += kHex[byte >> 4];
        message += kHex[byte & 15];
        sink.error(Span{file.id(), static_cast<uint32_t>(bad), static_cast<uint32_t>(bad + 1)}, message);
        return module;
    }
    grammar::Driver(file, sink, *module, options.skip_tests).run();
    return module;
}

std::shared_ptr<Module> parse_module(const SourceFile& file, DiagnosticSink& sink) {
    return parse_module(file, sink, ParseOptions{});
}

}  // namespace tenet::syntax
