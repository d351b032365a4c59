#pragma once
// One HTTP(S) exchange with libcurl, with TLS verification always on and no redirects followed.
// A client keeps its connection open between requests. Use one client per thread.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace iro::net {

struct HttpRequest {
    std::string method = "POST";
    std::string url;
    std::vector<std::string> headers;  ///< "Name: value"
    std::string body;
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds timeout{30000};
    std::filesystem::path ca_file;  ///< empty: the system's trust store
};

struct HttpResponse {
    /// False when no HTTP response came back (refused, reset, timed out, TLS failure).
    bool answered = false;
    bool timed_out = false;
    std::string transport_error;  ///< why there was no response
    int status = 0;
    std::string body;         ///< at most kMaxResponseBody bytes are kept
    std::string retry_after;  ///< the Retry-After header's value, if any
};

/// The most of a response body kept (for the dead-letter record).
inline constexpr std::size_t kMaxResponseBody = std::size_t{64} * 1024;

class HttpClient {
  public:
    HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;
    ~HttpClient();

    /// Never throws for network trouble: that is in the response.
    HttpResponse send(const HttpRequest& request);

  private:
    void* curl_;  // a CURL handle (libcurl's CURL is void), kept out of this header
};

/// Seconds to wait that a Retry-After value asks for (delta-seconds or an HTTP date, measured
/// from `now`); nullopt when it is absent or unreadable.
std::optional<std::chrono::milliseconds> parse_retry_after(
    const std::string& value, std::chrono::system_clock::time_point now);

}  // namespace iro::net
