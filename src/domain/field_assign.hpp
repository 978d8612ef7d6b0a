#pragma once
// Assigning validated field values (FieldChanges) to entity members, shared by every entity's apply_changes.
#include <optional>
#include <type_traits>
#include <variant>

#include "domain/field_changes.hpp"

namespace cc::field_assign {

// An optional member: null clears it.
template <class T>
void assign(std::optional<T>& target, const FieldValue& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) {
    target.reset();
  } else if constexpr (std::is_same_v<T, double>) {
    if (const auto* d = std::get_if<double>(&v)) target = *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) target = static_cast<double>(*i);
  } else if (const auto* value = std::get_if<T>(&v)) {
    target = *value;
  }
}

// A required member: the spec refuses null, so only a value of the right type can arrive.
template <class T>
void assign_required(T& target, const FieldValue& v) {
  if (const auto* value = std::get_if<T>(&v)) target = *value;
}

}  // namespace cc::field_assign
