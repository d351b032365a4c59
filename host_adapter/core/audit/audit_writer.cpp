#include "audit/audit_writer.hpp"

#include <spdlog/spdlog.h>

#include <optional>
#include <vector>

namespace iro::audit {

// Lives on the appending thread's stack until the writer says it is done.
struct AuditWriter::Pending {
    NewEntry entry;
    bool done = false;
    std::optional<store::SqliteError> error;
    std::condition_variable finished;
};

namespace {

ChainKey store_key(store::SerialWriter& writer) {
    const auto turn = writer.lock();
    store::Savepoint sp(writer.db());  // no other process appends while the key's start is fixed
    auto key = load_or_create_chain_key(writer.db().path().parent_path(), writer.db());
    sp.commit();
    return key;
}

}  // namespace

AuditWriter::AuditWriter(store::SerialWriter& writer) : writer_(writer), key_(store_key(writer)) {
    thread_ = std::thread([this] { run(); });
}

AuditWriter::~AuditWriter() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void AuditWriter::append(NewEntry entry) {
    Pending pending{std::move(entry), false, std::nullopt, {}};
    std::unique_lock lock(mutex_);
    if (stopping_) {
        throw store::SqliteError("the audit log is closing; the entry was not written");
    }
    queue_.push_back(&pending);
    wake_.notify_one();
    pending.finished.wait(lock, [&] { return pending.done; });
    if (pending.error) {
        throw *pending.error;
    }
}

std::uint64_t AuditWriter::commits() const {
    const std::lock_guard lock(mutex_);
    return commits_;
}

std::uint64_t AuditWriter::entries() const {
    const std::lock_guard lock(mutex_);
    return entries_;
}

void AuditWriter::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) {
            return;  // stopping, with everything committed
        }
        // Under load, a moment's wait (at most 1 ms) lets more entries share the commit: fewer
        // commits, and far fewer pages written to the write-ahead log per entry (which is what
        // keeps it under its ceiling while a long report holds an old snapshot).
        wake_.wait_for(lock, std::chrono::milliseconds(1),
                       [this] { return stopping_ || queue_.size() >= 24; });
        std::vector<Pending*> batch(queue_.begin(), queue_.end());
        queue_.clear();
        lock.unlock();
        std::optional<store::SqliteError> error;
        try {
            const auto turn = writer_.lock();
            store::Transaction transaction(writer_.db());
            for (auto* pending : batch) {
                audit::append(writer_.db(), key_, pending->entry);
            }
            transaction.commit();
        } catch (const store::SqliteError& e) {
            error = e;
        } catch (const std::exception& e) {
            error = store::SqliteError(e.what());
        }
        if (error) {
            spdlog::error("event=audit_commit_failed entries={} reason=\"{}\"", batch.size(),
                          error->what());
        }
        lock.lock();
        if (!error) {
            ++commits_;
            entries_ += batch.size();
        }
        for (auto* pending : batch) {
            pending->error = error;
            pending->done = true;
            pending->finished.notify_one();
        }
    }
}

}  // namespace iro::audit
