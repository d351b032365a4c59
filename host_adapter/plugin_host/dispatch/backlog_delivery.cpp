#include "dispatch/backlog_delivery.hpp"

#include <spdlog/spdlog.h>

namespace iro::dispatch {

BacklogDelivery::BacklogDelivery(store::SerialWriter& writer, modules::ModuleRegistry& registry,
                                 const plugin::Clock& clock, OnBatch on_batch, int batch) {
    thread_ = std::thread([this, &writer, &registry, &clock, on_batch = std::move(on_batch),
                           batch] { run(writer, registry, clock, on_batch, batch); });
}

BacklogDelivery::~BacklogDelivery() {
    stop_and_wait();
}

void BacklogDelivery::stop_and_wait() {
    stop();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void BacklogDelivery::stop() {
    stopping_ = true;
}

void BacklogDelivery::run(store::SerialWriter& writer, modules::ModuleRegistry& registry,
                          const plugin::Clock& clock, const OnBatch& on_batch, int batch) {
    try {
        while (!stopping_) {
            DrainReport report;
            {
                const auto turn = writer.lock();
                report = drain_case_events(writer.db(), registry, clock, batch);
            }
            delivered_ += static_cast<std::uint64_t>(report.events);
            on_batch(report);
            if (report.events < batch) {
                spdlog::info("event=backlog_delivered events={}", delivered_.load());
                break;
            }
        }
        if (stopping_) {
            spdlog::info("event=backlog_delivery_stopped delivered={}", delivered_.load());
        }
    } catch (const std::exception& e) {
        // What was not delivered stays queued: the next change or start delivers it.
        spdlog::error("event=backlog_delivery_failed delivered={} reason=\"{}\"", delivered_.load(),
                      e.what());
    }
    running_ = false;
}

}  // namespace iro::dispatch
