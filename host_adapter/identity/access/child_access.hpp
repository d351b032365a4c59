#pragma once
// Who may see a child, decided afresh on every request from the case records' allocations, so
// access follows the child when they are reallocated: a social worker their currently allocated
// children, a team manager the children of their team, an IRO their caseload, an IRO manager
// every child; a service manager, Head of Service or Director a child while an open quality alert
// about the child is addressed to them (their role or their worker id is its responder: the
// formal stages of the dispute ladder). Administrators and integrations reach no child.

#include <optional>
#include <string_view>

#include "access/roles.hpp"
#include "iro/plugin_api/dates.hpp"
#include "iro/plugin_api/requests.hpp"
#include "store/children.hpp"
#include "store/sqlite.hpp"

namespace iro::access {

/// The role by which `principal` reaches `child_id` on `today` (the widest first: iro_manager,
/// iro, team_manager, social_worker, then a senior manager a dispute addresses), or nullopt: no
/// business with this child.
std::optional<Role> child_access_role(store::Database& db, const Principal& principal,
                                      std::string_view child_id, plugin::Date today);

/// The role by which `principal` acts on `child_id` on `today`: child_access_role, or a refusal
/// both faces give in the same words. Throws iro::Error: not_found for an IRO manager naming a
/// child the case records do not hold, forbidden for anyone else with no business with the child
/// (so that a child's existence is not disclosed to them).
Role require_child_access(store::Database& db, const Principal& principal,
                          std::string_view child_id, plugin::Date today);

/// The actor a module sees for `principal` acting through `role`.
plugin::Actor module_actor(const Principal& principal, Role role);

}  // namespace iro::access
