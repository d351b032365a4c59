// /panel/...: the child's panel for a CMS iframe or side panel, with its sign-in form and the
// forms behind its buttons. Each form posts, then redirects back to the panel (post/redirect/get),
// so it works with JavaScript off; a refused action shows the panel again with the reason.

#include <spdlog/spdlog.h>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>

#include "access/child_access.hpp"
#include "api/child_actions.hpp"
#include "api/error_statuses.hpp"
#include "api/failed_authentication.hpp"
#include "api/module_call.hpp"
#include "api/panel_html.hpp"
#include "api/panel_session.hpp"
#include "api/panel_sign_in.hpp"
#include "api/service.hpp"
#include "auth/api_tokens.hpp"
#include "auth/panel_sessions.hpp"
#include "crypto/crypto.hpp"
#include "host/host.hpp"
#include "http/problem.hpp"
#include "midpoint_prompts/who_may_act.hpp"
#include "module_store/case_records_reader.hpp"
#include "modules/module_gate.hpp"
#include "oidc/provider.hpp"
#include "oversight_notes/note_store.hpp"
#include "panel/panel_page.hpp"
#include "qaf/answer_check.hpp"
#include "qaf/definition_store.hpp"
#include "qaf/response_store.hpp"
#include "qaf/review_context.hpp"
#include "quality_alerts/alert_store.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

namespace {

constexpr std::size_t kNotesShown = 5;
constexpr std::size_t kReviewsOffered = 3;

using Form = std::vector<std::pair<std::string, std::string>>;

std::string field(const Form& form, const std::string& name) {
    for (const auto& [n, v] : form) {
        if (n == name) {
            return v;
        }
    }
    return "";
}

http::Response html(const Call& call, const Context& context, bh::status status, std::string body) {
    return panel_html(call.request, context, status, std::move(body));
}

http::Response see_other(const Call& call, const std::string& location) {
    auto response = http::make_response(call.request, bh::status::see_other, "", "text/plain");
    response.set(bh::field::location, location);
    return response;
}

/// A form post must come from the panel's own origin: the configured public URL, else the origin
/// the request's Host names. Browsers send Origin with every POST, so a cross-site post is
/// refused here; a client that sends none is no browser being tricked, and meets the form token.
void require_same_origin(const Call& call, const Context& context) {
    const auto origin = call.request[bh::field::origin];
    if (origin.empty()) {
        return;
    }
    // "null" is what a sandboxed frame or a no-referrer page posts with: never the panel.
    if (origin != panel_origin(call.request, context.host.config().http)) {
        throw ApiError(403, "cross-origin",
                       "the form was posted from " + std::string(origin) +
                           ", not from the panel's own address");
    }
}

/// The posted form, after checking its token: forms are only accepted from the panel itself.
Form checked_form(const Call& call, const Context& context) {
    require_same_origin(call, context);
    const auto type = call.request[bh::field::content_type];
    if (type.substr(0, 33) != "application/x-www-form-urlencoded") {
        throw ApiError(415, "unsupported-media-type",
                       "the panel's forms post application/x-www-form-urlencoded");
    }
    auto form = http::parse_pairs(call.request.body());
    if (!auth::constant_time_equal(field(form, "form_token"),
                                   form_token(context.session_key, call.principal.via))) {
        throw ApiError(403, "bad-form-token",
                       "the form is out of date or did not come from the panel: reload the page "
                       "and try again");
    }
    return form;
}

panel::PanelModel panel_model(Call& call, Context& context) {
    auto& db = call.db();
    panel::PanelModel m;
    m.child_id = call.child_id;
    m.user_id = call.principal.user_id;
    m.role = std::string(access::to_string(*call.child_role));
    m.form_token = form_token(context.session_key, call.principal.via);
    m.today = context.host.clock().today();
    m.summary = records::child_summary(db, call.child_id, m.today);
    const auto& registry = context.host.registry();
    m.notes_on = modules::module_enabled(registry, modules::kOversightNotes);
    m.alerts_on = modules::module_enabled(registry, modules::kQualityAlerts);
    m.qaf_on = modules::module_enabled(registry, modules::kQaf);
    for (auto& row : prompts::list_prompts(db, {call.child_id, "", "", "open", "", false})) {
        if (prompts::may_act(*call.child_role, row.prompt)) {
            m.prompts_actionable.push_back(row.prompt.prompt_id);
        }
        m.prompts.push_back(std::move(row.prompt));
    }
    // A disabled module's records are not read: its part of the page says it is disabled.
    if (m.notes_on) {
        auto notes = notes::latest_notes(db, {call.child_id, ""});
        if (notes.size() > kNotesShown) {
            notes.resize(kNotesShown);
        }
        m.notes = std::move(notes);
    }
    if (m.alerts_on) {
        m.alerts = alerts::list_alerts(db, {"", call.child_id, true, {}, {}});
    }
    m.may_respond_to_alerts = m.role == "social_worker" || m.role == "team_manager";
    // Addressed to this user: by the role they reach the child with (a senior manager's only by
    // the alert) or by their worker id.
    for (const auto& alert : m.alerts) {
        const auto& responder = alert.state.responder;
        if (responder == m.role ||
            (!call.principal.worker_id.empty() && responder == call.principal.worker_id)) {
            m.alerts_for_you.push_back(alert.alert_id);
        }
    }
    for (const auto role : access::all_roles()) {
        const std::string name(access::to_string(role));
        m.role_names[name] = context.host.config().role_name(name);
    }
    m.may_add_note = m.role == "iro" || m.role == "iro_manager";
    if (m.may_add_note && m.qaf_on) {
        for (auto& review : questionnaires::reviews_awaiting_response(
                 db, call.child_id, static_cast<std::int64_t>(kReviewsOffered))) {
            m.reviews_without_qaf.emplace_back(std::move(review.review_id), review.held_on);
        }
    }
    static const std::map<std::string, std::string> kDone{
        {"acknowledged", "Prompt acknowledged."},
        {"note-added", "Note added to the child's file."},
        {"response-sent", "Response sent."},
        {"qaf-submitted", "QAF submitted. Thank you."}};
    if (const auto it = call.query.find("done"); it != call.query.end()) {
        if (const auto message = kDone.find(it->second); message != kDone.end()) {
            m.status = message->second;
        }
    }
    return m;
}

/// Runs a panel action of module `module`'s part of the page; on success back to the panel with a
/// message, on refusal the panel again with the reason and the refusal's status. Refused while
/// the module is not enabled (a page loaded before it was disabled still has the form).
http::Response panel_action(Call& call, Context& context, std::string_view module,
                            const std::string& done,
                            const std::function<void(const Form&)>& action) {
    try {
        if (!module.empty()) {
            modules::require_module_enabled(context.host.registry(), module);
        }
        const auto form = checked_form(call, context);
        action(form);
    } catch (const ApiError& e) {
        auto m = panel_model(call, context);
        m.error = e.what();
        return html(call, context, static_cast<bh::status>(e.status()), panel::render_panel(m));
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::failed) {
            throw;
        }
        auto m = panel_model(call, context);
        m.error = e.what();
        return html(call, context, static_cast<bh::status>(http_status(e.kind())),
                    panel::render_panel(m));
    }
    return see_other(call, "/panel/children/" + call.child_id + "?done=" + done);
}

