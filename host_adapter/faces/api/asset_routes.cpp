// /panel/assets/...: what the panel's pages load besides themselves, served by the host (no CDN:
// a council's network may reach nothing else, and a CDN would learn who opens the panel). Open to
// anyone, since the sign-in page needs them too; they hold no one's data.

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>

#include "api/service.hpp"
#include "http/problem.hpp"
#include "panel/panel_stylesheet.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

void add_asset_routes(ApiRouter& router) {
    router.add(bh::verb::get, "/panel/assets/{file}",
               {Gate::open,
                [](Call& call, Context&) {
                    // Only this build's stylesheet, by the name its content gives it: a page
                    // from another build asks for a name that is not found, never for a stale
                    // sheet under the same name.
                    const auto& path = panel::stylesheet_path();
                    if (call.path != path) {
                        throw ApiError(404, "not-found", "no such file of the panel");
                    }
                    auto response = http::make_response(call.request, bh::status::ok,
                                                        std::string(panel::stylesheet()),
                                                        "text/css; charset=utf-8");
                    response.set(bh::field::cache_control, "public, max-age=31536000, immutable");
                    return response;
                },
                StoreUse::none});
}

}  // namespace iro::api
