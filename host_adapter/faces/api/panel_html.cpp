#include "api/panel_html.hpp"

#include <nlohmann/json.hpp>

#include "host/host.hpp"
#include "http/problem.hpp"
#include "panel/panel_page.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

http::Response panel_html(const http::Request& request, const Context& context, bh::status status,
                          std::string body) {
    auto response =
        http::make_response(request, status, std::move(body), "text/html; charset=utf-8");
    // No script at all, and styles only from the host's own stylesheet (panel_stylesheet.hpp);
    // framed only by the CMS origins the configuration names.
    std::string ancestors = "'self'";
    for (const auto& origin : context.host.config().http.frame_ancestors) {
        ancestors += " " + origin;
    }
    response.set("Content-Security-Policy",
                 "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                 "form-action 'self'; base-uri 'none'; frame-ancestors " +
                     ancestors);
    // Same-origin, not no-referrer: with no-referrer the browser posts the panel's own forms
    // with "Origin: null", and the origin check could not tell them from another site's.
    response.set("Referrer-Policy", "same-origin");
    return response;
}

bool wants_panel_page(const http::Request& request, std::string_view path) {
    return path.rfind("/panel/", 0) == 0 &&
           request[bh::field::accept].find("text/html") != std::string_view::npos;
}

http::Response panel_error_page(const http::Request& request, const Context& context,
                                const http::Response& problem, const std::string& child_id) {
    const auto json = nlohmann::json::parse(problem.body(), nullptr, false);
    const std::string detail =
        json.is_object() ? json.value("detail", std::string()) : std::string();
    auto response = panel_html(request, context, problem.result(),
                               panel::render_error_page(problem.result_int(), detail, child_id));
    for (const auto field : {bh::field::retry_after, bh::field::allow}) {
        if (const auto it = problem.find(field); it != problem.end()) {
            response.set(field, it->value());
        }
    }
    return response;
}

}  // namespace iro::api
