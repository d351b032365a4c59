#pragma once
// A person's request to a module, as every face has it run: handed to the enabled module whose
// manifest lists it and, when the module did it, the case events it queued delivered at once (a
// QAF response may open a dispute in another module). The HTTP service runs it in the serving
// host; a command runs it there through the control socket, or itself when no host serves.

#include <nlohmann/json.hpp>

#include "dispatch/event_queue.hpp"
#include "host/host.hpp"
#include "iro/plugin_api/requests.hpp"
#include "modules/module_registry.hpp"

namespace iro::host {

/// What came of a request: the module's outcome and, when it was ok, the delivery after it.
struct DeliveredRequest {
    modules::RequestResult result;
    dispatch::DrainReport delivery;
};

/// Runs `request` in `host` and, when the module answered ok, delivers the queued case events.
DeliveredRequest run_and_deliver(Host& host, const plugin::Request& request);

/// The request as the control channel carries it, and back; from_json throws iro::Error
/// (invalid) naming the member that is missing or of the wrong type.
nlohmann::json request_to_json(const plugin::Request& request);
plugin::Request request_from_json(const nlohmann::json& json);

/// What came of it as the control channel carries it, and back.
nlohmann::json to_json(const DeliveredRequest& delivered);
DeliveredRequest delivered_from_json(const nlohmann::json& json);

}  // namespace iro::host
