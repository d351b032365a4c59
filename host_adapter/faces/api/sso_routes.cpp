// /panel/sign-in/sso and /panel/sign-in/callback: single sign-on to the panel through the
// council's OpenID provider (OpenID Connect Core 1.0, the authorization code flow, with PKCE,
// RFC 7636). The host keeps each sign-in's state, nonce and code verifier in the store, bound to
// the browser by a cookie; the provider's ID token is checked in full (oidc/id_token.hpp) and
// names one of the host's own users (oidc/claimed_user.hpp). The provider is reached only
// between turns at the store, so a slow provider holds up no other request's writes.

#include <spdlog/spdlog.h>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>

#include "api/panel_html.hpp"
#include "api/panel_session.hpp"
#include "api/panel_sign_in.hpp"
#include "api/service.hpp"
#include "host/host.hpp"
#include "http/problem.hpp"
#include "oidc/claimed_user.hpp"
#include "oidc/pending_sign_ins.hpp"
#include "oidc/provider.hpp"
#include "panel/panel_page.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

namespace {

std::string redirect_uri(const Call& call, const Context& context) {
    return panel_origin(call.request, context.host.config().http) + "/panel/sign-in/callback";
}

oidc::Provider& provider(const Context& context) {
    if (!context.sso) {
        throw ApiError(404, "not-found",
                       "single sign-on is not set up here: sign in with an API token");
    }
    return *context.sso;
}

/// The sign-in page again, saying why this attempt did not sign anyone in.
/// `check`: what the failed check found, for the log only (claim names, times, never the token).
http::Response refused(Call& call, Context& context, bh::status status, const std::string& child,
                       const std::string& reason, const std::string& why,
                       const std::string& check = "") {
    spdlog::warn("event=sso_refused request_id={} reason={} detail=\"{}\" check=\"{}\"",
                 call.exchange.request_id, reason, why, check);
    call.audit_detail = "single sign-on refused: " + reason;
    auto response = sign_in_page(call, context, status, child, why);
    response.insert(bh::field::set_cookie,
                    returning_cookie(kSsoCookie, "", 0, context.host.config().http));
    return response;
}

/// Why a returning sign-in was refused: the reason logged and audited, and what the person reads.
std::pair<const char*, const char*> mismatch_words(oidc::SignInMismatch why) {
    switch (why) {
        case oidc::SignInMismatch::unknown_state:
            return {"unknown-state", "That sign-in is not one this service began. Start again."};
        case oidc::SignInMismatch::used:
            return {"replayed-state", "That sign-in has already been used. Start again."};
        case oidc::SignInMismatch::expired:
            return {"expired-state", "That sign-in took longer than ten minutes. Start again."};
        case oidc::SignInMismatch::other_browser:
            return {"other-browser",
                    "That sign-in was begun in another browser. Start again here."};
    }
    return {"state", "Start again."};
}

}  // namespace

http::Response begin_single_sign_on(Call& call, Context& context, const std::string& child,
                                    const std::string& expected_user) {
    auto& sso = provider(context);
    const auto now = context.host.clock().now();
    const auto pending = with_writer(call, context, [&](store::Database& db) {
        return oidc::begin_sign_in(db, child, expected_user, now);
    });
    std::string url;
    try {
        url = sso.authorization_url(
            {redirect_uri(call, context), pending.state, pending.nonce, pending.code_verifier,
             sso.config().user_field == config::OidcUserField::user_id ? expected_user : ""});
    } catch (const oidc::ProviderUnavailable& e) {
        spdlog::error("event=sso_unavailable request_id={} reason=\"{}\"", call.exchange.request_id,
                      e.what());
        throw ApiError(503, "sign-in-unavailable",
                       "the council's sign-in service cannot be reached just now; try again in a "
                       "few minutes, or tell the IT service desk");
    }
    auto response = http::make_response(call.request, bh::status::see_other, "", "text/plain");
    response.set(bh::field::location, url);
    response.set(bh::field::set_cookie,
                 returning_cookie(kSsoCookie, pending.browser_secret,
                                  std::chrono::seconds(oidc::kSignInLifetime).count(),
                                  context.host.config().http));
    return response;
}

