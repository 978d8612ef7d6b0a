#pragma once
// The columns a create or update request sets, converted from a validated JSON body by its ObjectSpec.
// Repositories turn them into INSERT/UPDATE statements over an allow-list of columns.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace cc {

using FieldValue = std::variant<std::nullptr_t, std::int64_t, double, bool, std::string, Timestamp>;

class FieldChanges {
 public:
  // Takes every member of `body` that `spec` declares, except those in `skip`.
  static FieldChanges from_json(const validation::ObjectSpec& spec, const boost::json::object& body,
                                std::initializer_list<std::string_view> skip = {});

  void set(std::string column, FieldValue value);
  void erase(std::string_view column);
  bool has(std::string_view column) const;
  const FieldValue* find(std::string_view column) const;
  std::optional<std::string> string(std::string_view column) const;
  bool empty() const { return values_.empty(); }
  const std::vector<std::pair<std::string, FieldValue>>& values() const { return values_; }

 private:
  std::vector<std::pair<std::string, FieldValue>> values_;
};

}  // namespace cc
