// Random well-typed rulesets and cases for differential testing.
//
// Exports: Entropy (a seeded generator, or the bytes of a fuzz input), Generator.
// Every generated ruleset declares the same facts (every scalar type, optionals, lists of
// records), effective-dated parameters, a sanction ladder, tables under each hit policy and a
// function, then random rules: arithmetic, comparisons, if, min/max/clamp, rounding, dates and
// durations, aggregates with filters and windows, collect, limit, optional values. Expressions
// are built by type, so the checker accepts them (a rejected ruleset is a generator bug, counted
// by the drivers). Literals and fact values reach the edges on purpose: overflow, division by
// zero, dates past 2299, `forever`, missing facts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tenet::differential {

class Entropy {
public:
    explicit Entropy(uint64_t seed) : state_(seed) {}
    // The fuzz input drives every choice; past its end, choices are the smallest.
    Entropy(const uint8_t* data, size_t size) : data_(data), size_(size), from_bytes_(true) {}
    // A number in [0, bound).
    uint64_t below(uint64_t bound);
    bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }
    int64_t between(int64_t low, int64_t high) {
        return low + static_cast<int64_t>(below(static_cast<uint64_t>(high - low) + 1));
    }

private:
    uint64_t state_ = 0;
    const uint8_t* data_ = nullptr;
    size_t size_ = 0, pos_ = 0;
    bool from_bytes_ = false;
};

class Generator {
public:
    explicit Generator(Entropy& entropy) : r_(entropy) {}
    // A ruleset with `rules` random rules (and a few decisions over them).
    std::string ruleset(int rules);
    // A JSON case for any generated ruleset.
    std::string case_json();

private:
    enum class Ty { Int, Decimal, Money, Percent, Date, Duration, Bool, Color };
    struct Local {
        std::string name;
        Ty type;
        bool optional;
    };
    std::string expr(Ty t, int depth);
    std::string leaf(Ty t);
    std::string literal(Ty t);
    std::string condition(int depth);
    std::string aggregate(Ty t, int depth);
    std::string date_text();
    std::string pick_rule(Ty t);

    Entropy& r_;
    struct Rule {
        std::string name;
        Ty type;
    };
    std::vector<Rule> rules_;
    std::vector<Local> locals_;
    int fresh_ = 0;
    // This rule tests optional facts with `is present` (which narrows them in the rest of an `and`
    // chain and in `then`), so it must not also read them with `otherwise`.
    bool narrowing_ = false;
    // A narrowed fact is no longer optional, and testing it again is an error: one test per
    // optional fact and rule.
    std::vector<std::string> tested_;
    bool test_once(const std::string& fact);
};

}  // namespace tenet::differential
