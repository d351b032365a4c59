#pragma once
// Who is acting on the command line (--actor): a worker from the case records (the SSD's
// professionals), seen as the HTTP service sees a signed-in person, so that the same rules
// (access/child_access.hpp) decide what they may do. Their roles are never taken from what the
// person running the command says.

#include <string>

#include "access/roles.hpp"
#include "config/host_config.hpp"
#include "store/sqlite.hpp"

namespace iro::access {

/// The worker `worker_id` as a principal: the role the host configuration's worker_roles names
/// (how IRO managers, who hold no allocations, are named), the roles their allocations in the
/// case records give them, and those of an enabled user account that is this worker (or, for a
/// user who is no worker, such as a Head of Service, whose user id it is: they then act by their
/// user id, with no worker id, as they do over HTTP). `via` says
/// how they came ("cli:<operating-system user>"). Throws iro::Error (forbidden) when nothing
/// gives them a role: the host cannot say who they are.
Principal worker_principal(store::Database& db, const config::HostConfig& config,
                           const std::string& worker_id, const std::string& via);

/// The widest role of those that reach children (iro_manager, iro, team_manager, social_worker):
/// the role in which a worker makes a request that concerns no one child (an import). Throws
/// iro::Error (forbidden) when the set holds none of them.
Role widest_child_role(const RoleSet& roles);

}  // namespace iro::access
