#pragma once
// Whom an open alert is addressed to, and the alerts addressed to a person: the inbox a team
// manager, service manager, Head of Service or Director works from. An alert's responder is a role
// (the ladder stage's responder_role) or a worker named on it; a person holding that role is its
// addressee for the children they reach by it (access/child_access.hpp): a team manager the
// children of their team, a senior manager wherever the stage names their role.

#include <string>
#include <vector>

#include "access/roles.hpp"
#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::alerts {

/// The open alerts addressed to `principal` on `today`, oldest first.
std::vector<plugin::AlertRecord> alerts_addressed_to(store::Database& db,
                                                     const access::Principal& principal,
                                                     plugin::Date today);

}  // namespace iro::alerts
