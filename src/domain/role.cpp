#include "domain/role.hpp"

namespace cc {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::Viewer:
      return "viewer";
    case Role::Member:
      return "member";
    case Role::Admin:
      return "admin";
    case Role::Owner:
      return "owner";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "viewer") return Role::Viewer;
  if (text == "member") return Role::Member;
  if (text == "admin") return Role::Admin;
  if (text == "owner") return Role::Owner;
  return std::nullopt;
}

const std::vector<std::string>& role_names() {
  static const std::vector<std::string> names = {"owner", "admin", "member", "viewer"};
  return names;
}

}  // namespace cc
