#pragma once
// Projects and their members. The creator of a project is its owner; the last owner cannot leave or be
// demoted; only owners grant or change the owner role.
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/entities.hpp"
#include "domain/field_changes.hpp"
#include "domain/pagination.hpp"
#include "storage/file_store.hpp"

namespace cc::events {
class EventBus;
}

namespace cc::services {

struct AddMemberInput {
  std::optional<std::string> email;
  std::optional<std::int64_t> user_id;
  Role role = Role::Member;
};

struct AddedMember {
  Member member;
  std::optional<std::string>
      invite_token;  // set when the email had no account: give it to the person invited
  std::optional<Timestamp> invite_expires_at;
};

class ProjectService {
 public:
  // `files` holds the project's uploaded documents, removed with the project. `events` (may be null) hears
  // of removed members and deleted projects, so that their live connections can end.
  ProjectService(db::Database& db, storage::FileStore& files, events::EventBus* events = nullptr)
      : db_(db), files_(files), events_(events) {}

  Project create(const auth::Principal& principal, const FieldChanges& fields, const auth::Actor& actor);
  Page<Project> list(const auth::Principal& principal, const PageRequest& page);
  Project get(const auth::ProjectScope& scope);
  std::pair<Project, ProjectStats> stats(const auth::ProjectScope& scope);
  Project update(const auth::ProjectScope& scope, const FieldChanges& fields,
                 const std::optional<std::string>& if_match, const auth::Actor& actor);
  void remove(const auth::ProjectScope& scope, const std::optional<std::string>& if_match,
              const auth::Actor& actor);

  std::vector<Member> members(const auth::ProjectScope& scope);
  AddedMember add_member(const auth::ProjectScope& scope, const AddMemberInput& input,
                         const auth::Actor& actor);
  Member change_role(const auth::ProjectScope& scope, std::int64_t user_id, Role role,
                     const auth::Actor& actor);
  void remove_member(const auth::ProjectScope& scope, std::int64_t caller_id, std::int64_t user_id,
                     const auth::Actor& actor);

 private:
  db::Database& db_;
  storage::FileStore& files_;
  events::EventBus* events_;
};

std::string project_etag(const Project& p);

}  // namespace cc::services
