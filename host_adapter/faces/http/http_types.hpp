#pragma once
// The request and response types of the HTTP service, and what the server knows of a request
// beyond its bytes.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <ostream>  // before Beast 1.74, whose headers use std::ostream unincluded
#include <string>

#include "config/http_limits.hpp"

namespace iro::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

/// What the server adds to a request: where it came from and the id it is logged under.
struct Exchange {
    std::string request_id;
    std::string peer;
    std::chrono::steady_clock::time_point received;
};

}  // namespace iro::http
