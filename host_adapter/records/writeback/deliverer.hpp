#pragma once
// Delivers the outbox to the CMS: the first pending item of each child whose time has come, one
// request at a time, each marked in the store as soon as its answer is known. A crash between the
// CMS accepting an item and the mark leaves it pending; it is sent again with the same
// Idempotency-Key, so the CMS can recognise it.

#include <chrono>
#include <functional>
#include <memory>
#include <random>

#include "config/cms_config.hpp"
#include "iro/plugin_api/services.hpp"
#include "net/http_client.hpp"
#include "store/sqlite.hpp"
#include "writeback/token_source.hpp"

namespace iro::writeback {

struct DeliveryStats {
    int attempts = 0;
    int delivered = 0;
    int retried = 0;  ///< attempts that failed and were rescheduled
    int dead = 0;

    DeliveryStats& operator+=(const DeliveryStats& other);
};

class Deliverer {
  public:
    Deliverer(store::Database& db, CmsConfig cms, const plugin::Clock& clock);

    /// Sends every item that is due now, and the items behind them in each child's queue as
    /// they become heads, until nothing is due. `keep_going` is asked between items.
    DeliveryStats deliver_due(const std::function<bool()>& keep_going = [] { return true; });

    /// When the next attempt is due; nullopt when nothing is pending.
    std::optional<std::chrono::system_clock::time_point> next_due();

  private:
    DeliveryStats attempt(const struct OutboxItem& item);
    std::vector<std::string> auth_headers(std::chrono::system_clock::time_point now);

    store::Database& db_;
    CmsConfig cms_;
    const plugin::Clock& clock_;
    net::HttpClient http_;
    TokenSource tokens_;
    std::mt19937_64 random_;
};

/// Delivers until nothing is pending, waiting out backoffs, or until the next attempt would fall
/// after `limit` from now. Returns what was done.
DeliveryStats deliver_until_idle(Deliverer& deliverer, const plugin::Clock& clock,
                                 std::chrono::milliseconds limit);

}  // namespace iro::writeback
