#pragma once
// The request and response types of the HTTP service, and what the server knows of a request
// beyond its bytes.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <ostream>  // before Beast 1.74, whose headers use std::ostream unincluded
#include <string>

namespace iro::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

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

/// What the server adds to a request: where it came from and the id it is logged under.
struct Exchange {
    std::string request_id;
    std::string peer;
    std::chrono::steady_clock::time_point received;
};

}  // namespace iro::http