void add_sso_routes(ApiRouter& router) {
    router.add(bh::verb::get, "/panel/sign-in/sso",
               {Gate::open,
                [](Call& call, Context& context) {
                    const std::string child = bounded_query(call, "child");
                    return begin_single_sign_on(call, context, valid_panel_id(child) ? child : "",
                                                "");
                },
                StoreUse::none});
    router.add(
        bh::verb::get, "/panel/sign-in/callback",
        {Gate::open,
         [](Call& call, Context& context) {
             auto& sso = provider(context);
             const auto now = context.host.clock().now();
             const std::string state = bounded_query(call, "state");
             const auto browser = request_cookie(call.request, kSsoCookie).value_or("");
             oidc::SignInMismatch mismatch{};
             // Taken first, whatever else the redirect says: a state is worth one try.
             const auto pending = with_writer(call, context, [&](store::Database& db) {
                 return state.empty() ? std::nullopt
                                      : oidc::take_sign_in(db, state, browser, now, mismatch);
             });
             if (!pending) {
                 const auto [reason, text] = mismatch_words(mismatch);
                 return refused(call, context, bh::status::bad_request, "", reason, text);
             }
             // RFC 9207: a response that names another issuer is not this provider's (a mix-up).
             if (const auto iss = bounded_query(call, "iss", 2048);
                 !iss.empty() && iss != sso.config().issuer) {
                 return refused(call, context, bh::status::unauthorized, pending->child_id,
                                "issuer", "The sign-in came back from another service. Try again.");
             }
             if (const auto error = bounded_query(call, "error", 2048); !error.empty()) {
                 return refused(call, context, bh::status::unauthorized, pending->child_id,
                                "provider-error:" + error.substr(0, 64),
                                "The sign-in service did not sign you in (" + error.substr(0, 64) +
                                    "). Try again.");
             }
             const std::string code = bounded_query(call, "code", 4096);
             std::string id_token;
             std::string user_id;
             try {
                 const auto verified =
                     sso.redeem(code, redirect_uri(call, context), pending->code_verifier,
                                pending->nonce, now, &id_token);
                 user_id = with_writer(call, context, [&](store::Database& db) {
                     return oidc::claimed_user(db, sso.config(), verified.claims);
                 });
             } catch (const oidc::SignInRefused& e) {
                 const bool unknown = e.reason() == "unknown-user" ||
                                      e.reason() == "disabled-user" ||
                                      e.reason() == "ambiguous-user";
                 return refused(call, context,
                                unknown ? bh::status::forbidden : bh::status::unauthorized,
                                pending->child_id, e.reason(),
                                unknown ? std::string(e.what()) + "."
                                        : "The sign-in could not be checked, so you are not "
                                          "signed in. Try again; if it happens again, tell the "
                                          "IT service desk (" +
                                              e.reason() + ").",
                                e.what());
             } catch (const oidc::ProviderUnavailable& e) {
                 spdlog::error("event=sso_unavailable request_id={} reason=\"{}\"",
                               call.exchange.request_id, e.what());
                 return refused(call, context, bh::status::service_unavailable, pending->child_id,
                                "provider-unavailable",
                                "The council's sign-in service cannot be reached just now. Try "
                                "again in a few minutes.");
             }
             // A CMS launch that handed over to single sign-on was for one user: someone else
             // signing in at the provider does not get that launch.
             if (!pending->expected_user.empty() && pending->expected_user != user_id) {
                 return refused(call, context, bh::status::forbidden, "", "launch-user",
                                "The case-management system opened the panel for " +
                                    pending->expected_user + ", but you signed in as " + user_id +
                                    ". Open the panel from the case record again.");
             }
             return with_writer(call, context, [&](store::Database&) {
                 return session_started(call, context, user_id, {"oidc", "", id_token},
                                        pending->child_id);
             });
         },
         StoreUse::none});
}

}  // namespace iro::api
