// GET /api/v1/openapi.json: the OpenAPI document describing this service, built into the binary
// with every schema it references included, so a CMS supplier can generate a client from the
// running host (schemas/openapi.json in the source tree and the package is the same document,
// its references still pointing at the files beside it).

#include <boost/beast/http/status.hpp>
#include <memory>

#include "api/service.hpp"
#include "http/problem.hpp"
#include "schema/json_schema.hpp"
#include "schema/schema_bundle.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

nlohmann::json served_openapi_document() {
    auto document = schema::bundle_openapi(
        "openapi.json", [](const std::string& path) { return schema::embedded_schema(path); });
    // Relative to where the document was fetched: the host that served it.
    document["servers"] = nlohmann::json::array(
        {{{"url", "/"}, {"description", "The host that served this document"}}});
    return document;
}

void add_document_routes(ApiRouter& router) {
    // Built once, when the service starts: a document that cannot be built is a defect of the
    // build, found by the first request of any test rather than by a CMS supplier.
    const auto text = std::make_shared<const std::string>(served_openapi_document().dump());
    router.add(bh::verb::get, "/api/v1/openapi.json",
               {Gate::open,
                [text](Call& call, Context&) {
                    return http::make_response(call.request, bh::status::ok, *text,
                                               "application/json");
                },
                StoreUse::none});
}

}  // namespace iro::api
