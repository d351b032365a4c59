#include "store/reader_pool.hpp"

#include <string>

namespace iro::store {

ReaderPool::Lease::~Lease() {
    if (db_ && pool_ != nullptr) {
        pool_->give_back(std::move(db_));
    }
}

ReaderPool::ReaderPool(std::filesystem::path path, int cache_size)
    : path_(std::move(path)), cache_size_(cache_size) {}

ReaderPool::Lease ReaderPool::lease() {
    {
        const std::lock_guard lock(mutex_);
        if (!free_.empty()) {
            auto db = std::move(free_.back());
            free_.pop_back();
            return {*this, std::move(db)};
        }
    }
    // Opened outside the lock: opening reads the schema from the file.
    auto db = std::make_unique<Database>(Database::open_reader(path_));
    db->exec("PRAGMA cache_size=" + std::to_string(cache_size_));
    const std::lock_guard lock(mutex_);
    ++opened_;
    return {*this, std::move(db)};
}

std::size_t ReaderPool::opened() const {
    const std::lock_guard lock(mutex_);
    return opened_;
}

void ReaderPool::give_back(std::unique_ptr<Database> db) {
    // A statement left part-way through its rows would keep its snapshot, and with it the
    // write-ahead log from being recycled, until the connection's next use.
    db->reset_statements();
    const std::lock_guard lock(mutex_);
    free_.push_back(std::move(db));
}

}  // namespace iro::store
