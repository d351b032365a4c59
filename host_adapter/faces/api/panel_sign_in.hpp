#pragma once
// The ways into the panel share these: the sign-in page (single sign-on and, unless it is
// required, the API-token form), and the start of a session, whichever way the person proved who
// they are (a token, the council's OpenID provider, a CMS launch).

#include <string>

#include "api/endpoint.hpp"
#include "auth/panel_sessions.hpp"

namespace iro::api {

/// Runs `work` with the store's writing connection as the call's, then gives the turn back: for
/// an endpoint (StoreUse::none) that also waits on the council's identity provider, which must
/// not hold up every other request's writes meanwhile.
template <class Work>
auto with_writer(Call& call, Context& context, Work&& work) {
    // A request that already holds the turn (one sent signed, say: the service gives every
    // signed request the writer) goes on with it; taking it again would wait forever.
    if (call.store == &context.store.writer.db()) {
        return work(call.db());
    }
    const auto turn = context.store.writer.lock();
    call.store = &context.store.writer.db();
    struct Release {
        Call& call;
        explicit Release(Call& c) : call(c) {}
        Release(const Release&) = delete;
        Release& operator=(const Release&) = delete;
        ~Release() { call.store = nullptr; }
    } release{call};
    return work(call.db());
}

/// The query parameter `name`, or "" when it is absent or longer than `max_bytes` (nothing a
/// sign-in or a launch carries is longer than a signature or a state).
std::string bounded_query(const Call& call, const std::string& name, std::size_t max_bytes = 128);

/// A child id fit for a URL and a form field (what the panel's routes accept as {id}).
bool valid_panel_id(std::string_view id);

/// The sign-in page with `status`, a new sign-in cookie and the form token bound to it.
http::Response sign_in_page(const Call& call, const Context& context,
                            boost::beast::http::status status, const std::string& child,
                            const std::string& error);

/// Whether `token` is the form token of the sign-in cookie `nonce`.
bool sign_in_token_holds(const Context& context, const std::string& nonce,
                         const std::string& token);

/// Starts a panel session for `user_id` and answers with its cookie and a page that moves on to
/// the child's panel (or the sign-in page when there is no child). Sets the call's principal and
/// audit detail, so the sign-in is in the audit log under the user's name.
http::Response session_started(Call& call, Context& context, const std::string& user_id,
                               const auth::SessionOrigin& origin, const std::string& child);

/// Sends the browser to the council's identity provider to sign in, to come back to `child`'s
/// panel; `expected_user` (from a CMS launch) is who must sign in, or empty for anyone. 404
/// when single sign-on is not set up; 503 when the provider cannot be reached.
http::Response begin_single_sign_on(Call& call, Context& context, const std::string& child,
                                    const std::string& expected_user);

}  // namespace iro::api
