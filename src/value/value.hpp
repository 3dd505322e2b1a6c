// Run-time values.
//
// Exports: ValueKind, State, Duration, Value, Cell, ListRef, and the Arena that owns the lists
// and records built while evaluating a case. Values are untagged: the checker has typed every
// expression, so the graph knows the kind of every slot and no value carries its type. A Value
// is 16 bytes and trivially copyable; lists and records point into an arena (the case's, the
// program's constants, or the evaluation frame's), which must outlive them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include "util/date.hpp"
#include "util/rational.hpp"

namespace tenet::eval {

enum class ValueKind : uint8_t { Bool, Int, Number, Date, Duration, Enum, Record, List };

// The state of a computed value. None is the absent value of an optional type (a legitimate
// value); Missing means a fact it needs is not in the case; Error means evaluation failed.
enum class State : uint8_t { Ok, None, Missing, Error };

struct Duration {
    int64_t count;
    bool months;  // true: calendar months (years are 12); false: days (weeks are 7)
};

struct Cell;

struct ListRef {
    const Cell* items;
    uint32_t size;
};

union Value {
    bool b;
    int64_t i;
    util::Rational r;  // decimal, money and percent (a percent as its fraction: 25% = 1/4)
    util::Days d;
    Duration dur;
    uint32_t e;       // enum value index
    const Cell* rec;  // record: its fields in declaration order
    ListRef list;

    Value() : r{0, 1} {}
    static Value of_bool(bool v) {
        Value x;
        x.b = v;
        return x;
    }
    static Value of_int(int64_t v) {
        Value x;
        x.i = v;
        return x;
    }
    static Value of_number(util::Rational v) {
        Value x;
        x.r = v;
        return x;
    }
    static Value of_date(util::Days v) {
        Value x;
        x.d = v;
        return x;
    }
    static Value of_duration(Duration v) {
        Value x;
        x.dur = v;
        return x;
    }
    static Value of_enum(uint32_t v) {
        Value x;
        x.e = v;
        return x;
    }
    static Value of_record(const Cell* v) {
        Value x;
        x.rec = v;
        return x;
    }
    static Value of_list(const Cell* items, uint32_t n) {
        Value x;
        x.list = ListRef{items, n};
        return x;
    }
};

// A field of a record or an element of a list: a value, or none for an optional one.
struct Cell {
    Value v;
    State s = State::Ok;  // Ok or None
};

// A bump allocator for cells. Reset keeps the first block, so an evaluation frame that is reset
// between cases allocates nothing once it has grown to its working size.
class Arena {
public:
    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    Arena(Arena&&) = default;
    Arena& operator=(Arena&&) = default;

    Cell* cells(size_t n) {
        if (n == 0) return nullptr;
        if (blocks_.empty() || used_ + n > blocks_[current_].size) grow(n);
        Cell* p = blocks_[current_].data.get() + used_;
        used_ += n;
        for (size_t i = 0; i < n; ++i) p[i] = Cell{};
        return p;
    }

    void reset() {
        current_ = 0;
        used_ = 0;
    }

    size_t bytes_reserved() const {
        size_t total = 0;
        for (const auto& b : blocks_) total += b.size * sizeof(Cell);
        return total;
    }

private:
    struct Block {
        std::unique_ptr<Cell[]> data;
        size_t size;
    };
    void grow(size_t n) {
        // reuse a later block kept from an earlier, larger evaluation
        while (current_ + 1 < blocks_.size()) {
            ++current_;
            used_ = 0;
            if (blocks_[current_].size >= n) return;
        }
        size_t size = blocks_.empty() ? 256 : blocks_.back().size * 2;
        while (size < n) size *= 2;
        blocks_.push_back(Block{std::unique_ptr<Cell[]>(new Cell[size]), size});
        current_ = blocks_.size() - 1;
        used_ = 0;
    }

    std::vector<Block> blocks_;
    size_t current_ = 0;
    size_t used_ = 0;
};

}  // namespace tenet::eval
