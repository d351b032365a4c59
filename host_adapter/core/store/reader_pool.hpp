#pragma once
// Read-only connections for requests served side by side. Each request that only reads borrows
// one for its length and gives it back; in WAL mode they read beside the one writer without
// waiting for it, so a slow report does not hold up a child's panel.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "store/sqlite.hpp"

namespace iro::store {

class ReaderPool {
  public:
    /// Borrowed connection; back in the pool (its statements reset) when destroyed.
    class Lease {
      public:
        Lease(ReaderPool& pool, std::unique_ptr<Database> db) : pool_(&pool), db_(std::move(db)) {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease();
        Database& db() { return *db_; }

      private:
        ReaderPool* pool_;
        std::unique_ptr<Database> db_;
    };

    /// `cache_size`: each connection's page cache, as PRAGMA cache_size takes it (negative: KiB).
    ReaderPool(std::filesystem::path path, int cache_size);
    ReaderPool(const ReaderPool&) = delete;
    ReaderPool& operator=(const ReaderPool&) = delete;
    ~ReaderPool() = default;

    /// A free connection, opened when none is free (SqliteError when it cannot be).
    Lease lease();
    /// Connections open now (borrowed or free).
    std::size_t opened() const;

  private:
    void give_back(std::unique_ptr<Database> db);

    const std::filesystem::path path_;
    const int cache_size_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Database>> free_;
    std::size_t opened_ = 0;
};

}  // namespace iro::store
