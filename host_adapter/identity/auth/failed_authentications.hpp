#pragma once
// Failed authentications, counted rather than logged one by one. Each failure used to be an audit
// entry and a commit: a 20 s flood of bad credentials left 84,000 rows that could never be removed
// and a 5.8 GB write-ahead log. Now a failure is a counter in memory; the counts go to the store
// (auth_failures) once a minute, one row per minute, source and reason, and a source that fails
// too often in a minute is told to back off until the minute ends.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "store/sqlite.hpp"

namespace iro::auth {

/// How many failures a source may have in a minute before it is answered 429, how many distinct
/// sources a minute keeps apart (the rest are counted together), and how long counts are kept.
struct FailureLimits {
    int per_source_per_minute = 30;
    std::size_t sources_per_minute = 1000;
    std::chrono::hours kept{24 * 90};
};

/// The source every source beyond FailureLimits::sources_per_minute is counted as.
inline constexpr std::string_view kOtherSources = "(other sources)";

/// The counts of one HTTP service. Not thread-safe: the service keeps it under a lock.
class FailedAuthentications {
  public:
    explicit FailedAuthentications(FailureLimits limits = {});

    /// Counts one failure from `source` at `at`. True while the source has failed more than its
    /// limit this minute: the caller answers 429 rather than 401.
    bool count(std::string_view source, std::string_view reason,
               std::chrono::system_clock::time_point at);

    /// Whether this is the source's first failure of the minute (worth a log line; the rest are
    /// counted). Call after count().
    bool first_this_minute(std::string_view source) const;

    /// Seconds until the minute of `at` ends: how long a source over its limit should wait.
    static int seconds_left(std::chrono::system_clock::time_point at);

    /// Adds the counts of the minutes before `at`'s (all of them when `everything`) to the store,
    /// in one transaction, and removes counts older than FailureLimits::kept. Returns the rows
    /// written. Counts stay in memory if the store cannot be written.
    int flush(store::Database& db, std::chrono::system_clock::time_point at, bool everything);

    /// Whether flush() at `at` would have anything to write (cheap: no store needed).
    bool flush_due(std::chrono::system_clock::time_point at) const;

    /// Counts not yet written to the store.
    std::int64_t pending() const;

  private:
    using Key = std::tuple<std::int64_t, std::string, std::string>;  // minute, source, reason
    FailureLimits limits_;
    std::map<Key, std::int64_t> counts_;
    std::int64_t minute_ = -1;                            // of per_source_
    std::map<std::string, int, std::less<>> per_source_;  // failures this minute
};

/// The failures from one source for one reason over a period.
struct FailureSummary {
    std::string source;
    std::string reason;
    std::int64_t failures = 0;
    std::int64_t minutes = 0;  ///< minutes in which it failed
    std::string first;         ///< its first minute in the period (UTC)
    std::string last;
};

/// The stored failures of the days `from` to `to` (YYYY-MM-DD, inclusive; UTC), most first.
std::vector<FailureSummary> summarise_failures(store::Database& db, const std::string& from,
                                               const std::string& to);

/// "YYYY-MM-DDTHH:MMZ" of a minute counted since the epoch.
std::string minute_text(std::int64_t minute);

}  // namespace iro::auth
