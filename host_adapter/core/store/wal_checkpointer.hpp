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

#include "store/long_read_gate.hpp"
#include "store/sqlite.hpp"

namespace iro::store {

/// How far the write-ahead log may grow, and when it is cut back.
struct WalLimits {
    int checkpoint_pages = 1000;  ///< a PASSIVE checkpoint once the WAL holds this many pages
    /// The ceiling. A log whose every frame is back in the database file is started again by
    /// the next write and cut back to a quarter of this (journal_size_limit). A report's long
    /// read keeps frames from being copied back: past that quarter, reports are held back at
    /// the gate until the copy finishes. Past half, a TRUNCATE checkpoint empties the file
    /// (writers wait meanwhile), for readers the gate does not hold back.
    std::uintmax_t max_bytes = std::uintmax_t{64} * 1024 * 1024;
    /// No commit for this long: the WAL is emptied (TRUNCATE), so an idle service leaves none.
    std::chrono::milliseconds idle{std::chrono::seconds(30)};
    /// How long a TRUNCATE checkpoint waits for readers (a report's long read) before giving up,
    /// writers waiting meanwhile; and how long after giving up it is tried again.
    std::chrono::milliseconds truncate_wait{20};
    std::chrono::milliseconds truncate_retry{250};
    /// How long the checkpointer lets the long reads under way finish (the gate closed to new
    /// ones) before it copies what it can anyway: longer than a million responses' report.
    std::chrono::milliseconds long_read_drain{std::chrono::seconds(10)};
    /// With reports held back, how long the checkpointer goes on copying the log back until
    /// the writer starts it again.
    std::chrono::milliseconds restart_wait{std::chrono::seconds(1)};
};

/// While alive, `serving` does not checkpoint on its own; a background thread checkpoints
/// (PASSIVE: never blocking the writer) once the WAL reaches `limits.checkpoint_pages`, and
/// keeps it under `limits.max_bytes`, and empties it when idle. Given a gate, it closes it while
/// it copies the log back past a quarter of the limit, so reports holding old snapshots do not
/// keep the log growing.
class WalCheckpointer {
  public:
    /// Opens a second connection to `serving`'s file (SqliteError when it cannot).
    explicit WalCheckpointer(Database& serving, WalLimits limits = {},
                             LongReadGate* long_reads = nullptr);
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;
    /// Stops the thread, then gives `serving` its automatic checkpoints back.
    ~WalCheckpointer();

    /// Checkpoints run so far; of them, those that copied every frame back (the log then
    /// starts again) and the TRUNCATE ones.
    std::uint64_t checkpoints() const;
    std::uint64_t finished() const;
    std::uint64_t truncations() const;
    /// Waits until more than `seen` checkpoints have run, or `timeout` passes; the count then.
    std::uint64_t wait_for_checkpoint(std::uint64_t seen, std::chrono::milliseconds timeout) const;

  private:
    void run(Database& db);
    /// Runs one checkpoint of `mode`; false when frames are left in the log (busy, a reader's
    /// snapshot, or failed: logged).
    static bool checkpoint(Database& db, const char* mode);
    /// A PASSIVE checkpoint, counted in finished() when it copied every frame back.
    bool copy_back(Database& db);
    /// Copies back after each commit until a commit shows the log started again, or
    /// `limits_.restart_wait` passes; whether the last copy finished.
    bool copy_back_until_restarted(Database& db);

    Database& serving_;
    const WalLimits limits_;
    LongReadGate* const long_reads_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    mutable std::condition_variable done_;
    bool due_ = false;
    bool committed_since_truncate_ = false;
    bool stopping_ = false;
    std::uint64_t checkpoints_ = 0;
    std::uint64_t finished_ = 0;
    int last_pages_ = 0;          // the WAL's length at the last commit
    std::uint64_t restarts_ = 0;  // commits that found the log started again
    std::uint64_t truncations_ = 0;
    std::thread thread_;
};

}  // namespace iro::store
