#include "services/project_service.hpp"

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/etag.hpp"
#include "core/json_writer.hpp"
#include "repositories/audit_repository.hpp"
#include "repositories/project_repository.hpp"
#include "repositories/research_task_repository.hpp"
#include "repositories/user_repository.hpp"
#include "services/change_events.hpp"

namespace cc::services {

using repositories::AuditRepository;
using repositories::MemberRepository;
using repositories::ProjectRepository;
using repositories::UserRepository;

namespace {

constexpr auto kInviteLifetime = std::chrono::hours(24 * 7);

template <class T>
std::string to_json(const T& value) {
  JsonWriter w;
  write_json(w, value);
  return w.take();
}

void apply(Project& p, const FieldChanges& fields) {
  if (auto v = fields.string("name")) p.name = *v;
  if (auto v = fields.string("owner")) p.owner = *v;
  if (const auto* v = fields.find("description")) {
    if (const auto* s = std::get_if<std::string>(v)) {
      p.description = *s;
    } else {
      p.description.reset();
    }
  }
}

Error name_taken(const Project& p) {
  return Error::conflict(fmt::format("A project named '{}' already exists for owner '{}'", p.name, p.owner));
}

}  // namespace

std::string project_etag(const Project& p) {
  return fmt::format("\"p{}v{}\"", p.id, p.version);
}

Project ProjectService::create(const auth::Principal& principal, const FieldChanges& fields,
                               const auth::Actor& actor) {
  if (principal.kind == auth::Principal::Kind::ApiKey) {
    throw Error::forbidden("API keys are bound to one project and cannot create projects");
  }
  Project p;
  apply(p, fields);
  if (p.owner.empty()) p.owner = principal.email;
  try {
    return db_.write([&](db::Tx& tx) {
      if (ProjectRepository::find_by_owner_and_name(tx, p.owner, p.name)) throw name_taken(p);
      p.created_at = p.updated_at = now();
      p.id = ProjectRepository::insert(tx, p);
      p.role = Role::Owner;
      MemberRepository::insert(tx, p.id, principal.user_id, Role::Owner, p.created_at);
      UserRepository::set_default_project_if_unset(tx, principal.user_id, p.id);
      AuditRepository::record(tx, actor, p.id, "project", std::to_string(p.id), "create", std::nullopt,
                              to_json(p));
      return p;
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::UniqueViolation) throw name_taken(p);
    throw;
  }
}

Page<Project> ProjectService::list(const auth::Principal& principal, const PageRequest& page) {
  auto result =
      db_.read([&](db::Tx& tx) { return ProjectRepository::list_for_user(tx, principal.user_id, page); });
  if (principal.api_key_project_id) {
    // A key sees only the project it is bound to.
    std::erase_if(result.items, [&](const Project& p) { return p.id != *principal.api_key_project_id; });
    result.total = static_cast<std::int64_t>(result.items.size());
  }
  return result;
}

Project ProjectService::get(const auth::ProjectScope& scope) {
  auto p = db_.read([&](db::Tx& tx) { return ProjectRepository::find(tx, scope.project_id); });
  if (!p) throw Error::not_found("Project", std::to_string(scope.project_id));
  p->role = scope.role;
  return *p;
}

std::pair<Project, ProjectStats> ProjectService::stats(const auth::ProjectScope& scope) {
  return db_.read([&](db::Tx& tx) {
    auto p = ProjectRepository::find(tx, scope.project_id);
    if (!p) throw Error::not_found("Project", std::to_string(scope.project_id));
    p->role = scope.role;
    return std::make_pair(*p, ProjectRepository::stats(tx, scope.project_id));
  });
}

Project ProjectService::update(const auth::ProjectScope& scope, const FieldChanges& fields,
                               const std::optional<std::string>& if_match, const auth::Actor& actor) {
  Project updated;
  try {
    return db_.write([&](db::Tx& tx) {
      auto current = ProjectRepository::find(tx, scope.project_id);
      if (!current) throw Error::not_found("Project", std::to_string(scope.project_id));
      if (if_match && !if_match_satisfied(*if_match, project_etag(*current)))
        throw Error::precondition_failed();
      updated = *current;
      apply(updated, fields);
      if ((updated.name != current->name || updated.owner != current->owner)) {
        auto clash = ProjectRepository::find_by_owner_and_name(tx, updated.owner, updated.name);
        if (clash && clash->id != current->id) throw name_taken(updated);
      }
      updated.updated_at = now();
      if (!ProjectRepository::update(tx, updated, current->version)) throw Error::precondition_failed();
      updated.version = current->version + 1;
      updated.role = scope.role;
      AuditRepository::record(tx, actor, scope.project_id, "project", std::to_string(scope.project_id),
                              "update", to_json(*current), to_json(updated));
      publish_change_after_commit(tx, events_, "project", "updated", scope.project_id, scope.project_id);
      return updated;
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::UniqueViolation) throw name_taken(updated);
    throw;
  }
}

void ProjectService::remove(const auth::ProjectScope& scope, const std::optional<std::string>& if_match,
                            const auth::Actor& actor) {
  db_.write([&](db::Tx& tx) {
    auto current = ProjectRepository::find(tx, scope.project_id);
    if (!current) throw Error::not_found("Project", std::to_string(scope.project_id));
    if (if_match && !if_match_satisfied(*if_match, project_etag(*current)))
      throw Error::precondition_failed();
    // Every project-owned row goes with it (ON DELETE CASCADE); the audit log keeps the record. Uploaded
    // files go once the deletion has committed.
    auto files = repositories::ResearchTaskRepository::stored_names_of_project(tx, scope.project_id);
    ProjectRepository::remove(tx, scope.project_id);
    tx.after_commit([this, files] {
      for (const auto& name : files) files_.remove(name);
    });
    AuditRepository::record(tx, actor, scope.project_id, "project", std::to_string(scope.project_id),
                            "delete", to_json(*current), std::nullopt);
    publish_change_after_commit(tx, events_, "project", "deleted", scope.project_id, scope.project_id);
  });
}

std::vector<Member> ProjectService::members(const auth::ProjectScope& scope) {
  return db_.read([&](db::Tx& tx) { return MemberRepository::list(tx, scope.project_id); });
}

AddedMember ProjectService::add_member(const auth::ProjectScope& scope, const AddMemberInput& input,
                                       const auth::Actor& actor) {
  if (input.role == Role::Owner && scope.role != Role::Owner) {
    throw Error::forbidden("Only an owner can add another owner");
  }
  return db_.write([&](db::Tx& tx) {
    auto current = now();
    AddedMember added;
    std::optional<User> user;
    if (input.user_id) {
      user = UserRepository::find(tx, *input.user_id);
      if (!user) throw Error::validation("user_id", "no user has this id", "not_found");
    } else {
      if (auto found = UserRepository::find_by_email(tx, *input.email)) user = found->user;
    }
    if (!user) {
      // Invite: an account without a password, activated with the token (POST /api/v1/auth/accept-invite).
      std::string token = crypto::random_token(24);
      added.invite_token = token;
      added.invite_expires_at = current + kInviteLifetime;
      std::int64_t id = UserRepository::insert(tx,
                                               {.email = *input.email,
                                                .invite_token_hash = crypto::sha256_hex(token),
                                                .invite_expires_at = added.invite_expires_at},
                                               current);
      user = UserRepository::find(tx, id);
      AuditRepository::record(tx, actor, scope.project_id, "user", std::to_string(id), "invite", std::nullopt,
                              to_json(*user));
    } else if (user->invitation_pending) {
      // Invited before (maybe to another project) and not yet accepted: issue a fresh token.
      std::string token = crypto::random_token(24);
      added.invite_token = token;
      added.invite_expires_at = current + kInviteLifetime;
      UserRepository::renew_invite(tx, user->id, crypto::sha256_hex(token), *added.invite_expires_at);
    }
    if (MemberRepository::role_of(tx, scope.project_id, user->id)) {
      throw Error::conflict(fmt::format("{} is already a member of this project", user->email));
    }
    MemberRepository::insert(tx, scope.project_id, user->id, input.role, current);
    UserRepository::set_default_project_if_unset(tx, user->id, scope.project_id);
    added.member = *MemberRepository::find(tx, scope.project_id, user->id);
    AuditRepository::record(tx, actor, scope.project_id, "member", std::to_string(user->id), "create",
                            std::nullopt, to_json(added.member));
    publish_change_after_commit(tx, events_, "member", "created", scope.project_id, user->id);
    return added;
  });
}

Member ProjectService::change_role(const auth::ProjectScope& scope, std::int64_t user_id, Role role,
                                   const auth::Actor& actor) {
  return db_.write([&](db::Tx& tx) {
    auto before = MemberRepository::find(tx, scope.project_id, user_id);
    if (!before) throw Error::not_found("Member", std::to_string(user_id));
    if ((before->role == Role::Owner || role == Role::Owner) && scope.role != Role::Owner) {
      throw Error::forbidden("Only an owner can grant or change the owner role");
    }
    if (before->role == Role::Owner && role != Role::Owner &&
        MemberRepository::count_owners(tx, scope.project_id) <= 1) {
      throw Error::conflict("The last owner cannot be demoted; make someone else owner first");
    }
    MemberRepository::update_role(tx, scope.project_id, user_id, role, now());
    auto after = *MemberRepository::find(tx, scope.project_id, user_id);
    AuditRepository::record(tx, actor, scope.project_id, "member", std::to_string(user_id), "update",
                            to_json(*before), to_json(after));
    publish_change_after_commit(tx, events_, "member", "updated", scope.project_id, user_id);
    return after;
  });
}

void ProjectService::remove_member(const auth::ProjectScope& scope, std::int64_t caller_id,
                                   std::int64_t user_id, const auth::Actor& actor) {
  db_.write([&](db::Tx& tx) {
    auto before = MemberRepository::find(tx, scope.project_id, user_id);
    if (!before) throw Error::not_found("Member", std::to_string(user_id));
    bool leaving = caller_id == user_id;
    if (!leaving && !at_least(scope.role, Role::Admin))
      throw Error::forbidden("Only admins can remove members");
    if (!leaving && before->role == Role::Owner && scope.role != Role::Owner) {
      throw Error::forbidden("Only an owner can remove an owner");
    }
    if (before->role == Role::Owner && MemberRepository::count_owners(tx, scope.project_id) <= 1) {
      throw Error::conflict("The last owner cannot be removed; make someone else owner first");
    }
    MemberRepository::remove(tx, scope.project_id, user_id);
    AuditRepository::record(tx, actor, scope.project_id, "member", std::to_string(user_id), "delete",
                            to_json(*before), std::nullopt);
    publish_change_after_commit(tx, events_, "member", "deleted", scope.project_id, user_id);
  });
}

}  // namespace cc::services
