#pragma once
// The panel's pages as responses: the headers every one carries (no script; framed only by the
// CMS origins configured), and the HTML page a person gets in place of a problem+json refusal.

#include <string>

#include "api/endpoint.hpp"

namespace iro::api {

/// `body` (a whole page) as a panel response with the panel's security headers.
http::Response panel_html(const http::Request& request, const Context& context,
                          boost::beast::http::status status, std::string body);

/// Whether the request comes from a person's browser navigating the panel (a /panel/ path and
/// Accept naming text/html), who should read a refusal as a page rather than problem+json.
bool wants_panel_page(const http::Request& request, std::string_view path);

/// `problem` (a problem+json response) as the panel's error page with the same status, naming
/// what went wrong in words for a person and where to go next.
http::Response panel_error_page(const http::Request& request, const Context& context,
                                const http::Response& problem, const std::string& child_id);

}  // namespace iro::api
