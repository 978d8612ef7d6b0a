#include "domain/field_changes.hpp"

#include <algorithm>

#include "core/json_writer.hpp"

namespace cc {

FieldChanges FieldChanges::from_json(const validation::ObjectSpec& spec, const boost::json::object& body,
                                     std::initializer_list<std::string_view> skip) {
  using validation::Type;
  FieldChanges out;
  for (const auto& member : body) {
    std::string_view name = member.key();
    if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
    const auto* field = spec.find(name);
    if (!field) continue;
    const auto& v = member.value();
    if (v.is_null()) {
      out.set(std::string(name), nullptr);
      continue;
    }
    switch (field->type) {
      case Type::Integer:
        out.set(std::string(name), v.as_int64());
        break;
      case Type::Number:
        out.set(std::string(name), v.to_number<double>());
        break;
      case Type::Boolean:
        out.set(std::string(name), v.as_bool());
        break;
      case Type::DateTime:
        out.set(std::string(name), *parse_rfc3339(v.as_string()));
        break;
      case Type::Object:
      case Type::ObjectArray:
      case Type::StringArray:
        out.set(std::string(name), to_json_string(v));
        break;
      default:
        out.set(std::string(name), std::string(v.as_string()));
        break;
    }
  }
  return out;
}

void FieldChanges::set(std::string column, FieldValue value) {
  for (auto& [name, existing] : values_) {
    if (name == column) {
      existing = std::move(value);
      return;
    }
  }
  values_.emplace_back(std::move(column), std::move(value));
}

void FieldChanges::erase(std::string_view column) {
  std::erase_if(values_, [&](const auto& entry) { return entry.first == column; });
}

bool FieldChanges::has(std::string_view column) const {
  return find(column) != nullptr;
}

const FieldValue* FieldChanges::find(std::string_view column) const {
  for (const auto& [name, value] : values_) {
    if (name == column) return &value;
  }
  return nullptr;
}

std::optional<std::string> FieldChanges::string(std::string_view column) const {
  const auto* v = find(column);
  if (!v) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  return std::nullopt;
}

}  // namespace cc
