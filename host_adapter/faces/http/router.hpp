#pragma once
// Routes by method and path pattern ("/api/v1/children/{id}/prompts"). The pattern, not the
// path, names a route in metrics and in the OpenAPI check, so children's ids never become labels.

#include <boost/beast/http/verb.hpp>
#include <map>
#include <optional>
#include <ostream>  // before Beast 1.74, whose verb.hpp uses std::ostream unincluded
#include <string>
#include <string_view>
#include <vector>

namespace iro::http {

using Params = std::map<std::string, std::string, std::less<>>;

/// The path's segments, percent-decoded. nullopt for a path that is not absolute or has a bad
/// escape, an encoded '/', or text that is not UTF-8 once decoded.
std::optional<std::vector<std::string>> split_path(std::string_view path);

/// Percent-decodes a query component ('+' is a space). nullopt for a bad escape, or for text that
/// is not UTF-8 once decoded.
std::optional<std::string> decode_component(std::string_view text);

/// Whether every name and value of the query string percent-decodes to UTF-8 text.
bool query_decodes(std::string_view query);

/// The query string's parameters (the last of a repeated name wins).
Params parse_query(std::string_view query);

/// Every name=value pair in order, repeats kept (an HTML form's checkboxes).
std::vector<std::pair<std::string, std::string>> parse_pairs(std::string_view query);

template <class Payload>
class Router {
  public:
    struct Route {
        boost::beast::http::verb method;
        std::string pattern;
        std::vector<std::string> segments;
        Payload payload;
    };

    struct Match {
        const Route* route = nullptr;  ///< nullptr: not found or method not allowed
        Params params;                 ///< {name} values
        std::vector<boost::beast::http::verb> allowed;  ///< methods of a path that matched
        bool malformed = false;  ///< the path does not decode (split_path): a bad request
    };

    void add(boost::beast::http::verb method, std::string pattern, Payload payload) {
        auto segments = split_path(pattern);
        routes_.push_back({method, std::move(pattern), std::move(*segments), std::move(payload)});
    }

    Match match(boost::beast::http::verb method, std::string_view path) const {
        Match result;
        const auto segments = split_path(path);
        if (!segments) {
            result.malformed = true;
            return result;
        }
        for (const Route& route : routes_) {
            Params params;
            if (!matches(route.segments, *segments, params)) {
                continue;
            }
            result.allowed.push_back(route.method);
            if (route.method == method && result.route == nullptr) {
                result.route = &route;
                result.params = std::move(params);
            }
        }
        return result;
    }

    const std::vector<Route>& routes() const { return routes_; }

  private:
    static bool matches(const std::vector<std::string>& pattern,
                        const std::vector<std::string>& path, Params& params) {
        if (pattern.size() != path.size()) {
            return false;
        }
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            const std::string& p = pattern[i];
            if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
                if (path[i].empty()) {
                    return false;
                }
                params[p.substr(1, p.size() - 2)] = path[i];
            } else if (p != path[i]) {
                return false;
            }
        }
        return true;
    }

    std::vector<Route> routes_;
};

}  // namespace iro::http
