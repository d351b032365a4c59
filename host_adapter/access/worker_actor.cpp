#include "access/worker_actor.hpp"

namespace iro::access {

plugin::Actor resolve_worker_actor(store::Database& db, const config::HostConfig& config,
                                   const std::string& worker_id) {
    auto known = db.prepare("SELECT 1 FROM workers WHERE worker_id = ?");
    known.bind(1, worker_id);
    const bool in_records = known.step();
    if (const auto it = config.worker_roles.find(worker_id); it != config.worker_roles.end()) {
        return {worker_id, it->second};
    }
    if (!in_records) {
        throw UnknownActor("'" + worker_id +
                           "' is not a worker in the case records; act as a worker id from the "
                           "SSD professionals extract (--actor IRO1001), or name the role in the "
                           "host configuration's worker_roles");
    }
    auto role = db.prepare(
        "SELECT role FROM allocations WHERE worker_id = ? GROUP BY role ORDER BY count(*) DESC, "
        "role LIMIT 1");
    role.bind(1, worker_id);
    if (!role.step()) {
        throw UnknownActor("worker " + worker_id +
                           " holds no allocation, so their role is unknown; name it in the host "
                           "configuration's worker_roles");
    }
    return {worker_id, role.text(0)};
}

}  // namespace iro::access
