#include "writeback/deliverer.hpp"

#include <spdlog/spdlog.h>

#include <thread>

#include "clock/timestamps.hpp"
#include "writeback/outbox.hpp"
#include "writeback/retry_policy.hpp"

namespace iro::writeback {

DeliveryStats& DeliveryStats::operator+=(const DeliveryStats& other) {
    attempts += other.attempts;
    delivered += other.delivered;
    retried += other.retried;
    dead += other.dead;
    return *this;
}

Deliverer::Deliverer(store::Database& db, CmsConfig cms, const plugin::Clock& clock)
    : db_(db),
      cms_(std::move(cms)),
      clock_(clock),
      tokens_(cms_, http_),
      random_(std::random_device{}()) {}

std::vector<std::string> Deliverer::auth_headers(std::chrono::system_clock::time_point now) {
    if (cms_.api_key) {
        try {
            return {cms_.api_key->header + ": " + read_secret(cms_.api_key->key_file)};
        } catch (const std::exception& e) {
            throw TokenUnavailable(e.what(), std::nullopt);
        }
    }
    return {"Authorization: Bearer " + tokens_.bearer(now)};
}

DeliveryStats Deliverer::attempt(const OutboxItem& item) {
    DeliveryStats stats;
    ++stats.attempts;
    const auto started = clock_.now();
    Decision decision;
    net::HttpResponse response;
    try {
        net::HttpRequest request;
        request.method = item.method;
        request.url = cms_.base_url + item.path;
        request.headers = auth_headers(started);
        request.headers.push_back("Content-Type: application/json");
        request.headers.push_back("Accept: application/json");
        request.headers.push_back("Idempotency-Key: " + item.idempotency_key);
        request.body = item.body;
        request.connect_timeout = cms_.connect_timeout;
        request.timeout = cms_.timeout;
        request.ca_file = cms_.ca_file;
        response = http_.send(request);
        decision = classify(response, cms_.client_credentials.has_value(), clock_.now());
        if (decision.verdict == Verdict::reauthenticate) {
            // One fresh token, at once; a second refusal is the CMS's final word.
            tokens_.invalidate();
            request.headers.front() = auth_headers(clock_.now()).front();
            response = http_.send(request);
            decision = classify(response, /*uses_oauth2=*/false, clock_.now());
        }
    } catch (const TokenUnavailable& e) {
        decision = {Verdict::retry, std::string("no credentials: ") + e.what(), e.retry_after()};
    }

    const auto ended = clock_.now();
    AttemptRecord record{
        clock::utc_timestamp_ms(ended), decision.error,
        response.answered ? std::optional<int>(response.status) : std::nullopt,
        response.answered ? std::optional<std::string>(response.body) : std::nullopt};
    switch (decision.verdict) {
        case Verdict::delivered:
            mark_delivered(db_, item.item_id, record);
            ++stats.delivered;
            spdlog::info("event=outbox_delivered item={} child={} status={} attempts={}",
                         item.item_id, item.child_id, response.status, item.attempts + 1);
            break;
        case Verdict::dead:
        case Verdict::reauthenticate:
            mark_dead(db_, item.item_id, record);
            ++stats.dead;
            spdlog::error("event=outbox_dead_letter item={} child={} status={} error=\"{}\"",
                          item.item_id, item.child_id, response.status, decision.error);
            break;
        case Verdict::retry: {
            std::uniform_real_distribution<double> unit(0.0, 1.0);
            auto wait = backoff(item.attempts + 1, cms_.initial_retry_delay, cms_.max_retry_delay,
                                unit(random_));
            if (decision.retry_after && *decision.retry_after > wait) {
                wait = *decision.retry_after;
            }
            mark_retry(db_, item.item_id, record, clock::epoch_ms(ended) + wait.count());
            ++stats.retried;
            spdlog::warn("event=outbox_retry item={} child={} attempts={} wait_ms={} error=\"{}\"",
                         item.item_id, item.child_id, item.attempts + 1, wait.count(),
                         decision.error);
            break;
        }
    }
    return stats;
}

DeliveryStats Deliverer::deliver_due(const std::function<bool()>& keep_going) {
    // Due as of the call: an item whose retry falls due while this pass runs waits for the next
    // pass (deliver_until_idle's, or the worker's), rather than being tried again at once
    // because the pass itself took longer than the backoff.
    const auto as_of = clock::epoch_ms(clock_.now());
    DeliveryStats stats;
    for (;;) {
        const auto heads = due_heads(db_, as_of, 64);
        if (heads.empty()) {
            return stats;
        }
        for (const auto& item : heads) {
            if (!keep_going()) {
                return stats;
            }
            stats += attempt(item);
        }
    }
}

std::optional<std::chrono::system_clock::time_point> Deliverer::next_due() {
    const auto ms = next_due_ms(db_);
    if (!ms) {
        return std::nullopt;
    }
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(*ms));
}

DeliveryStats deliver_until_idle(Deliverer& deliverer, const plugin::Clock& clock,
                                 std::chrono::milliseconds limit) {
    DeliveryStats stats;
    const auto deadline = clock.now() + limit;
    for (;;) {
        stats += deliverer.deliver_due();
        const auto next = deliverer.next_due();
        if (!next || *next > deadline) {
            return stats;
        }
        // Waiting out a backoff the CMS or the policy asked for.
        std::this_thread::sleep_until(*next);
    }
    return stats;
}

}  // namespace iro::writeback
