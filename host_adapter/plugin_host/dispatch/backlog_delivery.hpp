#pragma once
// The case events queued while no host ran (an import of 250,000 children queues over a million)
// delivered by a serving host in the background, a batch per turn at the writing connection, so
// HTTP is open from the start and requests are answered between batches. /readyz reports the
// backlog; a stop request ends it between batches, leaving the rest queued for the next start.

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>

#include "dispatch/event_queue.hpp"
#include "store/serial_writer.hpp"

namespace iro::dispatch {

class BacklogDelivery {
  public:
    /// What a batch reports, for the service's counters and log.
    using OnBatch = std::function<void(const DrainReport& batch)>;

    /// Starts delivering at once, `batch` events per turn.
    BacklogDelivery(store::SerialWriter& writer, modules::ModuleRegistry& registry,
                    const plugin::Clock& clock, OnBatch on_batch, int batch = 256);
    BacklogDelivery(const BacklogDelivery&) = delete;
    BacklogDelivery& operator=(const BacklogDelivery&) = delete;
    /// Stops after the batch in hand and waits for it.
    ~BacklogDelivery();

    /// Asks the delivery to stop after the batch in hand (it does not wait).
    void stop();
    /// Stops after the batch in hand and waits for it: nothing touches the store or the modules
    /// on the delivery's behalf afterwards.
    void stop_and_wait();
    /// True until the queue was found empty, the delivery stopped, or it failed.
    bool running() const { return running_.load(); }
    /// Events delivered so far.
    std::uint64_t delivered() const { return delivered_.load(); }

  private:
    void run(store::SerialWriter& writer, modules::ModuleRegistry& registry,
             const plugin::Clock& clock, const OnBatch& on_batch, int batch);

    std::atomic<bool> stopping_{false};
    std::atomic<bool> running_{true};
    std::atomic<std::uint64_t> delivered_{0};
    std::thread thread_;
};

}  // namespace iro::dispatch
