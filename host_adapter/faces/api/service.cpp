#include "api/service.hpp"

#include <spdlog/spdlog.h>

#include <boost/beast/http/field.hpp>

#include "access/child_access.hpp"
#include "api/error_statuses.hpp"
#include "api/failed_authentication.hpp"
#include "api/idempotency.hpp"
#include "api/panel_html.hpp"
#include "api/panel_session.hpp"
#include "audit/audit_log.hpp"
#include "audit/audit_writer.hpp"
#include "auth/api_tokens.hpp"
#include "auth/panel_sessions.hpp"
#include "clock/timestamps.hpp"
#include "crypto/crypto.hpp"
#include "crypto/key_file.hpp"
#include "host/host.hpp"
#include "http/problem.hpp"
#include "modules/module_gate.hpp"
#include "oidc/provider.hpp"
#include "store/sqlite.hpp"
#include "text/percent_encoding.hpp"
#include "text/utf8.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

namespace {

/// How the request proves who it is; empty when it does not try.
access::Principal authenticate(Call& call, Context& context, bool panel) {
    auto& db = call.db();
    const auto now = context.host.clock().now();
    const auto& req = call.request;
    if (const auto signature = req["X-IRO-Signature"]; !signature.empty()) {
        auth::SignedRequest signed_request{std::string(req.method_string()),
                                           std::string(req.target()),
                                           req.body(),
                                           std::string(req["X-IRO-Client"]),
                                           std::string(req["X-IRO-Timestamp"]),
                                           std::string(req["X-IRO-Nonce"]),
                                           std::string(req["X-IRO-Acting-User"]),
                                           std::string(signature)};
        return auth::verify_signed_request(db, context.signing_key, signed_request, now);
    }
    if (const auto authorization = req[bh::field::authorization]; !authorization.empty()) {
        constexpr std::string_view kBearer = "Bearer ";
        const std::string_view given(authorization.data(), authorization.size());
        if (given.substr(0, kBearer.size()) != kBearer) {
            throw auth::NotAuthenticated("Authorization is not a Bearer token");
        }
        return auth::authenticate_token(db, given.substr(kBearer.size()), now);
    }
    if (panel) {
        if (const auto cookie = request_cookie(req, kPanelCookie)) {
            const auto session = auth::find_panel_session(db, *cookie, now);
            if (!session) {
                throw auth::NotAuthenticated("panel session ended");
            }
            auto principal = auth::user_principal(db, session->user_id);
            principal.via = "session:" + session->session_id;
            principal.credential_id = session->origin.token_id;
            return principal;
        }
    }
    throw auth::NotAuthenticated("no credentials");
}

bool gate_allows(Gate gate, const access::RoleSet& roles) {
    switch (gate) {
        case Gate::open:
            return true;
        case Gate::child_read:
        case Gate::child_write:
            return access::has_child_role(roles);
        case Gate::self:
            return true;
        case Gate::reports:
            return roles.has(access::Role::iro_manager);
        case Gate::admin:
            return roles.has(access::Role::admin);
        case Gate::events:
            return roles.has(access::Role::cms_integration);
    }
    return false;
}

std::string gate_role(Gate gate) {
    switch (gate) {
        case Gate::reports:
            return "iro_manager";
        case Gate::admin:
            return "admin";
        case Gate::events:
            return "cms_integration";
        default:
            return "none";
    }
}

std::string outcome_of(unsigned status) {
    if (status < 400) {
        return "allowed";
    }
    return (status < 500 ? "refused:" : "failed:") + std::to_string(status);
}

http::Response error_response(const Call& call, unsigned status, std::string_view slug,
                              const std::string& detail,
                              const nlohmann::json& extra = nlohmann::json::object()) {
    return http::problem(call.request, static_cast<bh::status>(status), slug, detail,
                         call.exchange.request_id, extra);
}

}  // namespace

namespace {

// On disk (panel-session.key, 0600), so the panel's form tokens outlive a restart as its
// sessions do: a page loaded before the restart still posts.
std::string panel_session_key(const host::Host& host) {
    return auth::load_or_create_key_file(host.config().data_dir / "panel-session.key", 32);
}

}  // namespace

ApiService::ApiService(host::Host& host, const auth::SigningKey& signing_key, StoreAccess store,
                       std::function<void()> after_change)
    : context_{.host = host,
               .signing_key = signing_key,
               .store = store,
               .session_key = panel_session_key(host),
               .metrics = {},
               .counters = {},
               .after_change = std::move(after_change),
               .draining = false,
               .backlog = nullptr,
               .failures_mutex = {},
               .failed_authentications = auth::FailedAuthentications{},
               .sso = host.config().oidc ? std::make_shared<oidc::Provider>(*host.config().oidc)
                                         : nullptr} {
    add_all_routes(router_);
}

