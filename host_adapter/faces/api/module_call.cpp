#include "api/module_call.hpp"

#include <spdlog/spdlog.h>

#include "access/child_access.hpp"
#include "dispatch/event_queue.hpp"
#include "host/host.hpp"
#include "host/module_requests.hpp"
#include "http/problem.hpp"

namespace iro::api {

void count_delivery(Context& context, const dispatch::DrainReport& report) {
    context.counters.events_delivered += static_cast<std::uint64_t>(report.events);
    context.counters.hook_failures += static_cast<std::uint64_t>(report.hook_failures);
    for (const auto& failure : report.failures) {
        spdlog::warn("event=hook_failed detail=\"{}\"", failure);
    }
}

namespace {

// What follows a delivery: its counts, and write-back told there may be something to send.
void finish_delivery(Context& context, const dispatch::DrainReport& report) {
    count_delivery(context, report);
    if (context.after_change) {
        context.after_change();
    }
}

}  // namespace

void deliver_after_change(Context& context) {
    finish_delivery(context,
                    dispatch::drain_case_events(context.host.database(), context.host.registry(),
                                                context.host.clock()));
}

http::Response run_module_request(Call& call, Context& context, const std::string& name,
                                  const nlohmann::json& input, unsigned ok_status) {
    const auto role = call.child_role.value_or(access::Role::iro_manager);
    const auto delivered = host::run_and_deliver(
        context.host, {name, access::module_actor(call.principal, role), input});
    const auto& result = delivered.result;
    const auto& outcome = result.outcome;
    switch (outcome.status) {
        case plugin::RequestStatus::ok:
            break;
        case plugin::RequestStatus::invalid:
            throw ApiError(422, "invalid", outcome.message);
        case plugin::RequestStatus::forbidden:
            throw ApiError(403, "forbidden", outcome.message);
        case plugin::RequestStatus::not_found:
            throw ApiError(404, "not-found", outcome.message);
        case plugin::RequestStatus::failed:
            throw std::runtime_error((result.module_id.empty() ? "" : result.module_id + ": ") +
                                     outcome.message);
    }
    call.audit_detail = name + (result.module_id.empty() ? "" : " by " + result.module_id);
    finish_delivery(context, delivered.delivery);
    return http::json_response(call.request, static_cast<boost::beast::http::status>(ok_status),
                               outcome.reply);
}

}  // namespace iro::api
