#include "store/wal_checkpointer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

namespace iro::store {

WalCheckpointer::WalCheckpointer(Database& serving, WalLimits limits, LongReadGate* long_reads)
    : serving_(serving), limits_(limits), long_reads_(long_reads) {
    // When the writer starts the log again from its beginning, the file is cut back to the size
    // at which a truncation is due anyway.
    serving_.exec("PRAGMA journal_size_limit=" + std::to_string(limits_.max_bytes / 4));
    // Opened here, so a store the thread could not open is refused before automatic
    // checkpoints are switched off.
    thread_ = std::thread([this, db = Database::open(serving.path())]() mutable { run(db); });
    serving_.on_wal_commit([this](int pages) {
        const bool due = pages >= limits_.checkpoint_pages;
        bool restarted = false;
        {
            const std::lock_guard lock(mutex_);
            committed_since_truncate_ = true;
            due_ = due_ || due;
            // Fewer pages than the last commit saw: the log was started again.
            restarted = pages < last_pages_;
            restarts_ += restarted ? 1 : 0;
            last_pages_ = pages;
        }
        if (due || restarted) {
            wake_.notify_one();
        }
    });
}

WalCheckpointer::~WalCheckpointer() {
    serving_.on_wal_commit({});
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

std::uint64_t WalCheckpointer::checkpoints() const {
    const std::lock_guard lock(mutex_);
    return checkpoints_;
}

std::uint64_t WalCheckpointer::wait_for_checkpoint(std::uint64_t seen,
                                                   std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    done_.wait_for(lock, timeout, [&] { return checkpoints_ > seen; });
    return checkpoints_;
}

std::uint64_t WalCheckpointer::finished() const {
    const std::lock_guard lock(mutex_);
    return finished_;
}

std::uint64_t WalCheckpointer::truncations() const {
    const std::lock_guard lock(mutex_);
    return truncations_;
}

bool WalCheckpointer::checkpoint(Database& db, const char* mode) {
    try {
        auto stmt = db.prepare(std::string("PRAGMA wal_checkpoint(") + mode + ")");
        // One row: busy (1 when a TRUNCATE could not finish), frames in the WAL, frames
        // checkpointed. Finished means every frame is back in the database file, so the writer
        // starts the log again at its next transaction.
        return stmt.step() && stmt.integer(0) == 0 && stmt.integer(1) == stmt.integer(2);
    } catch (const std::exception& e) {
        // A busy or failed checkpoint leaves the WAL longer and loses nothing: the next commit
        // over the threshold asks again.
        spdlog::warn("event=wal_checkpoint_failed mode={} detail=\"{}\"", mode, e.what());
        return false;
    }
}

namespace {

// The gate closed, and the long reads under way finished (or given up on, logged), for its
// lifetime.
class ReportsHeld {
  public:
    ReportsHeld(LongReadGate& gate, std::chrono::milliseconds drain) : gate_(gate) {
        if (!gate_.close(drain)) {
            spdlog::warn("event=wal_reports_still_reading after_ms={}", drain.count());
        }
    }
    ReportsHeld(const ReportsHeld&) = delete;
    ReportsHeld& operator=(const ReportsHeld&) = delete;
    ~ReportsHeld() { gate_.open(); }

  private:
    LongReadGate& gate_;
};

}  // namespace

bool WalCheckpointer::copy_back(Database& db) {
    const bool finished = checkpoint(db, "PASSIVE");
    if (finished) {
        // Counted as soon as it is known: a gate may open right after.
        const std::lock_guard lock(mutex_);
        ++finished_;
    }
    return finished;
}

bool WalCheckpointer::copy_back_until_restarted(Database& db) {
    // A copy finishes only when no reader is behind the log's end, and the writer starts the
    // log again only when its transaction begins on a finished copy; between the two a commit
    // can slip in. So copy, wait for the next commit, and copy again, until a commit shows the
    // log started again (or the time allowed runs out): reports held back until then cannot
    // pin the new log's first frames.
    const auto until = std::chrono::steady_clock::now() + limits_.restart_wait;
    std::unique_lock lock(mutex_);
    const auto restarts_before = restarts_;
    for (;;) {
        lock.unlock();
        const bool finished = copy_back(db);
        lock.lock();
        const bool woken = wake_.wait_until(
            lock, until, [&] { return stopping_ || due_ || restarts_ > restarts_before; });
        if (!woken || stopping_ || restarts_ > restarts_before) {
            return finished;
        }
        due_ = false;
    }
}

void WalCheckpointer::run(Database& db) {
    using Clock = std::chrono::steady_clock;
    const std::filesystem::path wal = db.path().string() + "-wal";
    // A TRUNCATE checkpoint holds the write lock while it waits for readers: waiting long would
    // hold up every request's audit entry behind one long report.
    db.exec("PRAGMA busy_timeout=" + std::to_string(limits_.truncate_wait.count()));
    const auto wal_size = [&] {
        std::error_code ec;
        const auto size = std::filesystem::file_size(wal, ec);
        return ec ? std::uintmax_t{0} : size;
    };
    // A truncation that could not finish is tried again at retry_at.
    bool retrying = false;
    auto retry_at = Clock::now();
    std::unique_lock lock(mutex_);
    for (;;) {
        auto deadline = Clock::now() + limits_.idle;
        if (retrying) {
            deadline = std::min(deadline, retry_at);
        }
        const bool asked = wake_.wait_until(lock, deadline, [this] { return due_ || stopping_; });
        if (stopping_) {
            return;
        }
        const bool idle = !asked && committed_since_truncate_ && !retrying;
        const bool retry = !asked && retrying && Clock::now() >= retry_at;
        if (!asked && !idle && !retry) {
            continue;
        }
        due_ = false;
        lock.unlock();
        bool finished = asked && copy_back(db);
        // Past a quarter of the ceiling and not all copied back: a report's old snapshot is what
        // holds the rest. Nothing waits on the write lock meanwhile, so requests go on.
        if (asked && !finished && long_reads_ != nullptr && wal_size() > limits_.max_bytes / 4) {
            const ReportsHeld held(*long_reads_, limits_.long_read_drain);
            finished = copy_back_until_restarted(db);
        }
        // TRUNCATE holds every writer up while it waits for readers and copies: only when idle,
        // and when the log is past half its ceiling all the same (a reader the gate does not
        // hold back, such as a report run from the command line, has kept it from restarting).
        const bool near_ceiling = !idle && !finished && wal_size() > limits_.max_bytes / 2;
        const bool truncate = idle || (near_ceiling && (!retrying || Clock::now() >= retry_at));
        bool truncated = false;
        if (truncate) {
            std::optional<ReportsHeld> held;
            if (near_ceiling && long_reads_ != nullptr) {
                held.emplace(*long_reads_, limits_.long_read_drain);
            }
            truncated = checkpoint(db, "TRUNCATE");
        }
        if (truncated || (!truncate && !near_ceiling)) {
            retrying = false;
        } else if (truncate) {
            retrying = true;
            retry_at = Clock::now() + limits_.truncate_retry;
        }
        lock.lock();
        ++checkpoints_;
        if (truncated) {
            ++truncations_;
            committed_since_truncate_ = false;
        }
        done_.notify_all();
    }
}

}  // namespace iro::store
