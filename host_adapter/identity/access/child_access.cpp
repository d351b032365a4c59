#include "access/child_access.hpp"

#include <fmt/format.h>

#include <string>

#include "common/error.hpp"

namespace iro::access {

namespace {

// A current allocation: started, and not ended. An allocation ended today has ended: a worker
// moved off a child today loses access now, not at midnight (the CMS sends the end as the day it
// happened).
constexpr const char* kCurrent = "start_date <= ?2 AND (end_date IS NULL OR end_date > ?2)";

bool allocated(store::Database& db, std::string_view child_id, std::string_view worker_id,
               std::string_view role, const std::string& today) {
    auto& stmt = db.cached(std::string("SELECT 1 FROM allocations WHERE child_id = ?1 AND ") +
                           kCurrent + " AND worker_id = ?3 AND role = ?4 LIMIT 1");
    stmt.bind(1, child_id).bind(2, today).bind(3, worker_id).bind(4, role);
    const bool found = stmt.step();
    stmt.reset();
    return found;
}

bool in_team(store::Database& db, std::string_view child_id, std::string_view worker_id,
             const std::string& today) {
    // The manager's team is the one the case records give them, and the child's team is that of
    // their social worker's allocation: moving a child between teams moves who manages them. Only
    // the social-work allocation counts: every child's IRO allocation carries the IRO team, and
    // counting it would give a manager placed in that team every child.
    auto& stmt =
        db.cached(std::string("SELECT 1 FROM allocations WHERE child_id = ?1 AND ") + kCurrent +
                  " AND role = 'social_worker' AND team_id <> '' AND team_id = (SELECT team_id "
                  "FROM workers WHERE worker_id = ?3) LIMIT 1");
    stmt.bind(1, child_id).bind(2, today).bind(3, worker_id);
    const bool found = stmt.step();
    stmt.reset();
    return found || allocated(db, child_id, worker_id, "team_manager", today);
}

// An open alert about the child whose responder is this senior manager's role or the worker
// they are: the formal stages of a dispute address them, and only while it is addressed to them
// do they see the child.
bool addressed(store::Database& db, std::string_view child_id, const Principal& principal,
               Role role) {
    auto& stmt = db.cached(
        "SELECT 1 FROM alerts WHERE child_id = ?1 AND closed = 0 AND (responder = ?2 OR "
        "(?3 <> '' AND responder = ?3)) LIMIT 1");
    stmt.bind(1, child_id).bind(2, to_string(role)).bind(3, principal.worker_id);
    const bool found = stmt.step();
    stmt.reset();
    return found;
}

std::optional<Role> allocated_role(store::Database& db, const Principal& principal,
                                   std::string_view child_id, const std::string& day) {
    if (principal.roles.has(Role::iro) &&
        allocated(db, child_id, principal.worker_id, "iro", day)) {
        return Role::iro;
    }
    if (principal.roles.has(Role::team_manager) &&
        in_team(db, child_id, principal.worker_id, day)) {
        return Role::team_manager;
    }
    if (principal.roles.has(Role::social_worker) &&
        allocated(db, child_id, principal.worker_id, "social_worker", day)) {
        return Role::social_worker;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Role> child_access_role(store::Database& db, const Principal& principal,
                                      std::string_view child_id, plugin::Date today) {
    const std::string day = plugin::to_iso(today);
    if (principal.roles.has(Role::iro_manager)) {
        return store::child_exists(db, child_id) ? std::optional(Role::iro_manager) : std::nullopt;
    }
    if (!principal.worker_id.empty()) {
        if (const auto role = allocated_role(db, principal, child_id, day)) {
            return role;
        }
    }
    // Last: a senior manager who is also allocated to the child acts by the allocation.
    for (const Role senior : {Role::director, Role::head_of_service, Role::service_manager}) {
        if (principal.roles.has(senior) && addressed(db, child_id, principal, senior)) {
            return senior;
        }
    }
    return std::nullopt;
}

Role require_child_access(store::Database& db, const Principal& principal,
                          std::string_view child_id, plugin::Date today) {
    if (const auto role = child_access_role(db, principal, child_id, today)) {
        return *role;
    }
    if (principal.roles.has(Role::iro_manager)) {
        throw Error(ErrorKind::not_found,
                    fmt::format("there is no child {} in the case records", child_id));
    }
    // fmt rather than a chain of +: GCC 12 warns wrongly (-Warray-bounds) on the chain.
    throw Error(ErrorKind::forbidden,
                fmt::format("{} has no business with child {}: they are not allocated to them (as "
                            "social worker, team manager or IRO), nor is a dispute about them "
                            "addressed to them, on {}",
                            principal.user_id, child_id, plugin::to_iso(today)));
}

plugin::Actor module_actor(const Principal& principal, Role role) {
    return {principal.worker_id.empty() ? principal.user_id : principal.worker_id,
            std::string(to_string(role))};
}

}  // namespace iro::access
