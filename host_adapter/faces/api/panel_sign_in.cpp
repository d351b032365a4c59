#include "api/panel_sign_in.hpp"

#include <boost/beast/http/field.hpp>

#include "api/panel_html.hpp"
#include "api/panel_session.hpp"
#include "auth/api_tokens.hpp"
#include "crypto/crypto.hpp"
#include "host/host.hpp"
#include "oidc/provider.hpp"
#include "panel/panel_page.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

namespace {

std::string sign_in_token(const Context& context, const std::string& nonce) {
    return form_token(context.session_key, "sign-in:" + nonce);
}

}  // namespace

std::string bounded_query(const Call& call, const std::string& name, std::size_t max_bytes) {
    const auto it = call.query.find(name);
    return it == call.query.end() || it->second.size() > max_bytes ? std::string() : it->second;
}

bool valid_panel_id(std::string_view id) {
    return !id.empty() && id.size() <= 64 &&
           id.find_first_not_of(
               "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:") ==
               std::string_view::npos;
}

bool sign_in_token_holds(const Context& context, const std::string& nonce,
                         const std::string& token) {
    return auth::constant_time_equal(token, sign_in_token(context, nonce));
}

http::Response sign_in_page(const Call& call, const Context& context, bh::status status,
                            const std::string& child, const std::string& error) {
    const std::string nonce = auth::random_hex(16);
    panel::SignInPage model{child, error, sign_in_token(context, nonce), "", true};
    if (context.sso) {
        model.sso_name = context.sso->config().display_name;
        model.token_form = !context.sso->config().required;
    }
    auto response = panel_html(call.request, context, status, panel::render_sign_in(model));
    response.set(bh::field::set_cookie,
                 panel_cookie(kSignInCookie, nonce, 3600, context.host.config().http));
    return response;
}

http::Response session_started(Call& call, Context& context, const std::string& user_id,
                               const auth::SessionOrigin& origin, const std::string& child) {
    const auto now = context.host.clock().now();
    const auto secret = auth::start_panel_session(call.db(), user_id, origin, now);
    call.principal = auth::user_principal(call.db(), user_id);
    call.audit_detail = "session started for " + user_id + " (" + origin.signed_in_with + ")";
    auto response = panel_html(
        call.request, context, bh::status::ok,
        panel::render_signed_in(child.empty() ? "/panel/sign-in" : "/panel/children/" + child));
    const auto& http = context.host.config().http;
    response.insert(
        bh::field::set_cookie,
        panel_cookie(kPanelCookie, secret, auth::kPanelSessionLength.count() * 3600, http));
    response.insert(bh::field::set_cookie, panel_cookie(kSignInCookie, "", 0, http));
    response.insert(bh::field::set_cookie, returning_cookie(kSsoCookie, "", 0, http));
    return response;
}

}  // namespace iro::api