/// The QAF form for one of the child's reviews: its questions, less those that cannot apply to
/// this review (the child's review number, their age that day).
panel::QafFormModel qaf_form(const Call& call, const Context& context,
                             const std::string& review_id) {
    const auto definition = questionnaires::load_definition(call.db(), "york-qaf", 0);
    if (!definition) {
        throw ApiError(503, "not-available",
                       "the QAF is not defined here: is the qaf module enabled?");
    }
    panel::QafFormModel m{call.child_id,
                          review_id,
                          form_token(context.session_key, call.principal.via),
                          definition->source,
                          "",
                          {},
                          {}};
    try {
        const store::CaseRecordsReader records(call.db());
        const auto facts = questionnaires::review_context(records, review_id).facts;
        for (const auto& q : definition->questions) {
            if (!questionnaires::not_applicable_to_review(q, facts).empty()) {
                m.not_asked.insert(q.id);
            }
        }
    } catch (const plugin::HostError&) {
        // The review's facts are not known: every question is asked, and the module judges.
    }
    return m;
}

/// The form's answers in the shape the qaf module takes ({answers, other}).
nlohmann::json qaf_answers(const Form& form, const nlohmann::json& definition) {
    nlohmann::json answers = nlohmann::json::object();
    nlohmann::json other = nlohmann::json::object();
    for (const auto& q : definition["questions"]) {
        const std::string id = q["id"].get<std::string>();
        const std::string type = q["type"].get<std::string>();
        if (type == "multiple_choice") {
            nlohmann::json codes = nlohmann::json::array();
            for (const auto& [name, value] : form) {
                if (name == id) {
                    codes.push_back(value);
                }
            }
            if (!codes.empty()) {
                answers[id] = codes;
            }
        } else if (const auto value = field(form, id); !value.empty()) {
            if (type == "number") {
                try {
                    answers[id] = std::stod(value);
                } catch (const std::exception&) {
                    throw ApiError(
                        422, "invalid",
                        q["text"].get<std::string>() + ": '" + value + "' is not a number");
                }
            } else {
                answers[id] = value;
            }
        }
        if (const auto text = field(form, id + ".other"); !text.empty()) {
            other[id] = text;
        }
    }
    nlohmann::json out = {{"answers", answers}};
    if (!other.empty()) {
        out["other"] = other;
    }
    return out;
}

