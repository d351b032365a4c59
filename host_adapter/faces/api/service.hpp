#pragma once
// The HTTP service's front door: every request is matched to an endpoint, authenticated (API
// token, signed CMS request, or panel session), let through the endpoint's gate or refused,
// answered, measured and, when it touches a child's data or changes anything, audited.

#include "api/endpoint.hpp"

namespace iro::api {

class ApiService {
  public:
    /// Registers every endpoint. `store` is how requests reach the store (host.database() is
    /// its writing connection); `after_change` runs after each change (write-back nudge).
    ApiService(host::Host& host, const auth::SigningKey& signing_key, StoreAccess store,
               std::function<void()> after_change);

    http::Response handle(http::Request& request, const http::Exchange& exchange);

    const ApiRouter& router() const { return router_; }
    Context& context() { return context_; }

  private:
    /// dispatch(), answering whatever it throws: nothing a request causes ends the service.
    http::Response dispatch_guarded(Call& call, const ApiRouter::Route& route);
    http::Response dispatch(Call& call, const ApiRouter::Route& route);
    Context context_;
    ApiRouter router_;
};

/// Every route's method and pattern, for the OpenAPI check (the service is not needed).
std::vector<std::pair<std::string, std::string>> route_table();

/// Adds the endpoints, by area (each in its own file).
void add_child_routes(ApiRouter& router);
void add_event_routes(ApiRouter& router);
void add_admin_routes(ApiRouter& router);
void add_report_routes(ApiRouter& router);
void add_health_routes(ApiRouter& router);
void add_panel_routes(ApiRouter& router);
void add_sso_routes(ApiRouter& router);
void add_launch_routes(ApiRouter& router);
void add_document_routes(ApiRouter& router);
void add_asset_routes(ApiRouter& router);

/// Adds every area's endpoints: the service's, and the table the OpenAPI check reads.
void add_all_routes(ApiRouter& router);

/// The OpenAPI document as served: schemas/openapi.json with every schema it references included.
nlohmann::json served_openapi_document();

}  // namespace iro::api
