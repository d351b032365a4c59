#pragma once
// Group commit for the audit log of a serving host. Every read of a child's data is an audit
// entry; committing each on its own makes the store's write lock the queue every request waits
// in. Here requests hand their entries to one thread, which appends all that arrived while the
// last commit ran in a single transaction; each request still waits until its entry is committed
// (it is answered only once the read is on the record).

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>

#include "audit/audit_log.hpp"
#include "store/serial_writer.hpp"

namespace iro::audit {

class AuditWriter {
  public:
    /// Loads (or creates) the store's chain key, taking the writer's turn to do so.
    explicit AuditWriter(store::SerialWriter& writer);
    AuditWriter(const AuditWriter&) = delete;
    AuditWriter& operator=(const AuditWriter&) = delete;
    /// Commits what is queued, then stops the thread.
    ~AuditWriter();

    /// Appends `entry` and returns once it is committed. Must not be called holding the
    /// writer's lock. Throws store::SqliteError (with SQLite's code: a full disk is
    /// SQLITE_FULL) when the commit failed; nothing of that batch was written then.
    void append(NewEntry entry);

    /// Transactions committed so far, and entries in them: the ratio is the batching achieved.
    std::uint64_t commits() const;
    std::uint64_t entries() const;

  private:
    struct Pending;
    void run();

    store::SerialWriter& writer_;
    ChainKey key_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Pending*> queue_;
    bool stopping_ = false;
    std::uint64_t commits_ = 0;
    std::uint64_t entries_ = 0;
    std::thread thread_;
};

}  // namespace iro::audit
