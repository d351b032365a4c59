#include "store/long_read_gate.hpp"

namespace iro::store {

LongReadGate::Pass::~Pass() {
    if (gate_ == nullptr) {
        return;
    }
    {
        const std::lock_guard lock(gate_->mutex_);
        --gate_->under_way_;
    }
    gate_->changed_.notify_all();
}

LongReadGate::Pass LongReadGate::enter() {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, longest_wait_, [this] { return !closed_; });
    ++under_way_;
    return Pass(*this);
}

bool LongReadGate::close(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    closed_ = true;
    changed_.notify_all();
    return changed_.wait_for(lock, timeout, [this] { return under_way_ == 0; });
}

void LongReadGate::open() {
    {
        const std::lock_guard lock(mutex_);
        closed_ = false;
    }
    changed_.notify_all();
}

bool LongReadGate::wait_closed(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return closed_; });
}

std::size_t LongReadGate::under_way() const {
    const std::lock_guard lock(mutex_);
    return under_way_;
}

}  // namespace iro::store
