// POST /api/v1/events: case events from the CMS, as JSON Lines (or one JSON object), through
// the same intake as `iro-host events ingest`: validated whole, applied all or none, a repeated
// event id acknowledged and ignored. Accepted events are delivered to the modules before the reply.

#include <boost/beast/http/field.hpp>
#include <sstream>

#include "api/module_call.hpp"
#include "api/service.hpp"
#include "clock/timestamps.hpp"
#include "host/host.hpp"
#include "http/problem.hpp"
#include "intake/event_intake.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

void add_event_routes(ApiRouter& router) {
    router.add(bh::verb::post, "/api/v1/events",
               {Gate::events, [](Call& call, Context& context) {
                    const auto type = call.request[bh::field::content_type];
                    if (type.substr(0, 20) != "application/x-ndjson" &&
                        type.substr(0, 16) != "application/json") {
                        throw ApiError(415, "unsupported-media-type",
                                       "send events as application/x-ndjson (one JSON object per "
                                       "line) or application/json (one event)");
                    }
                    auto& host = context.host;
                    std::istringstream in(call.request.body());
                    const store::Change change{call.principal.user_id,
                                               clock::utc_timestamp(host.clock().now())};
                    intake::IntakeSummary summary;
                    try {
                        summary = intake::ingest_events(call.db(), in, "request", change,
                                                        host.clock().today());
                    } catch (const importers::ImportRejected& e) {
                        nlohmann::json errors = nlohmann::json::array();
                        for (const auto& p : e.problems()) {
                            errors.push_back({{"line", p.line},
                                              {"column", p.column},
                                              {"rule", p.rule},
                                              {"message", p.message}});
                        }
                        throw ApiError(422, "events-rejected",
                                       std::to_string(e.problems().size()) +
                                           " problem(s) in the events; none was applied",
                                       {{"errors", errors}});
                    }
                    const auto& counts = summary.record.tables.at("events");
                    context.counters.events_received += static_cast<std::uint64_t>(counts.added);
                    call.audit_detail = std::to_string(counts.added) + " event(s) applied, " +
                                        std::to_string(summary.replayed) + " replayed";
                    deliver_after_change(context);
                    return http::json_response(call.request, bh::status::accepted,
                                               {{"read", counts.read},
                                                {"applied", counts.added},
                                                {"replayed", summary.replayed},
                                                {"queued", summary.record.events_by_kind}});
                }});
}

}  // namespace iro::api
