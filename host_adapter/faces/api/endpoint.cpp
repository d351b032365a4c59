#include "api/endpoint.hpp"

#include <boost/beast/http/field.hpp>

#include "schema/json_text.hpp"

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
    nlohmann::json body;
    try {
        body = schema::parse_json_input(call.request.body(), kMaxBodyDepth);
    } catch (const schema::JsonInputRefused& e) {
        if (!e.pointer()) {
            throw ApiError(400, "malformed-json",
                           std::string("the body is not valid JSON: ") + e.what());
        }
        // Well-formed, but beyond what the service takes: said where, as for an invalid field.
        const std::string& pointer = *e.pointer();
        throw ApiError(422, "json-beyond-limits",
                       (pointer.empty() ? std::string("the body") : pointer) + ": " + e.reason(),
                       {{"errors", {{{"pointer", pointer}, {"message", e.reason()}}}}});
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