void add_all_routes(ApiRouter& router) {
    add_health_routes(router);
    add_event_routes(router);
    add_child_routes(router);
    add_report_routes(router);
    add_admin_routes(router);
    add_panel_routes(router);
    add_sso_routes(router);
    add_launch_routes(router);
    add_document_routes(router);
    add_asset_routes(router);
}

namespace {

// The store as one request uses it: a read-only connection of its own, or its turn at the
// writing connection. Given up before the audit entry is written (that waits for the audit
// writer, which needs the writing connection) and when the request is done.
class StoreTurn {
  public:
    StoreTurn(Call& call, StoreAccess& store, StoreUse use) : call_(call) {
        if (use == StoreUse::writes) {
            turn_ = store.writer.lock();
            call.store = &store.writer.db();
        } else if (use == StoreUse::reads || use == StoreUse::long_reads) {
            if (use == StoreUse::long_reads) {
                pass_.emplace(store.long_reads.enter());
            }
            lease_.emplace(store.readers.lease());
            call.store = &lease_->db();
        }
    }
    StoreTurn(const StoreTurn&) = delete;
    StoreTurn& operator=(const StoreTurn&) = delete;
    ~StoreTurn() { release(); }

    void release() {
        call_.store = nullptr;
        if (turn_.owns_lock()) {
            turn_.unlock();
        }
        lease_.reset();
        pass_.reset();
    }

  private:
    Call& call_;
    std::unique_lock<std::mutex> turn_;
    std::optional<store::ReaderPool::Lease> lease_;
    std::optional<store::LongReadGate::Pass> pass_;
};

// What a 500 tells the person who met it: the request id to quote; the cause is in the log.
std::string internal_error_detail(const Call& call) {
    return "the service failed to answer; quote request id " + call.exchange.request_id +
           " to your administrator";
}

}  // namespace

