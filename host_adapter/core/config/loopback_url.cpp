#include "config/loopback_url.hpp"

namespace iro::config {

namespace {

std::string host_of(const std::string& url) {
    const auto scheme_end = url.find("://");
    const auto start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
    auto host = url.substr(start, url.find_first_of("/?#", start) - start);
    if (const auto at = host.rfind('@'); at != std::string::npos) {
        host = host.substr(at + 1);
    }
    if (!host.empty() && host.front() == '[') {
        return host.substr(1, host.find(']') - 1);
    }
    return host.substr(0, host.find(':'));
}

}  // namespace

bool is_loopback_url(const std::string& url) {
    const std::string host = host_of(url);
    return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

}  // namespace iro::config
