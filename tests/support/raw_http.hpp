#pragma once
// One HTTP exchange over a plain TCP socket, byte for byte: for requests no HTTP client library
// would send (raw bytes that are not UTF-8 in a path, headers with control bytes, deep bodies).

#include <string>

namespace iro::test {

/// What came back on the connection until the server closed it (send "Connection: close"), or
/// until `timeout_seconds` passed. Empty when nothing came back.
std::string raw_http(const std::string& base_url, const std::string& bytes,
                     int timeout_seconds = 20);

/// The status code of a raw response ("HTTP/1.1 400 ..." gives 400); 0 when there is none.
int raw_status(const std::string& response);

/// The value of header `name` (case-insensitive) in a raw response, or "" when absent.
std::string raw_header(const std::string& response, const std::string& name);

}  // namespace iro::test
