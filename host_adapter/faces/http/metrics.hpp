#pragma once
// Request counts and latency by route, in the Prometheus text exposition format. Routes are
// patterns, so the label set stays small and holds no child's id.

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace iro::http {

/// Safe to use from several threads at once.
class RequestMetrics {
  public:
    /// Records one answered request.
    void observe(const std::string& route, const std::string& method, unsigned status,
                 double seconds);
    /// iro_http_requests_total and iro_http_request_duration_seconds, with HELP and TYPE.
    std::string render() const;

  private:
    static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  5.0};
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> counts_;
    std::map<std::pair<std::string, std::string>, Histogram> latency_;
};

/// A label value escaped for the exposition format.
std::string prometheus_label(std::string_view value);

}  // namespace iro::http
