// /panel/launch: the case-management system opens the panel for the child on its screen with the
// user already signed in. The CMS (an integration holding an HMAC secret) signs a URL for one
// user and one child (auth/signed_requests.hpp); the URL works once, within a minute. Opening it
// starts a panel session and shows the child's panel, in the CMS's frame or a tab of its own;
// where single sign-on is required, it hands over to the council's provider instead, and only
// that same user signing in there gets the panel.

#include <spdlog/spdlog.h>

#include <boost/beast/http/status.hpp>

#include "access/child_access.hpp"
#include "api/failed_authentication.hpp"
#include "api/panel_html.hpp"
#include "api/panel_sign_in.hpp"
#include "api/service.hpp"
#include "auth/api_tokens.hpp"
#include "common/error.hpp"
#include "host/host.hpp"
#include "oidc/provider.hpp"
#include "panel/panel_page.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

namespace {

http::Response refused_page(Call& call, Context& context, bh::status status,
                            const std::string& detail, const std::string& child) {
    return panel_html(call.request, context, status,
                      panel::render_error_page(static_cast<unsigned>(status), detail, child));
}

}  // namespace

void add_launch_routes(ApiRouter& router) {
    router.add(
        bh::verb::get, "/panel/launch",
        {Gate::open,
         [](Call& call, Context& context) {
             const auth::PanelLaunch launch{
                 bounded_query(call, "child"),  bounded_query(call, "user"),
                 bounded_query(call, "client"), bounded_query(call, "ts"),
                 bounded_query(call, "nonce"),  bounded_query(call, "sig")};
             const auto now = context.host.clock().now();
             std::string refusal;
             std::optional<access::Principal> principal;
             std::optional<ErrorKind> no_access;
             with_writer(call, context, [&](store::Database& db) {
                 try {
                     if (!valid_panel_id(launch.child_id)) {
                         throw auth::NotAuthenticated("a launch names a child");
                     }
                     principal = auth::verify_launch(db, context.signing_key, launch, now);
                     access::require_child_access(db, *principal, launch.child_id,
                                                  context.host.clock().today());
                 } catch (const auth::NotAuthenticated& e) {
                     refusal = e.what();
                 } catch (const Error& e) {
                     no_access = e.kind();
                 }
             });
             if (!refusal.empty()) {
                 spdlog::warn("event=launch_refused request_id={} client={} reason=\"{}\"",
                              call.exchange.request_id, launch.client.substr(0, 64), refusal);
                 call.audit_detail = "launch refused: " + refusal;
                 if (count_failed_authentication(call, context, refusal)) {
                     auto response = refused_page(
                         call, context, bh::status::too_many_requests,
                         "Too many links to the panel have failed from this address. Wait a "
                         "minute, then open the panel again from the child's record.",
                         "");
                     response.set(boost::beast::http::field::retry_after,
                                  std::to_string(retry_after_failures(context)));
                     return response;
                 }
                 return refused_page(call, context, bh::status::unauthorized,
                                     "This link to the panel has expired or has already been "
                                     "used. Open the panel again from the child's record in the "
                                     "case-management system.",
                                     "");
             }
             // The launch was genuine, but the child is not this user's to see: no session.
             call.principal = *principal;
             call.child_id = launch.child_id;
             if (no_access) {
                 call.audit_detail = "launch refused: no allocation gives access";
                 return refused_page(
                     call, context, bh::status::forbidden,
                     "The case-management system opened the panel for a child you are not "
                     "allocated to, so it is not shown. If you should work with this child, ask "
                     "your team manager to update the allocation.",
                     "");
             }
             if (context.sso && context.sso->config().required) {
                 call.audit_detail = "launch handed to single sign-on for " + principal->user_id;
                 return begin_single_sign_on(call, context, launch.child_id, principal->user_id);
             }
             return with_writer(call, context, [&](store::Database&) {
                 auto response = session_started(call, context, principal->user_id,
                                                 {"launch", "", ""}, launch.child_id);
                 call.audit_detail += " by launch from " + launch.client;
                 return response;
             });
         },
         StoreUse::none});
}

}  // namespace iro::api
