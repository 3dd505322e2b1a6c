// Interned types.
#include "check/types.hpp"

namespace tenet::check {

TypeTable::TypeTable() {
    // The fixed ids returned by the accessors in types.hpp, in order.
    for (TypeKind k :
         {TypeKind::Error, TypeKind::Bool, TypeKind::Int, TypeKind::Decimal, TypeKind::Money, TypeKind::Percent,
          TypeKind::Date, TypeKind::Duration, TypeKind::None, TypeKind::EmptyList, TypeKind::Unit}) {
        types_.push_back(Type{k, 0});
    }
}

TypeId TypeTable::intern(Type t) {
    for (TypeId i = 0; i < types_.size(); ++i) {
        if (types_[i].kind == t.kind && types_[i].ref == t.ref) return i;
    }
    types_.push_back(t);
    return static_cast<TypeId>(types_.size() - 1);
}

TypeId TypeTable::enumeration(uint32_t index) { return intern(Type{TypeKind::Enum, index}); }
TypeId TypeTable::record(uint32_t index) { return intern(Type{TypeKind::Record, index}); }
TypeId TypeTable::list(TypeId element) { return intern(Type{TypeKind::List, element}); }

TypeId TypeTable::optional(TypeId element) {
    if (is_optional(element) || element == error()) return element;
    return intern(Type{TypeKind::Optional, element});
}

bool TypeTable::is_numeric(TypeId id) const {
    switch (kind(id)) {
        case TypeKind::Int:
        case TypeKind::Decimal:
        case TypeKind::Money:
        case TypeKind::Percent: return true;
        default: return false;
    }
}

}  // namespace tenet::check
