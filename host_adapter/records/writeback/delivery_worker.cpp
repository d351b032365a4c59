#include "writeback/delivery_worker.hpp"

#include <spdlog/spdlog.h>

#include "store/sqlite.hpp"

namespace iro::writeback {

DeliveryWorker::DeliveryWorker(std::filesystem::path database, CmsConfig cms,
                               const plugin::Clock& clock, std::chrono::milliseconds poll)
    : database_(std::move(database)),
      cms_(std::move(cms)),
      clock_(clock),
      poll_(poll),
      thread_([this] { run(); }) {}

DeliveryWorker::~DeliveryWorker() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void DeliveryWorker::nudge() {
    {
        const std::lock_guard lock(mutex_);
        nudged_ = true;
    }
    wake_.notify_all();
}

void DeliveryWorker::run() {
    try {
        auto db = store::Database::open(database_);
        Deliverer deliverer(db, cms_, clock_);
        const auto keep_going = [this] {
            const std::lock_guard lock(mutex_);
            return !stopping_;
        };
        for (;;) {
            deliverer.deliver_due(keep_going);
            const auto next = deliverer.next_due();
            std::unique_lock lock(mutex_);
            auto wake_at = clock_.now() + poll_;
            if (next && *next < wake_at) {
                wake_at = *next;
            }
            wake_.wait_until(lock, wake_at, [this] { return stopping_ || nudged_; });
            if (stopping_) {
                return;
            }
            nudged_ = false;
        }
    } catch (const std::exception& e) {
        // The outbox keeps everything; a restart of the service picks up where this stopped.
        spdlog::error("event=writeback_stopped error=\"{}\"", e.what());
    }
}

}  // namespace iro::writeback
