#include "store/wal_checkpointer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace iro::store {

WalCheckpointer::WalCheckpointer(Database& serving, WalLimits limits)
    : serving_(serving), limits_(limits) {
    // Opened here, so a store the thread could not open is refused before automatic
    // checkpoints are switched off.
    thread_ = std::thread([this, db = Database::open(serving.path())]() mutable { run(db); });
    serving_.on_wal_commit([this](int pages) {
        const bool due = pages >= limits_.checkpoint_pages;
        {
            const std::lock_guard lock(mutex_);
            committed_since_truncate_ = true;
            due_ = due_ || due;
        }
        if (due) {
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

std::uint64_t WalCheckpointer::truncations() const {
    const std::lock_guard lock(mutex_);
    return truncations_;
}

bool WalCheckpointer::checkpoint(Database& db, const char* mode) {
    try {
        auto stmt = db.prepare(std::string("PRAGMA wal_checkpoint(") + mode + ")");
        // One row: busy (1 when it could not finish), frames in the WAL, frames checkpointed.
        return stmt.step() && stmt.integer(0) == 0;
    } catch (const std::exception& e) {
        // A busy or failed checkpoint leaves the WAL longer and loses nothing: the next commit
        // over the threshold asks again.
        spdlog::warn("event=wal_checkpoint_failed mode={} detail=\"{}\"", mode, e.what());
        return false;
    }
}

void WalCheckpointer::run(Database& db) {
    using Clock = std::chrono::steady_clock;
    const std::filesystem::path wal = db.path().string() + "-wal";
    // A TRUNCATE checkpoint holds the write lock while it waits for readers: waiting long would
    // hold up every request's audit entry behind one long report.
    db.exec("PRAGMA busy_timeout=" + std::to_string(limits_.truncate_wait.count()));
    const auto over_limit = [&] {
        std::error_code ec;
        const auto size = std::filesystem::file_size(wal, ec);
        return !ec && size > limits_.max_bytes / 4;
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
        if (asked) {
            checkpoint(db, "PASSIVE");
        }
        const bool over = !idle && over_limit();
        const bool truncate = idle || (over && (!retrying || Clock::now() >= retry_at));
        const bool truncated = truncate && checkpoint(db, "TRUNCATE");
        if (truncated || (!truncate && !over)) {
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
