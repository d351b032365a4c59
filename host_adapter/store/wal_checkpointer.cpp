#include "store/wal_checkpointer.hpp"

#include <spdlog/spdlog.h>

namespace iro::store {

WalCheckpointer::WalCheckpointer(Database& serving, int threshold_pages)
    : serving_(serving), threshold_pages_(threshold_pages) {
    // Opened here, so a store the thread could not open is refused before automatic
    // checkpoints are switched off.
    thread_ = std::thread([this, db = Database::open(serving.path())]() mutable { run(db); });
    serving_.on_wal_commit([this](int pages) {
        if (pages >= threshold_pages_) {
            {
                const std::lock_guard lock(mutex_);
                due_ = true;
            }
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

void WalCheckpointer::run(Database& db) {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return due_ || stopping_; });
        if (stopping_) {
            return;
        }
        due_ = false;
        lock.unlock();
        try {
            db.exec("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (const std::exception& e) {
            // A busy or failed checkpoint leaves the WAL longer and loses nothing: the next
            // commit over the threshold asks again.
            spdlog::warn("event=wal_checkpoint_failed detail=\"{}\"", e.what());
        }
        lock.lock();
        ++checkpoints_;
        done_.notify_all();
    }
}

}  // namespace iro::store
