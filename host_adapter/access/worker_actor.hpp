#pragma once
// Who is acting, as a module sees it: a worker from the case records (the SSD's professionals),
// with the role the host resolves for them. The role is never taken from what the person says.

#include <stdexcept>
#include <string>

#include "config/host_config.hpp"
#include "iro/plugin_api/requests.hpp"
#include "store/sqlite.hpp"

namespace iro::access {

/// The worker is unknown or has no role the host can establish.
class UnknownActor : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

/// The worker's role: the host configuration's worker_roles entry when there is one (how IRO
/// managers, who hold no allocations, are named), otherwise the role the worker holds in most of
/// their allocations. Throws UnknownActor.
plugin::Actor resolve_worker_actor(store::Database& db, const config::HostConfig& config,
                                   const std::string& worker_id);

}  // namespace iro::access
