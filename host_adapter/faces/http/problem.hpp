#pragma once
// Errors as application/problem+json (RFC 9457): a type, the status's title, and a detail that
// says specifically what was wrong; the request id lets a user quote the failure to support.

#include <boost/beast/http/status.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "http/http_types.hpp"

namespace iro::http {

/// A problem response. `slug` names the type ("/problems/<slug>"); `extra` members are merged in
/// (for example "errors" listing every invalid field).
Response problem(const Request& request, boost::beast::http::status status, std::string_view slug,
                 const std::string& detail, const std::string& request_id,
                 const nlohmann::json& extra = nlohmann::json::object());

/// A response with a body of the given media type.
Response make_response(const Request& request, boost::beast::http::status status, std::string body,
                       std::string_view content_type);

/// application/json of `body`.
Response json_response(const Request& request, boost::beast::http::status status,
                       const nlohmann::json& body);

}  // namespace iro::http
