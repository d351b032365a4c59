// /api/v1/admin/...: modules (list, enable, disable, configuration) and people (users and their
// API tokens), for administrators; /api/v1/me and the alerts addressed to them for anyone signed
// in. Changes to a module apply to
// this running host at once, as `iro-host modules ...` does through the control socket.

#include <boost/beast/http/status.hpp>

#include "access/user_store.hpp"
#include "api/service.hpp"
#include "auth/api_tokens.hpp"
#include "auth/user_disabling.hpp"
#include "clock/timestamps.hpp"
#include "host/host.hpp"
#include "http/problem.hpp"
#include "loader/manifest.hpp"
#include "module_store/module_settings_store.hpp"
#include "modules/module_admin.hpp"
#include "modules/module_registry.hpp"
#include "quality_alerts/alert_addressees.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

namespace {

store::Change change_by(const Call& call, const Context& context) {
    return {call.principal.user_id, clock::utc_timestamp(context.host.clock().now())};
}

nlohmann::json user_json(const access::User& user) {
    nlohmann::json roles = nlohmann::json::array();
    for (const auto role : user.roles.roles()) {
        roles.push_back(access::to_string(role));
    }
    return {
        {"user_id", user.user_id},
        {"display_name", user.display_name},
        {"roles", roles},
        {"worker_id", user.worker_id},
        {"created_at", user.created_at},
        {"disabled_at", user.disabled_at ? nlohmann::json(*user.disabled_at) : nlohmann::json()}};
}

loader::Manifest manifest_of(const Call& call, const Context& context) {
    try {
        return modules::find_manifest(context.host.config().plugin_dir, call.params.at("module"));
    } catch (const modules::AdminRefused& e) {
        throw ApiError(404, "not-found", e.what());
    }
}

nlohmann::json live_status(Context& context, const std::string& id) {
    const auto status = context.host.registry().apply_settings(id);
    return status ? modules::to_json(*status) : nlohmann::json();
}

}  // namespace

