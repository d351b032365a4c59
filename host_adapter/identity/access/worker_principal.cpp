#include "access/worker_principal.hpp"

#include "common/error.hpp"

namespace iro::access {

namespace {

void add_roles(RoleSet& into, const std::string& comma_separated) {
    for (const Role role : parse_roles(comma_separated).roles()) {
        into.add(role);
    }
}

}  // namespace

Principal worker_principal(store::Database& db, const config::HostConfig& config,
                           const std::string& worker_id, const std::string& via) {
    Principal principal{worker_id, {}, worker_id, via, ""};
    if (const auto it = config.worker_roles.find(worker_id); it != config.worker_roles.end()) {
        if (const auto role = role_from_string(it->second)) {
            principal.roles.add(*role);
        }
    }
    {
        store::CachedUse held(db, "SELECT DISTINCT role FROM allocations WHERE worker_id = ?");
        held->bind(1, worker_id);
        while (held->step()) {
            if (const auto role = role_from_string(held->text(0))) {
                principal.roles.add(*role);
            }
        }
    }
    {
        store::CachedUse account(
            db, "SELECT roles FROM users WHERE worker_id = ? AND disabled_at IS NULL");
        account->bind(1, worker_id);
        while (account->step()) {
            add_roles(principal.roles, account->text(0));
        }
    }
    if (!has_child_role(principal.roles)) {
        store::CachedUse known(db, "SELECT 1 FROM workers WHERE worker_id = ?");
        known->bind(1, worker_id);
        throw Error(ErrorKind::forbidden,
                    known->step()
                        ? "worker " + worker_id +
                              " holds no allocation and no role the host knows of; name their "
                              "role in the host configuration's worker_roles"
                        : "'" + worker_id +
                              "' is not a worker in the case records; act as a worker id from "
                              "the SSD professionals extract (--actor IRO1001), or name the role "
                              "in the host configuration's worker_roles");
    }
    return principal;
}

Role widest_child_role(const RoleSet& roles) {
    for (const Role role :
         {Role::iro_manager, Role::iro, Role::team_manager, Role::social_worker}) {
        if (roles.has(role)) {
            return role;
        }
    }
    throw Error(ErrorKind::forbidden, "no role that reaches children's records");
}

}  // namespace iro::access
