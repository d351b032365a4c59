#include "api/failed_authentication.hpp"

#include <spdlog/spdlog.h>

#include "host/host.hpp"

namespace iro::api {

bool count_failed_authentication(const Call& call, Context& context, std::string_view reason) {
    const auto now = context.host.clock().now();
    const std::lock_guard lock(context.failures_mutex);
    auto& failures = context.failed_authentications;
    const bool over = failures.count(call.exchange.peer, reason, now);
    if (failures.first_this_minute(call.exchange.peer)) {
        // One line per address and minute: a flood is counted in the store, not in the journal.
        spdlog::info(
            "event=http_unauthenticated request_id={} peer={} path=\"{}\" reason=\"{}\" "
            "note=\"more failures from this address this minute are counted, not logged\"",
            call.exchange.request_id, call.exchange.peer, call.path, reason);
    }
    return over && reason != "no credentials";
}

void flush_failed_authentications(Context& context, bool everything) {
    const auto now = context.host.clock().now();
    {
        const std::lock_guard lock(context.failures_mutex);
        if (!everything && !context.failed_authentications.flush_due(now)) {
            return;  // the common case under a flood: nothing finished, no store needed
        }
    }
    // The writer's turn first, then the counts: the order every user of both takes them in.
    const auto turn = context.store.writer.lock();
    const std::lock_guard lock(context.failures_mutex);
    try {
        context.failed_authentications.flush(context.store.writer.db(), now, everything);
    } catch (const std::exception& e) {
        spdlog::warn("event=auth_failures_not_written pending={} reason=\"{}\"",
                     context.failed_authentications.pending(), e.what());
    }
}

int retry_after_failures(const Context& context) {
    return auth::FailedAuthentications::seconds_left(context.host.clock().now());
}

}  // namespace iro::api
