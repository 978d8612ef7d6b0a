#pragma once
// Roles a user holds in a project, ordered: each role can do everything the roles below it can.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cc {

enum class Role { Viewer = 1, Member = 2, Admin = 3, Owner = 4 };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
const std::vector<std::string>& role_names();
inline bool at_least(Role held, Role required) {
  return static_cast<int>(held) >= static_cast<int>(required);
}

}  // namespace cc
