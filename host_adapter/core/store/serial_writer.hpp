#pragma once
// The store's one writing connection in a serving host, and the lock that takes turns at it.
// SQLite lets one connection write at a time anyway; taking turns here, in the process, means a
// request waits on a mutex rather than on SQLite's busy handler, which polls by sleeping.

#include <mutex>

#include "store/sqlite.hpp"

namespace iro::store {

class SerialWriter {
  public:
    explicit SerialWriter(Database& db) : db_(db) {}
    SerialWriter(const SerialWriter&) = delete;
    SerialWriter& operator=(const SerialWriter&) = delete;
    ~SerialWriter() = default;

    /// Held while using db(); not reentrant.
    [[nodiscard]] std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }
    /// The writing connection: only with lock() held.
    Database& db() { return db_; }

  private:
    Database& db_;
    std::mutex mutex_;
};

}  // namespace iro::store
