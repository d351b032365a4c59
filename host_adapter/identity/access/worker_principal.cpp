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
    bool known_worker = false;  // named in the configuration or the case records
    if (const auto it = config.worker_roles.find(worker_id); it != config.worker_roles.end()) {
        known_worker = true;
        if (const auto role = role_from_string(it->second)) {
            principal.roles.add(*role);
        }
    }
    {
        store::CachedUse held(db, "SELECT DISTINCT role FROM allocations WHERE worker_id = ?");
        held->bind(1, worker_id);
        while (held->step()) {
            known_worker = true;
            if (const auto role = role_from_string(held->text(0))) {
                principal.roles.add(*role);
            }
        }
    }
    {
        // The user account that is this worker, or a user with no worker of their own by their
        // user id: a senior manager a dispute addresses holds no allocation and may be no worker.
        store::CachedUse account(
            db,
            "SELECT roles, worker_id FROM users WHERE (worker_id = ?1 OR (worker_id = '' AND "
            "user_id = ?1)) AND disabled_at IS NULL");
        account->bind(1, worker_id);
        bool worker_account = false;
        bool user_account = false;
        while (account->step()) {
            add_roles(principal.roles, account->text(0));
            (account->text(1).empty() ? user_account : worker_account) = true;
        }
        if (user_account && !worker_account && !known_worker) {
            principal.worker_id.clear();  // they act as the user, as over HTTP
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
    for (const Role role : {Role::iro_manager, Role::iro, Role::team_manager, Role::social_worker,
                            Role::director, Role::head_of_service, Role::service_manager}) {
        if (roles.has(role)) {
            return role;
        }
    }
    throw Error(ErrorKind::forbidden, "no role that reaches children's records");
}

}  // namespace iro::access
