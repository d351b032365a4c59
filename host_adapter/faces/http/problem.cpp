#include "http/problem.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/version.hpp>

namespace iro::http {

namespace bh = boost::beast::http;

namespace {
// A response never fails to be written: text that is not UTF-8 (from a header or a parser's
// message quoting what it was sent) is shown as U+FFFD rather than throwing mid-request.
std::string text_of(const nlohmann::json& body) {
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
}  // namespace

Response make_response(const Request& request, bh::status status, std::string body,
                       std::string_view content_type) {
    Response res{status, request.version()};
    res.set(bh::field::server, "iro-oversight");
    res.set(bh::field::content_type, std::string(content_type));
    res.set(bh::field::cache_control, "no-store");  // children's data: never kept by a proxy
    res.set("X-Content-Type-Options", "nosniff");
    res.keep_alive(request.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

Response json_response(const Request& request, bh::status status, const nlohmann::json& body) {
    return make_response(request, status, text_of(body), "application/json");
}

Response problem(const Request& request, bh::status status, std::string_view slug,
                 const std::string& detail, const std::string& request_id,
                 const nlohmann::json& extra) {
    nlohmann::json body = {{"type", "/problems/" + std::string(slug)},
                           {"title", std::string(bh::obsolete_reason(status))},
                           {"status", static_cast<unsigned>(status)},
                           {"detail", detail},
                           {"request_id", request_id}};
    body.update(extra);
    return make_response(request, status, text_of(body), "application/problem+json");
}

}  // namespace iro::http
