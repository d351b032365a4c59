#include "config/loopback_url.hpp"

#include "config/host_config.hpp"

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

void require_encrypted_url(const std::string& url, const std::string& where,
                           const std::string& what) {
    if (url.rfind("https://", 0) == 0) {
        return;
    }
    if (url.rfind("http://", 0) == 0 && is_loopback_url(url)) {
        return;  // loopback: a local relay or a test server
    }
    throw ConfigError(where + ": '" + url + "' is not an https:// address; " + what +
                      " only sent encrypted (plain http is allowed to loopback only)");
}

}  // namespace iro::config
