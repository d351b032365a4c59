#pragma once
// The serving host's write-back: a thread with its own store connection that delivers the outbox
// whenever something is due, woken early by nudge() (a note was just recorded) and otherwise
// checking every few seconds for items other processes queued.

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "config/cms_config.hpp"
#include "iro/plugin_api/services.hpp"
#include "writeback/deliverer.hpp"

namespace iro::writeback {

class DeliveryWorker {
  public:
    DeliveryWorker(std::filesystem::path database, CmsConfig cms, const plugin::Clock& clock,
                   std::chrono::milliseconds poll = std::chrono::seconds(5));
    DeliveryWorker(const DeliveryWorker&) = delete;
    DeliveryWorker& operator=(const DeliveryWorker&) = delete;
    /// Stops after the request in flight, if any.
    ~DeliveryWorker();

    /// Look at the outbox now.
    void nudge();

  private:
    void run();

    std::filesystem::path database_;
    CmsConfig cms_;
    const plugin::Clock& clock_;
    std::chrono::milliseconds poll_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool nudged_ = false;
    std::thread thread_;  // last: starts once everything above exists
};

}  // namespace iro::writeback
