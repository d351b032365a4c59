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

/// While alive, `serving` does not checkpoint on its own; a background thread checkpoints
/// (PASSIVE: never blocking the writer) once the WAL reaches `threshold_pages`.
class WalCheckpointer {
  public:
    /// Opens a second connection to `serving`'s file (SqliteError when it cannot).
    explicit WalCheckpointer(Database& serving, int threshold_pages = 1000);
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;
    /// Stops the thread, then gives `serving` its automatic checkpoints back.
    ~WalCheckpointer();

    /// Checkpoints run so far.
    std::uint64_t checkpoints() const;
    /// Waits until more than `seen` checkpoints have run, or `timeout` passes; the count then.
    std::uint64_t wait_for_checkpoint(std::uint64_t seen, std::chrono::milliseconds timeout) const;

  private:
    void run(Database& db);

    Database& serving_;
    const int threshold_pages_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    mutable std::condition_variable done_;
    bool due_ = false;
    bool stopping_ = false;
    std::uint64_t checkpoints_ = 0;
    std::thread thread_;
};

}  // namespace iro::store
