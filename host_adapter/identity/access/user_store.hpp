#pragma once
// The people who use the HTTP service: an id, the roles they hold and, for those who hold
// allocations, the worker they are in the case records (so access follows the allocations).

#include <optional>
#include <string>
#include <vector>

#include "access/roles.hpp"
#include "store/change.hpp"
#include "store/sqlite.hpp"

namespace iro::access {

struct User {
    std::string user_id;
    std::string display_name;
    RoleSet roles;
    std::string worker_id;  ///< empty for those who hold no allocations
    std::string created_at;
    std::optional<std::string> disabled_at;
};

/// Adds a user. Refuses (std::invalid_argument) an id already used, no roles, a child-facing
/// allocation role (social_worker, team_manager, iro) without a worker, or a worker the case
/// records do not know.
User add_user(store::Database& db, const User& user, const store::Change& change);

std::optional<User> find_user(store::Database& db, std::string_view user_id);
std::vector<User> list_users(store::Database& db);

}  // namespace iro::access
