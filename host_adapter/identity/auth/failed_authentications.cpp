#include "auth/failed_authentications.hpp"

#include <fmt/format.h>

#include <ctime>

namespace iro::auth {

namespace {

std::int64_t minute_of(std::chrono::system_clock::time_point at) {
    return std::chrono::duration_cast<std::chrono::minutes>(at.time_since_epoch()).count();
}

}  // namespace

std::string minute_text(std::int64_t minute) {
    const std::time_t seconds = minute * 60;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%MZ", &parts);
    return text;
}

FailedAuthentications::FailedAuthentications(FailureLimits limits) : limits_(limits) {}

bool FailedAuthentications::count(std::string_view source, std::string_view reason,
                                  std::chrono::system_clock::time_point at) {
    const std::int64_t minute = minute_of(at);
    if (minute != minute_) {
        minute_ = minute;
        per_source_.clear();
    }
    auto it = per_source_.find(source);
    if (it == per_source_.end()) {
        // Memory and rows stay bounded however many addresses a flood comes from.
        const std::string kept = per_source_.size() < limits_.sources_per_minute
                                     ? std::string(source)
                                     : std::string(kOtherSources);
        it = per_source_.try_emplace(kept, 0).first;
    }
    ++it->second;
    ++counts_[Key{minute, it->first, std::string(reason)}];
    return it->second > limits_.per_source_per_minute;
}

bool FailedAuthentications::first_this_minute(std::string_view source) const {
    const auto it = per_source_.find(source);
    return it != per_source_.end() && it->second == 1;
}

int FailedAuthentications::seconds_left(std::chrono::system_clock::time_point at) {
    const auto into =
        std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count() % 60;
    return static_cast<int>(60 - into);
}

int FailedAuthentications::flush(store::Database& db, std::chrono::system_clock::time_point at,
                                 bool everything) {
    const std::int64_t now = minute_of(at);
    const auto end = everything ? counts_.end() : counts_.lower_bound(Key{now, "", ""});
    if (counts_.begin() == end) {
        return 0;
    }
    int written = 0;
    store::Savepoint tx(db);
    auto& add = db.cached(
        "INSERT INTO auth_failures (minute, source, reason, failures) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (minute, source, reason) DO UPDATE SET failures = failures + "
        "excluded.failures");
    for (auto it = counts_.begin(); it != end; ++it) {
        const auto& [minute, source, reason] = it->first;
        add.bind(1, minute_text(minute)).bind(2, source).bind(3, reason).bind(4, it->second);
        add.run();
        add.reset();
        ++written;
    }
    db.cached("DELETE FROM auth_failures WHERE minute < ?")
        .bind(1, minute_text(
                     now - std::chrono::duration_cast<std::chrono::minutes>(limits_.kept).count()))
        .run();
    tx.commit();
    counts_.erase(counts_.begin(), end);
    return written;
}

std::vector<FailureSummary> summarise_failures(store::Database& db, const std::string& from,
                                               const std::string& to) {
    auto stmt = db.prepare(
        "SELECT source, reason, sum(failures), count(*), min(minute), max(minute) FROM "
        "auth_failures WHERE minute >= ?1 AND minute < ?2 || 'U' GROUP BY source, reason "
        "ORDER BY sum(failures) DESC, source, reason");
    // 'U' sorts after every "THH:MMZ" of the last day.
    stmt.bind(1, from).bind(2, to);
    std::vector<FailureSummary> out;
    while (stmt.step()) {
        out.push_back({stmt.text(0), stmt.text(1), stmt.integer(2), stmt.integer(3), stmt.text(4),
                       stmt.text(5)});
    }
    return out;
}

bool FailedAuthentications::flush_due(std::chrono::system_clock::time_point at) const {
    return !counts_.empty() && std::get<0>(counts_.begin()->first) < minute_of(at);
}

std::int64_t FailedAuthentications::pending() const {
    std::int64_t total = 0;
    for (const auto& [key, n] : counts_) {
        total += n;
    }
    return total;
}

}  // namespace iro::auth
