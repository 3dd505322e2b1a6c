// Types of the Tenet language, interned.
//
// Exports: TypeKind, Type, TypeId, TypeTable. A TypeId is a small integer; equal ids mean equal
// types, so the checker compares types with ==. Enum and record types point into the model's
// enum and record lists by index.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tenet::check {

using TypeId = uint32_t;

enum class TypeKind : uint8_t {
    Error,  // the type of an expression that already failed to check: never reported again
    Bool,
    Int,
    Decimal,
    Money,
    Percent,
    Date,
    Duration,
    Enum,
    Record,
    List,
    Optional,
    None,       // the literal `none` before context gives it a type
    EmptyList,  // the literal `[]` before context gives it a type
    Unit,       // `cent` / `dollar` in rounding calls
};

struct Type {
    TypeKind kind = TypeKind::Error;
    uint32_t ref = 0;  // Enum/Record: index into the model's lists; List/Optional: element TypeId
};

class TypeTable {
public:
    TypeTable();

    TypeId error() const { return 0; }
    TypeId boolean() const { return 1; }
    TypeId integer() const { return 2; }
    TypeId decimal() const { return 3; }
    TypeId money() const { return 4; }
    TypeId percent() const { return 5; }
    TypeId date() const { return 6; }
    TypeId duration() const { return 7; }
    TypeId none() const { return 8; }
    TypeId empty_list() const { return 9; }
    TypeId unit() const { return 10; }

    TypeId enumeration(uint32_t index);
    TypeId record(uint32_t index);
    TypeId list(TypeId element);
    TypeId optional(TypeId element);  // optional(optional(T)) == optional(T)

    bool known(TypeId id) const { return id < types_.size(); }
    const Type& get(TypeId id) const { return types_[id]; }
    TypeKind kind(TypeId id) const { return types_[id].kind; }
    bool is_optional(TypeId id) const { return kind(id) == TypeKind::Optional; }
    bool is_list(TypeId id) const { return kind(id) == TypeKind::List; }
    // The element of a list or optional type.
    TypeId element(TypeId id) const { return types_[id].ref; }
    // T for T?, otherwise id itself.
    TypeId strip_optional(TypeId id) const { return is_optional(id) ? element(id) : id; }
    bool is_numeric(TypeId id) const;  // int, decimal, money, percent

private:
    TypeId intern(Type t);
    std::vector<Type> types_;
};

}  // namespace tenet::check
