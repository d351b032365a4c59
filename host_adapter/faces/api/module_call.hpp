#pragma once
// Running a person's request through the module that handles it, for the HTTP service: the actor
// is the caller in the role that reached the child, and what the request queued for other
// modules is delivered before the response.

#include "api/endpoint.hpp"
#include "dispatch/event_queue.hpp"

namespace iro::api {

/// The module's reply as JSON with `ok_status` (200 or 201); a refusal as a problem: invalid 422,
/// forbidden 403, not found 404, failed 500.
http::Response run_module_request(Call& call, Context& context, const std::string& name,
                                  const nlohmann::json& input, unsigned ok_status);

/// Adds what a delivery of case events did to the service's counters, and logs its failed hooks.
void count_delivery(Context& context, const dispatch::DrainReport& report);

/// Delivers the queued case events to the modules and nudges write-back: after every change.
void deliver_after_change(Context& context);

}  // namespace iro::api
