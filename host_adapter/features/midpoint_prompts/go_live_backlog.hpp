#pragma once
// Go-live. A council's history holds years of reviews, and the first evaluation over it would
// open every prompt those years left undone: on a real-shaped store, two thousand prompts on day
// one, most of them long overdue. Prompts due before the go-live day (host configuration
// `go_live`, else the day of the first tick) are recorded as the go-live backlog instead: counted
// by module, kind and the child's IRO, reported once by the tick that recorded them, and never
// opened.

#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/dates.hpp"
#include "store/sqlite.hpp"

namespace iro::prompts {

/// A prompt a module asked for that fell due before go-live (its key is kept apart, to count
/// it once).
struct BacklogItem {
    std::string kind;
    std::string child_id;
    plugin::Date due_on;
};

/// The go-live day: `configured`, else the day of the first tick; nullopt before any tick (and
/// then nothing is backlog).
std::optional<plugin::Date> go_live_day(store::Database& db,
                                        const std::optional<plugin::Date>& configured);

/// Whether `module_id`'s go-live backlog was recorded already: a later run of the module counts
/// nothing more.
bool backlog_recorded(store::Database& db, std::string_view module_id);

/// Records `items` as `module_id`'s go-live backlog, counted by kind and the child's current IRO
/// ("" when none is allocated), as of `as_of`. Joins the caller's transaction.
void record_backlog(store::Database& db, std::string_view module_id, plugin::Date go_live,
                    plugin::Date as_of, const std::deque<BacklogItem>& items);

/// The backlog recorded and not yet reported, now reported by tick `tick_id`: {go_live, prompts,
/// by_kind, by_iro}; null when there is none.
nlohmann::json report_backlog(store::Database& db, std::int64_t tick_id);

}  // namespace iro::prompts
