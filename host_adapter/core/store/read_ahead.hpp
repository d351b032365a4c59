#pragma once
// Read-ahead: a producer on a worker thread fills batches that the calling thread takes in order,
// at most `depth` batches ahead. A long ordered read (the daily scan of every case file) then runs
// on a second core while the caller works through what was read before. The producer's failure
// reaches the consumer, in its place in the order; a consumer that stops early (it threw, say)
// stops the producer when the ReadAhead is destroyed. Batches the consumer is done with go back to
// the producer to be filled again: their elements keep the memory they hold, and what one thread
// allocates is freed by that thread.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace iro::store {

template <class T>
class ReadAhead {
  public:
    /// What the producer is handed: where its batches go, and where spent ones come back.
    class Producer {
      public:
        /// Hands one batch to the consumer, waiting while `depth` batches are waiting already.
        void push(std::vector<T>&& batch) { ahead_.push(std::move(batch)); }
        /// A batch the consumer is done with, to fill again (its elements are left as they were);
        /// an empty one when none has come back.
        std::vector<T> reuse() { return ahead_.reuse(); }

      private:
        friend class ReadAhead;
        explicit Producer(ReadAhead& ahead) : ahead_(ahead) {}
        ReadAhead& ahead_;
    };

    /// Starts `produce` on a worker thread; it pushes each batch, in order.
    ReadAhead(std::function<void(Producer&)> produce, std::size_t depth)
        : depth_(depth == 0 ? 1 : depth),
          worker_([this, produce = std::move(produce)] { run(produce); }) {}

    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    /// Stops the producer if it is still going, and waits for it.
    ~ReadAhead() {
        {
            const std::lock_guard lock(mutex_);
            stopped_ = true;
        }
        changed_.notify_all();
        worker_.join();
    }

    /// The next batch; nullopt once the producer has finished. Rethrows the producer's failure
    /// after the batches it pushed before failing.
    std::optional<std::vector<T>> next() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !ready_.empty() || finished_; });
        if (!ready_.empty()) {
            std::vector<T> batch = std::move(ready_.front());
            ready_.pop_front();
            lock.unlock();
            changed_.notify_all();
            return batch;
        }
        if (failure_) {
            std::rethrow_exception(std::exchange(failure_, nullptr));
        }
        return std::nullopt;
    }

    /// Hands a batch the consumer is done with back to the producer (dropped once it has
    /// finished).
    void give_back(std::vector<T>&& batch) {
        const std::lock_guard lock(mutex_);
        if (!finished_) {
            spent_.push_back(std::move(batch));
        }
    }

  private:
    // Thrown through the producer when the consumer has gone, to unwind it.
    struct Stopped {};

    void run(const std::function<void(Producer&)>& produce) {
        std::exception_ptr failure;
        try {
            Producer producer(*this);
            produce(producer);
        } catch (const Stopped&) {
            // The consumer has gone: nobody wants the rest.
        } catch (...) {
            failure = std::current_exception();
        }
        std::deque<std::vector<T>> spent;
        {
            const std::lock_guard lock(mutex_);
            failure_ = failure;
            finished_ = true;
            spent.swap(spent_);  // freed on this thread, outside the lock
        }
        changed_.notify_all();
    }

    void push(std::vector<T>&& batch) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return ready_.size() < depth_ || stopped_; });
        if (stopped_) {
            throw Stopped{};
        }
        ready_.push_back(std::move(batch));
        lock.unlock();
        changed_.notify_all();
    }

    std::vector<T> reuse() {
        const std::lock_guard lock(mutex_);
        if (spent_.empty()) {
            return {};
        }
        std::vector<T> batch = std::move(spent_.front());
        spent_.pop_front();
        return batch;
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::vector<T>> ready_;
    std::deque<std::vector<T>> spent_;
    bool finished_ = false;
    bool stopped_ = false;
    std::exception_ptr failure_;
    std::size_t depth_;
    std::thread worker_;  // last: it starts once every member above exists
};

}  // namespace iro::store