http::Response ApiService::handle(http::Request& request, const http::Exchange& exchange) {
    const std::string_view target(request.target().data(), request.target().size());
    const auto question = target.find('?');
    const std::string path(target.substr(0, question));
    const auto match = router_.match(request.method(), path);
    std::string route_name = match.route ? match.route->pattern : "(no route)";
    http::Response response;
    std::string child_id;  // of a child route, for a person's error page
    // Text from the network is checked at the edge: a query or header that is not UTF-8 once
    // decoded is refused here, not passed on to be dropped or echoed somewhere later.
    std::string bad_header;
    for (const auto& field : request) {
        if (text::find_utf8_fault(std::string_view(field.value().data(), field.value().size()))) {
            bad_header = std::string(field.name_string());
            break;
        }
    }
    if (!bad_header.empty()) {
        response =
            http::problem(request, bh::status::bad_request, "malformed-header",
                          "the " + bad_header + " header is not UTF-8 text", exchange.request_id);
    } else if (question != std::string_view::npos &&
               !http::query_decodes(target.substr(question + 1))) {
        response = http::problem(request, bh::status::bad_request, "malformed-query",
                                 "the query string has a bad %-escape or text that is not UTF-8 "
                                 "once decoded",
                                 exchange.request_id);
    } else if (match.route == nullptr) {
        if (match.malformed) {
            response = http::problem(request, bh::status::bad_request, "malformed-path",
                                     "the path has a bad %-escape, an encoded '/', or text that is "
                                     "not UTF-8 once decoded",
                                     exchange.request_id);
        } else if (match.allowed.empty()) {
            response = http::problem(request, bh::status::not_found, "not-found",
                                     "there is no resource at " + path +
                                         " (the API is under "
                                         "/api/v1; see /api/v1/openapi.json)",
                                     exchange.request_id);
        } else {
            std::string allow;
            for (const auto verb : match.allowed) {
                allow += (allow.empty() ? "" : ", ") + std::string(bh::to_string(verb));
            }
            response = http::problem(request, bh::status::method_not_allowed, "method-not-allowed",
                                     std::string(request.method_string()) + " is not allowed on " +
                                         path + "; allowed: " + allow,
                                     exchange.request_id);
            response.set(bh::field::allow, allow);
        }
    } else {
        Call call{request,
                  exchange,
                  path,
                  match.params,
                  question == std::string_view::npos
                      ? http::Params()
                      : http::parse_query(target.substr(question + 1)),
                  {},
                  std::nullopt,
                  {},
                  {}};
        response = dispatch_guarded(call, *match.route);
        child_id = call.child_id;
    }
    // A person in the panel reads a refusal as a page; an API client gets problem+json.
    if (response.result_int() >= 400 && wants_panel_page(request, path) &&
        response[bh::field::content_type].starts_with("application/problem+json")) {
        response = panel_error_page(request, context_, response, child_id);
    }
    response.set("X-Request-Id", exchange.request_id);
    // Every HTML answer carries a policy: the reports hold children's data and run no script.
    // The panel sets its own (it may be framed by the CMS origins configured).
    if (const auto type = response[bh::field::content_type];
        type.substr(0, 9) == "text/html" &&
        response.find("Content-Security-Policy") == response.end()) {
        response.set("Content-Security-Policy",
                     "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                     "form-action 'none'; base-uri 'none'; frame-ancestors 'none'");
        response.set("Referrer-Policy", "no-referrer");
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - exchange.received).count();
    context_.metrics.observe(route_name, std::string(request.method_string()),
                             response.result_int(), seconds);
    return response;
}

http::Response ApiService::dispatch_guarded(Call& call, const ApiRouter::Route& route) {
    // What fails outside an endpoint (signing in, access checks, the audit append) is answered
    // here: a store another process holds or a full disk is the operator's to fix, and the
    // service stays up and says so; nothing escapes to end the process.
    const auto failed = [&](bh::status status, std::string_view slug, const std::string& detail,
                            const char* reason) {
        spdlog::error("event=http_failed request_id={} route=\"{}\" status={} reason=\"{}\"",
                      call.exchange.request_id, route.pattern, static_cast<unsigned>(status),
                      reason);
        auto response = http::problem(call.request, status, slug, detail, call.exchange.request_id);
        if (status == bh::status::service_unavailable) {
            response.set(bh::field::retry_after, "5");
        }
        return response;
    };
    try {
        return dispatch(call, route);
    } catch (const store::SqliteError& e) {
        if (e.code() == SQLITE_BUSY || e.code() == SQLITE_LOCKED) {
            return failed(bh::status::service_unavailable, "store-busy",
                          "the store is busy with another writer (an import, say); try again "
                          "shortly",
                          e.what());
        }
        if (e.code() == SQLITE_FULL || e.code() == SQLITE_IOERR) {
            return failed(bh::status::insufficient_storage, "store-cannot-write",
                          "the store cannot be written (its disk is full or failing); nothing "
                          "was changed",
                          e.what());
        }
        return failed(bh::status::internal_server_error, "internal-error",
                      internal_error_detail(call), e.what());
    } catch (const std::exception& e) {
        return failed(bh::status::internal_server_error, "internal-error",
                      internal_error_detail(call), e.what());
    }
}

http::Response ApiService::dispatch(Call& call, const ApiRouter::Route& route) {
    const Endpoint& endpoint = route.payload;
    const auto now = context_.host.clock().now();
    const bool panel = call.path.rfind("/panel/", 0) == 0;
    const bool child_gate = endpoint.gate == Gate::child_read || endpoint.gate == Gate::child_write;
    const bool change =
        call.request.method() != bh::verb::get && call.request.method() != bh::verb::head;
    const std::string action = std::string(call.request.method_string()) + " " + route.pattern;
    if (child_gate) {
        call.child_id = call.params["id"];
    }
    // A signed request records its nonce, and a signed-in one is checked against the store, so
    // both use it even at an endpoint that does not; a signed one writes.
    auto use = endpoint.store_use;
    if (change || !call.request["X-IRO-Signature"].empty()) {
        use = StoreUse::writes;
    } else if (use == StoreUse::none && endpoint.gate != Gate::open) {
        use = StoreUse::reads;
    }
    StoreTurn turn(call, context_.store, use);

    std::string role = "none";
    const auto record = [&](unsigned status, const std::string& detail) {
        turn.release();
        if (!child_gate && !change && status != 401 && status != 403 && call.audit_detail.empty()) {
            return;  // reads of no child's data (health, module lists, reports) are not audited
        }
        context_.store.audit.append(
            {clock::utc_timestamp(now),
             call.principal.user_id.empty() ? "(unauthenticated)" : call.principal.user_id, role,
             action, call.child_id, call.exchange.request_id, outcome_of(status), detail});
    };

    if (endpoint.gate != Gate::open) {
        try {
            call.principal = authenticate(call, context_, panel);
        } catch (const auth::NotAuthenticated& e) {
            turn.release();
            // Counted, not audited one by one: a flood of bad credentials must not fill the disk.
            const bool over = count_failed_authentication(call, context_, e.what());
            flush_failed_authentications(context_, false);
            if (over) {
                auto response = error_response(
                    call, 429, "too-many-failures",
                    "this address has failed to authenticate too often this minute; wait for "
                    "Retry-After seconds");
                response.set(bh::field::retry_after,
                             std::to_string(retry_after_failures(context_)));
                return response;
            }
            if (panel && std::string_view(e.what()) != "bad signature" &&
                call.request.method() == bh::verb::get) {
                // A person in a browser: to the sign-in form, back here afterwards.
                auto response =
                    http::make_response(call.request, bh::status::see_other, "", "text/plain");
                response.set(bh::field::location,
                             "/panel/sign-in?child=" + text::percent_encode(call.child_id));
                return response;
            }
            auto response = error_response(
                call, 401, "unauthenticated",
                "sign in: send Authorization: Bearer <API token>, or sign the request as a CMS "
                "integration (X-IRO-Client, X-IRO-Timestamp, X-IRO-Nonce, X-IRO-Signature); the "
                "credentials given were missing, unknown, expired, revoked or not valid");
            response.set(bh::field::www_authenticate, "Bearer realm=\"iro-oversight\"");
            return response;
        }
        if (!gate_allows(endpoint.gate, call.principal.roles)) {
            record(403, "role " + access::to_string(call.principal.roles) + " not allowed");
            return error_response(call, 403, "no-access",
                                  call.principal.user_id + " (" +
                                      access::to_string(call.principal.roles) + ") may not " +
                                      action + ": it needs " +
                                      (child_gate ? std::string("a role with the child's records")
                                                  : gate_role(endpoint.gate)));
        }
        role = child_gate ? "none" : gate_role(endpoint.gate);
    }

    if (child_gate) {
        try {
            call.child_role = access::require_child_access(call.db(), call.principal, call.child_id,
                                                           context_.host.clock().today());
        } catch (const Error& e) {
            const bool unknown = e.kind() == ErrorKind::not_found;
            record(http_status(e.kind()), unknown ? "no such child" : "no allocation gives access");
            return error_response(call, http_status(e.kind()), unknown ? "not-found" : "no-access",
                                  e.what());
        }
        role = std::string(access::to_string(*call.child_role));
    }

    // A write with an Idempotency-Key: a retry gets the first answer; the change and the answer
    // remembered for it are committed together (the writer's turn is held throughout).
    std::optional<std::string> idempotency;
    std::optional<store::Transaction> idempotent_unit;
    if (change && !panel) {
        try {
            idempotency = idempotency_key(call);
            if (idempotency) {
                if (auto earlier = earlier_answer(call, *idempotency, now)) {
                    record(earlier->result_int(), "replayed the answer to an earlier request");
                    return std::move(*earlier);
                }
                idempotent_unit.emplace(call.db());
            }
        } catch (const ApiError& e) {
            record(e.status(), e.slug());
            return error_response(call, e.status(), e.slug(), e.what());
        }
    }

    // The service's own failure: logged with its reason, answered without it.
    const auto internal_failure = [&](const char* reason) {
        spdlog::error("event=http_failed request_id={} route=\"{}\" reason=\"{}\"",
                      call.exchange.request_id, route.pattern, reason);
        return error_response(call, 500, "internal-error", internal_error_detail(call));
    };
    http::Response response;
    try {
        if (!endpoint.module.empty()) {
            modules::require_module_enabled(context_.host.registry(), endpoint.module);
        }
        response = endpoint.handler(call, context_);
    } catch (const ApiError& e) {
        response = error_response(call, e.status(), e.slug(), e.what(), e.extra());
    } catch (const Error& e) {
        response = e.kind() == ErrorKind::failed
                       ? internal_failure(e.what())
                       : error_response(call, http_status(e.kind()),
                                        std::string(to_string(e.kind())), e.what());
    } catch (const std::invalid_argument& e) {
        response = error_response(call, 422, "invalid", e.what());
    } catch (const nlohmann::json::type_error& e) {
        // A body field of the wrong type ("roles": [1], "valid_days": "x") met an endpoint that
        // read it as the right one: the client's mistake, not the service's.
        response =
            error_response(call, 422, "invalid-body",
                           std::string("a field of the body has the wrong type: ") + e.what());
    } catch (const std::exception& e) {
        response = internal_failure(e.what());
    }
    if (idempotent_unit && response.result_int() < 500) {
        remember_answer(call, *idempotency, response, now);
        idempotent_unit->commit();
    }
    idempotent_unit.reset();  // a failure's changes are undone: a retry runs it again
    record(response.result_int(), call.audit_detail);
    return response;
}

std::vector<std::pair<std::string, std::string>> route_table() {
    ApiRouter router;
    add_all_routes(router);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& route : router.routes()) {
        out.emplace_back(std::string(bh::to_string(route.method)), route.pattern);
    }
    return out;
}

}  // namespace iro::api
