#pragma once
// Checkpoints a serving connection's WAL on a thread of its own. Every HTTP request that reads a
// child's data appends to the audit log, and SQLite's automatic checkpoint runs inside whichever
// commit crosses the threshold: that request then copies the WAL back into the database file and
// waits for fsync, and every request queued behind it on the service's one thread waits too.
// Here the commit only signals, and a second connection does the copying beside it.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "store/sqlite.hpp"

namespace iro::store {

/// How far the write-ahead log may grow, and when it is cut back.
struct WalLimits {
    int checkpoint_pages = 1000;  ///< a PASSIVE checkpoint once the WAL holds this many pages
    /// The ceiling. Under steady reads SQLite seldom finds a moment with no reader on the old
    /// log, so it seldom starts the log again, and the file grows. Past a quarter of this after a
    /// checkpoint, a TRUNCATE checkpoint waits for the readers and empties the file (writers wait
    /// meanwhile); what is written while a long report keeps it waiting still fits under the
    /// ceiling.
    std::uintmax_t max_bytes = std::uintmax_t{64} * 1024 * 1024;
    /// No commit for this long: the WAL is emptied (TRUNCATE), so an idle service leaves none.
    std::chrono::milliseconds idle{std::chrono::seconds(30)};
    /// How long a TRUNCATE checkpoint waits for readers (a report's long read) before giving up,
    /// writers waiting meanwhile; and how long after giving up it is tried again.
    std::chrono::milliseconds truncate_wait{20};
    std::chrono::milliseconds truncate_retry{250};
};

/// While alive, `serving` does not checkpoint on its own; a background thread checkpoints
/// (PASSIVE: never blocking the writer) once the WAL reaches `limits.checkpoint_pages`, and
/// truncates it past `limits.max_bytes` and when idle.
class WalCheckpointer {
  public:
    /// Opens a second connection to `serving`'s file (SqliteError when it cannot).
    explicit WalCheckpointer(Database& serving, WalLimits limits = {});
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;
    /// Stops the thread, then gives `serving` its automatic checkpoints back.
    ~WalCheckpointer();

    /// Checkpoints run so far, and of them the TRUNCATE ones.
    std::uint64_t checkpoints() const;
    std::uint64_t truncations() const;
    /// Waits until more than `seen` checkpoints have run, or `timeout` passes; the count then.
    std::uint64_t wait_for_checkpoint(std::uint64_t seen, std::chrono::milliseconds timeout) const;

  private:
    void run(Database& db);
    /// Runs one checkpoint of `mode`; false when it could not finish (busy, or failed: logged).
    static bool checkpoint(Database& db, const char* mode);

    Database& serving_;
    const WalLimits limits_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    mutable std::condition_variable done_;
    bool due_ = false;
    bool committed_since_truncate_ = false;
    bool stopping_ = false;
    std::uint64_t checkpoints_ = 0;
    std::uint64_t truncations_ = 0;
    std::thread thread_;
};

}  // namespace iro::store
