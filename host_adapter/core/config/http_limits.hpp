#pragma once
// The limits the HTTP service holds clients to, as configured: plain values, so configuration
// is read without the HTTP library.

#include <chrono>
#include <cstddef>

namespace iro::http {

/// Limits on what a client may send; beyond them the request is refused, never buffered.
struct Limits {
    std::size_t max_body_bytes = std::size_t{1024} * 1024;
    std::size_t max_header_bytes = std::size_t{16} * 1024;
    std::chrono::seconds request_timeout{30};  ///< to receive a whole request
    std::chrono::seconds shutdown_grace{20};   ///< for in-flight requests at shutdown
    /// Out of file descriptors, how long to wait before accepting again.
    std::chrono::milliseconds accept_backoff{100};
    /// Threads answering requests side by side (the network itself is one thread). Most of a
    /// request's time is waiting for its audit entry's commit, not using a core: more threads
    /// than cores let more entries share each commit.
    std::size_t threads = 32;
};

}  // namespace iro::http
