// /healthz (the process answers), /readyz (it can serve: the store answers, modules are loaded,
// it is not shutting down) and /metrics (Prometheus text; administrators only: module states
// and queue depths describe the deployment).

#include <fmt/format.h>

#include <boost/beast/http/status.hpp>

#include "api/service.hpp"
#include "clock/timestamps.hpp"
#include "dispatch/backlog_delivery.hpp"
#include "dispatch/event_queue.hpp"
#include "host/host.hpp"
#include "http/problem.hpp"
#include "store/store_file.hpp"
#include "writeback/outbox.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

namespace {

std::string service_metrics(const Call& call, Context& context) {
    auto& db = call.db();
    std::string out = context.metrics.render();
    const auto& c = context.counters;
    out += fmt::format(
        "# HELP iro_events_received_total Case events accepted at POST /api/v1/events.\n"
        "# TYPE iro_events_received_total counter\niro_events_received_total {}\n"
        "# HELP iro_events_processed_total Case events delivered to the modules by this process.\n"
        "# TYPE iro_events_processed_total counter\niro_events_processed_total {}\n"
        "# HELP iro_hook_failures_total Module hook calls that failed.\n"
        "# TYPE iro_hook_failures_total counter\niro_hook_failures_total {}\n",
        c.events_received.load(), c.events_delivered.load(), c.hook_failures.load());
    out += fmt::format(
        "# HELP iro_case_events_pending Case events queued and not yet delivered.\n"
        "# TYPE iro_case_events_pending gauge\niro_case_events_pending {}\n",
        dispatch::pending_case_events(db));
    const auto outbox = writeback::backlog(db, clock::utc_timestamp(context.host.clock().now()));
    out += fmt::format(
        "# HELP iro_outbox_pending Items waiting to be written back to the CMS.\n"
        "# TYPE iro_outbox_pending gauge\niro_outbox_pending {}\n"
        "# HELP iro_outbox_oldest_age_seconds Age of the oldest item waiting for the CMS.\n"
        "# TYPE iro_outbox_oldest_age_seconds gauge\niro_outbox_oldest_age_seconds {}\n"
        "# HELP iro_outbox_dead Items the CMS refused, kept for an operator.\n"
        "# TYPE iro_outbox_dead gauge\niro_outbox_dead {}\n",
        outbox.pending, outbox.oldest_age_seconds, outbox.dead);
    out +=
        "# HELP iro_module_state 1 for the state each module is in.\n"
        "# TYPE iro_module_state gauge\n";
    for (const auto& s : context.host.registry().statuses()) {
        for (const auto state :
             {modules::ModuleState::enabled, modules::ModuleState::disabled,
              modules::ModuleState::incompatible, modules::ModuleState::failed_to_load,
              modules::ModuleState::errored}) {
            out += fmt::format("iro_module_state{{module=\"{}\",state=\"{}\"}} {}\n",
                               http::prometheus_label(s.id), modules::to_string(state),
                               s.state == state ? 1 : 0);
        }
    }
    return out;
}

}  // namespace

void add_health_routes(ApiRouter& router) {
    router.add(bh::verb::get, "/healthz",
               {Gate::open,
                [](Call& call, Context&) {
                    return http::json_response(call.request, bh::status::ok, {{"status", "ok"}});
                },
                StoreUse::none});
    router.add(bh::verb::get, "/readyz",
               {Gate::open, [](Call& call, Context& context) {
                    if (context.draining) {
                        throw ApiError(503, "not-ready", "the service is shutting down");
                    }
                    store::check_readable(call.db());
                    // Serving while the events queued before the start are delivered: ready, and
                    // saying how far behind the modules are.
                    return http::json_response(
                        call.request, bh::status::ok,
                        {{"status", "ready"},
                         {"modules", context.host.registry().statuses().size()},
                         {"events_pending", dispatch::pending_case_events(call.db())},
                         {"delivering_backlog",
                          context.backlog != nullptr && context.backlog->running()}});
                }});
    router.add(bh::verb::get, "/metrics", {Gate::admin, [](Call& call, Context& context) {
                                               return http::make_response(
                                                   call.request, bh::status::ok,
                                                   service_metrics(call, context),
                                                   "text/plain; version=0.0.4; charset=utf-8");
                                           }});
}

}  // namespace iro::api
