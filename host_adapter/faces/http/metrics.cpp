#include "http/metrics.hpp"

#include <fmt/format.h>

namespace iro::http {

void RequestMetrics::observe(const std::string& route, const std::string& method, unsigned status,
                             double seconds) {
    const std::lock_guard lock(mutex_);
    ++counts_[{route, method, status}];
    auto& h = latency_[{route, method}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++h.buckets[i];
        }
    }
    ++h.count;
    h.sum += seconds;
}

std::string prometheus_label(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string RequestMetrics::render() const {
    const std::lock_guard lock(mutex_);
    std::string out =
        "# HELP iro_http_requests_total HTTP requests answered, by route pattern, method and "
        "status.\n# TYPE iro_http_requests_total counter\n";
    for (const auto& [key, count] : counts_) {
        const auto& [route, method, status] = key;
        out +=
            fmt::format("iro_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                        prometheus_label(route), method, status, count);
    }
    out +=
        "# HELP iro_http_request_duration_seconds Time from a whole request received to its "
        "response ready, by route pattern and method.\n"
        "# TYPE iro_http_request_duration_seconds histogram\n";
    for (const auto& [key, h] : latency_) {
        const auto labels =
            fmt::format("route=\"{}\",method=\"{}\"", prometheus_label(key.first), key.second);
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out += fmt::format("iro_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                               labels, kBuckets[i], h.buckets[i]);
        }
        out += fmt::format("iro_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                           labels, h.count);
        out += fmt::format("iro_http_request_duration_seconds_sum{{{}}} {:.6f}\n", labels, h.sum);
        out += fmt::format("iro_http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
    }
    return out;
}

}  // namespace iro::http