/// The provider's end-session address for a session begun there, or "" (none, or unreachable:
/// the host's own sign-out has happened either way).
std::string provider_sign_out(const Call& call, const Context& context,
                              const auth::PanelSession& ended) {
    if (!context.sso || ended.origin.signed_in_with != "oidc") {
        return "";
    }
    try {
        return context.sso
            ->end_session_url(
                ended.origin.id_token,
                panel_origin(call.request, context.host.config().http) + "/panel/sign-in")
            .value_or("");
    } catch (const oidc::ProviderUnavailable& e) {
        spdlog::warn("event=sso_end_session_unavailable reason=\"{}\"", e.what());
        return "";
    }
}

}  // namespace

void add_panel_routes(ApiRouter& router) {
    router.add(bh::verb::get, "/panel/sign-in",
               {Gate::open,
                [](Call& call, Context& context) {
                    const auto it = call.query.find("child");
                    const std::string child =
                        it != call.query.end() && valid_panel_id(it->second) ? it->second : "";
                    return sign_in_page(call, context, bh::status::ok, child, "");
                },
                StoreUse::none});
    router.add(
        bh::verb::post, "/panel/sign-in",
        {Gate::open, [](Call& call, Context& context) {
             const auto form = http::parse_pairs(call.request.body());
             const std::string child =
                 valid_panel_id(field(form, "child")) ? field(form, "child") : "";
             const auto now = context.host.clock().now();
             // Login CSRF: another site must not sign this browser in as someone else. The
             // form's token is bound to the sign-in cookie the form came with.
             const auto nonce = request_cookie(call.request, kSignInCookie);
             if (context.sso && context.sso->config().required) {
                 return sign_in_page(call, context, bh::status::forbidden, child,
                                     "Sign in with " + context.sso->config().display_name +
                                         ": API tokens do not sign in to the panel here.");
             }
             if (!nonce || !sign_in_token_holds(context, *nonce, field(form, "sign_in_token"))) {
                 require_same_origin(call, context);
                 return sign_in_page(call, context, bh::status::forbidden, child,
                                     "The sign-in form was out of date. Enter your token again.");
             }
             require_same_origin(call, context);
             try {
                 const auto principal =
                     auth::authenticate_token(call.db(), field(form, "token"), now);
                 const auto secret = auth::start_panel_session(
                     call.db(), principal.user_id, {"token", principal.credential_id, ""}, now);
                 call.audit_detail = "session started for " + principal.user_id;
                 auto response =
                     see_other(call, child.empty() ? "/panel/sign-in" : "/panel/children/" + child);
                 const auto& http = context.host.config().http;
                 response.insert(bh::field::set_cookie,
                                 panel_cookie(kPanelCookie, secret,
                                              auth::kPanelSessionLength.count() * 3600, http));
                 response.insert(bh::field::set_cookie, panel_cookie(kSignInCookie, "", 0, http));
                 return response;
             } catch (const auth::NotAuthenticated& e) {
                 if (count_failed_authentication(call, context, e.what())) {
                     auto response =
                         sign_in_page(call, context, bh::status::too_many_requests, child,
                                      "Too many tokens were tried from this address. Wait a "
                                      "minute, then try again.");
                     response.set(bh::field::retry_after,
                                  std::to_string(retry_after_failures(context)));
                     return response;
                 }
                 return sign_in_page(call, context, bh::status::unauthorized, child,
                                     "That token was not accepted: it is unknown, expired or "
                                     "revoked. Check it, or ask your administrator for a new "
                                     "one.");
             }
         }});
    router.add(bh::verb::post, "/panel/sign-out",
               {Gate::open, [](Call& call, Context& context) {
                    require_same_origin(call, context);
                    // The session ends in the store: the cookie, if kept, signs nobody in again.
                    std::string end_session;
                    if (const auto secret = request_cookie(call.request, kPanelCookie)) {
                        if (const auto ended = auth::end_panel_session(
                                call.db(), *secret, context.host.clock().now())) {
                            call.principal.user_id = ended->user_id;
                            call.audit_detail = "session ended";
                            end_session = provider_sign_out(call, context, *ended);
                        }
                    }
                    auto response = html(
                        call, context, bh::status::ok,
                        panel::render_signed_out(
                            end_session, context.sso ? context.sso->config().display_name : ""));
                    response.set(bh::field::set_cookie,
                                 panel_cookie(kPanelCookie, "", 0, context.host.config().http));
                    return response;
                }});

    const std::string child = "/panel/children/{id}";
    router.add(bh::verb::get, child,
               {Gate::child_read,
                [](Call& call, Context& context) {
                    return html(call, context, bh::status::ok,
                                panel::render_panel(panel_model(call, context)));
                },
                StoreUse::reads});
    router.add(bh::verb::post, child + "/prompts/{prompt_id}/acknowledge",
               {Gate::child_write, [](Call& call, Context& context) {
                    return panel_action(call, context, {}, "acknowledged", [&](const Form&) {
                        act_on_prompt(call, context, prompts::PersonAction::acknowledge, "");
                    });
                }});
    router.add(
        bh::verb::post, child + "/alerts/{alert_id}/respond",
        {Gate::child_write, [](Call& call, Context& context) {
             return panel_action(
                 call, context, modules::kQualityAlerts, "response-sent", [&](const Form& form) {
                     const std::string alert_id = call.params.at("alert_id");
                     const auto alert = alerts::find_alert(call.db(), alert_id);
                     if (!alert || alert->state.child_id != call.child_id) {
                         throw ApiError(404, "not-found",
                                        "child " + call.child_id + " has no alert " + alert_id);
                     }
                     run_module_request(
                         call, context, "respond_alert",
                         {{"alert_id", alert_id}, {"comment", field(form, "comment")}}, 200);
                 });
         }});
    router.add(
        bh::verb::post, child + "/notes",
        {Gate::child_write, [](Call& call, Context& context) {
             return panel_action(
                 call, context, modules::kOversightNotes, "note-added", [&](const Form& form) {
                     run_module_request(
                         call, context, "add_note",
                         {{"child_id", call.child_id},
                          {"kind", "general"},
                          {"body", {{"date", field(form, "date")}, {"text", field(form, "text")}}}},
                         201);
                 });
         }});
    router.add(bh::verb::get, child + "/qaf/{review_id}",
               {Gate::child_read,
                [](Call& call, Context& context) {
                    require_childs_review(call, call.params.at("review_id"));
                    return html(call, context, bh::status::ok,
                                panel::render_qaf_form(
                                    qaf_form(call, context, call.params.at("review_id"))));
                },
                StoreUse::reads, modules::kQaf});
    router.add(bh::verb::post, child + "/qaf/{review_id}",
               {Gate::child_write,
                [](Call& call, Context& context) {
                    const std::string review_id = call.params.at("review_id");
                    require_childs_review(call, review_id);
                    auto model = qaf_form(call, context, review_id);
                    Form form;
                    try {
                        form = checked_form(call, context);
                        auto input = qaf_answers(form, model.definition);
                        input["review_id"] = review_id;
                        run_module_request(call, context, "submit_response", input, 201);
                    } catch (const ApiError& e) {
                        // The form again with every answer given, each problem at its question.
                        std::erase_if(form, [](const auto& f) { return f.first == "form_token"; });
                        model.error = e.what();
                        model.answers = std::move(form);
                        return html(call, context, static_cast<bh::status>(e.status()),
                                    panel::render_qaf_form(model));
                    }
                    return see_other(call,
                                     "/panel/children/" + call.child_id + "?done=qaf-submitted");
                },
                StoreUse::writes, modules::kQaf});
}

}  // namespace iro::api
