#pragma once
// Disabling a person's account: the account and every credential it holds (API tokens, panel
// sessions) end together, in one transaction.

#include <string_view>

#include "store/change.hpp"
#include "store/sqlite.hpp"

namespace iro::auth {

/// Disables the user, revokes every token they hold and ends their panel sessions. Throws
/// iro::Error: not_found for an unknown user, conflict for one already disabled.
void disable_user(store::Database& db, std::string_view user_id, const store::Change& change);

}  // namespace iro::auth
