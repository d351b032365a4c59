#pragma once
// Lets the write-ahead log be cut back while reports are being read. A report over a year's
// responses holds its read snapshot for a second or more, and a checkpoint cannot recycle the
// log past the oldest snapshot; with reports asked for back to back there is never a moment
// with none, so the log grows with every audit entry and outruns its ceiling. When the log is
// past its threshold, the checkpointer closes this gate: long reads not yet begun wait, those
// under way finish, the log is truncated, and the gate opens again. Short reads (a child's
// panel) never wait here.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace iro::store {

class LongReadGate {
  public:
    /// A long read under way, from enter() until destroyed.
    class Pass {
      public:
        explicit Pass(LongReadGate& gate) : gate_(&gate) {}
        Pass(Pass&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
        Pass& operator=(Pass&&) = delete;
        Pass(const Pass&) = delete;
        Pass& operator=(const Pass&) = delete;
        ~Pass();

      private:
        LongReadGate* gate_;
    };

    /// `longest_wait`: how long enter() waits for a closed gate before going in anyway (the
    /// checkpointer opens it well before; this only bounds a wait should it not).
    explicit LongReadGate(std::chrono::milliseconds longest_wait = std::chrono::seconds(30))
        : longest_wait_(longest_wait) {}
    LongReadGate(const LongReadGate&) = delete;
    LongReadGate& operator=(const LongReadGate&) = delete;
    ~LongReadGate() = default;

    /// Begins a long read: at once while the gate is open, otherwise once it opens.
    Pass enter();
    /// Closes the gate and waits until no long read is under way, or `timeout` passes; true
    /// when none is. The gate stays closed until open().
    bool close(std::chrono::milliseconds timeout);
    void open();
    /// Waits until the gate is closed, or `timeout` passes; whether it is.
    bool wait_closed(std::chrono::milliseconds timeout) const;
    /// Long reads under way now.
    std::size_t under_way() const;

  private:
    const std::chrono::milliseconds longest_wait_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    bool closed_ = false;
    std::size_t under_way_ = 0;
};

}  // namespace iro::store
