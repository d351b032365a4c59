#pragma once
// The host's daily tick: one daily_tick case event for an "as of" day, queued with a row in the
// ticks table and delivered like any other event. Ticks only move forward: a day before the
// latest tick is refused, because prompts only ever open, advance or close.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/error.hpp"
#include "iro/plugin_api/dates.hpp"
#include "store/sqlite.hpp"

namespace iro::prompts {

/// Raised for a tick before the latest one.
class TickRefused : public Error {
  public:
    explicit TickRefused(const std::string& what) : Error(ErrorKind::invalid, what) {}
};

struct QueuedTick {
    std::int64_t tick_id = 0;
    std::int64_t history_before = 0;  ///< prompt_history's last seq when the tick was queued
};

/// The day of the latest tick, if any.
std::optional<plugin::Date> latest_tick(store::Database& db);

/// Records the tick and queues its event, in one transaction. Throws TickRefused.
QueuedTick queue_tick(store::Database& db, plugin::Date as_of, const std::string& actor,
                      const std::string& at);

/// What changed since `history_before`, by action and by kind, and what is open now by kind;
/// stored as the tick's summary.
nlohmann::json summarise_tick(store::Database& db, const QueuedTick& tick);

}  // namespace iro::prompts
