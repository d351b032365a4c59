#include "api/endpoint.hpp"

#include <fmt/format.h>

#include <boost/beast/http/field.hpp>
#include <stdexcept>

#include "text/utf8.hpp"

namespace iro::api {

namespace {
constexpr int kMaxBodyDepth = 32;
}  // namespace

nlohmann::json json_body(const Call& call) {
    const auto type = call.request[boost::beast::http::field::content_type];
    if (type.substr(0, 16) != "application/json") {
        throw ApiError(
            415, "unsupported-media-type",
            "send the body as application/json (Content-Type was '" + std::string(type) + "')");
    }
    if (const auto fault = text::find_utf8_fault(call.request.body())) {
        throw ApiError(400, "malformed-json",
                       fmt::format("the body is not UTF-8 text at byte {}: {}",
                                   fault->byte_offset + 1, fault->reason));
    }
    nlohmann::json body;
    try {
        // A request is a few levels deep; deeper nesting is refused, not recursed into.
        body = nlohmann::json::parse(call.request.body(),
                                     [](int depth, nlohmann::json::parse_event_t, const auto&) {
                                         if (depth > kMaxBodyDepth) {
                                             throw std::length_error("nesting");
                                         }
                                         return true;
                                     });
    } catch (const nlohmann::json::parse_error& e) {
        throw ApiError(400, "malformed-json",
                       "the body is not valid JSON: " + std::string(e.what()));
    } catch (const nlohmann::json::out_of_range&) {
        throw ApiError(400, "malformed-json",
                       "the body holds a number too large for a double (such as 1e400)");
    } catch (const std::length_error&) {
        throw ApiError(400, "malformed-json",
                       fmt::format("the body is nested more than {} levels deep", kMaxBodyDepth));
    }
    if (!body.is_object()) {
        throw ApiError(422, "invalid-body", "the body must be a JSON object");
    }
    return body;
}

std::string required_text(const nlohmann::json& body, const std::string& field) {
    const auto it = body.find(field);
    if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
        throw ApiError(422, "invalid-body", "/" + field + ": required, a non-empty string",
                       {{"errors", {{{"pointer", "/" + field}, {"message", "required"}}}}});
    }
    return it->get<std::string>();
}

}  // namespace iro::api