void add_admin_routes(ApiRouter& router) {
    router.add(bh::verb::get, "/api/v1/me",
               {Gate::self,
                [](Call& call, Context&) {
                    nlohmann::json roles = nlohmann::json::array();
                    for (const auto role : call.principal.roles.roles()) {
                        roles.push_back(access::to_string(role));
                    }
                    return http::json_response(call.request, bh::status::ok,
                                               {{"user_id", call.principal.user_id},
                                                {"roles", roles},
                                                {"worker_id", call.principal.worker_id},
                                                {"via", call.principal.via}});
                },
                StoreUse::reads});

    // The caller's inbox of disputes: the open alerts whose stage addresses them (a team
    // manager's, or a service manager's, Head of Service's or Director's at the formal stages).
    // Audited as a read, since it names children.
    router.add(bh::verb::get, "/api/v1/me/alerts",
               {Gate::self,
                [](Call& call, Context& context) {
                    nlohmann::json list = nlohmann::json::array();
                    for (const auto& alert : alerts::alerts_addressed_to(
                             call.db(), call.principal, context.host.clock().today())) {
                        list.push_back(plugin::to_json(alert));
                    }
                    call.audit_detail = "alerts addressed to them: " + std::to_string(list.size());
                    return http::json_response(call.request, bh::status::ok, list);
                },
                StoreUse::reads});

    router.add(bh::verb::get, "/api/v1/admin/modules",
               {Gate::admin, [](Call& call, Context& context) {
                    nlohmann::json list = nlohmann::json::array();
                    for (const auto& s : context.host.registry().statuses()) {
                        list.push_back(modules::to_json(s));
                    }
                    return http::json_response(call.request, bh::status::ok, list);
                }});
    for (const bool enable : {true, false}) {
        router.add(bh::verb::post,
                   std::string("/api/v1/admin/modules/{module}/") + (enable ? "enable" : "disable"),
                   {Gate::admin, [enable](Call& call, Context& context) {
                        const auto manifest = manifest_of(call, context);
                        store::ModuleSettingsStore(call.db()).set_enabled(manifest.id, enable,
                                                                          change_by(call, context));
                        call.audit_detail = (enable ? "enabled " : "disabled ") + manifest.id;
                        return http::json_response(call.request, bh::status::ok,
                                                   live_status(context, manifest.id));
                    }});
    }
    router.add(bh::verb::get, "/api/v1/admin/modules/{module}/config",
               {Gate::admin, [](Call& call, Context& context) {
                    const auto manifest = manifest_of(call, context);
                    const auto stored = store::ModuleSettingsStore(call.db()).get(manifest.id);
                    return http::json_response(
                        call.request, bh::status::ok,
                        loader::effective_config(
                            manifest, stored && stored->config ? &*stored->config : nullptr));
                }});
    router.add(bh::verb::put, "/api/v1/admin/modules/{module}/config",
               {Gate::admin, [](Call& call, Context& context) {
                    const auto manifest = manifest_of(call, context);
                    store::ModuleSettingsStore settings(call.db());
                    modules::ConfigEdit edit;
                    edit.replace = json_body(call);
                    nlohmann::json effective;
                    try {
                        effective = modules::configure_module(
                            settings, manifest, edit, change_by(call, context),
                            [&](const nlohmann::json& proposed) {
                                return context.host.registry().check_settings(manifest.id,
                                                                              proposed);
                            });
                    } catch (const modules::AdminRefused& e) {
                        throw ApiError(422, "invalid-config", e.what());
                    }
                    call.audit_detail = "configured " + manifest.id;
                    live_status(context, manifest.id);
                    return http::json_response(call.request, bh::status::ok, effective);
                }});

    router.add(bh::verb::get, "/api/v1/admin/users",
               {Gate::admin,
                [](Call& call, Context&) {
                    nlohmann::json list = nlohmann::json::array();
                    for (const auto& user : access::list_users(call.db())) {
                        list.push_back(user_json(user));
                    }
                    return http::json_response(call.request, bh::status::ok, list);
                },
                StoreUse::reads});
    router.add(bh::verb::post, "/api/v1/admin/users",
               {Gate::admin, [](Call& call, Context& context) {
                    const auto body = json_body(call);
                    access::User user;
                    user.user_id = required_text(body, "user_id");
                    user.display_name = body.value("display_name", std::string());
                    user.worker_id = body.value("worker_id", std::string());
                    if (!body.contains("roles") || !body["roles"].is_array()) {
                        throw ApiError(422, "invalid-body", "/roles: required, an array of roles");
                    }
                    std::string roles;
                    for (const auto& role : body["roles"]) {
                        roles += (roles.empty() ? "" : ",") + role.get<std::string>();
                    }
                    user.roles = access::parse_roles(roles);
                    const auto added = access::add_user(call.db(), user, change_by(call, context));
                    call.audit_detail = "added user " + added.user_id;
                    return http::json_response(call.request, bh::status::created, user_json(added));
                }});
    router.add(bh::verb::post, "/api/v1/admin/users/{user}/disable",
               {Gate::admin, [](Call& call, Context& context) {
                    const auto& user = call.params.at("user");
                    auth::disable_user(call.db(), user, change_by(call, context));
                    call.audit_detail = "disabled user " + user;
                    return http::json_response(call.request, bh::status::ok,
                                               user_json(*access::find_user(call.db(), user)));
                }});
    router.add(bh::verb::get, "/api/v1/admin/users/{user}/tokens",
               {Gate::admin,
                [](Call& call, Context&) {
                    nlohmann::json list = nlohmann::json::array();
                    for (const auto& t : auth::list_tokens(call.db(), call.params.at("user"))) {
                        list.push_back({{"token_id", t.token_id},
                                        {"label", t.label},
                                        {"created_at", t.created_at},
                                        {"expires_at", t.expires_at},
                                        {"revoked_at", t.revoked_at ? nlohmann::json(*t.revoked_at)
                                                                    : nlohmann::json()}});
                    }
                    return http::json_response(call.request, bh::status::ok, list);
                },
                StoreUse::reads});
    router.add(bh::verb::post, "/api/v1/admin/users/{user}/tokens",
               {Gate::admin, [](Call& call, Context& context) {
                    const auto body =
                        call.request.body().empty() ? nlohmann::json::object() : json_body(call);
                    const int days = body.value("valid_days", 90);
                    const auto issued = auth::issue_token(
                        call.db(), call.params.at("user"), body.value("label", std::string()),
                        std::chrono::hours(24 * days), context.host.clock().now(),
                        change_by(call, context));
                    call.audit_detail = "issued token " + issued.token_id;
                    return http::json_response(call.request, bh::status::created,
                                               {{"token_id", issued.token_id},
                                                {"token", issued.token},
                                                {"expires_at", issued.expires_at},
                                                {"shown_once", true}});
                }});
    router.add(bh::verb::delete_, "/api/v1/admin/tokens/{token_id}",
               {Gate::admin, [](Call& call, Context& context) {
                    const auto& id = call.params.at("token_id");
                    auth::revoke_token(call.db(), id, change_by(call, context));
                    call.audit_detail = "revoked token " + id;
                    return http::make_response(call.request, bh::status::no_content, "",
                                               "application/json");
                }});
}

}  // namespace iro::api
