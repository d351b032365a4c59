// /api/v1/children/{id}/...: a child's prompts, notes, alerts and QAF responses, and the changes
// each module offers on them. The gate has already established that the caller has business
// with the child; what the caller's role may do there is the module's rule.

#include <algorithm>
#include <boost/beast/http/status.hpp>

#include "access/child_access.hpp"
#include "access/request_child.hpp"
#include "api/child_actions.hpp"
#include "api/module_call.hpp"
#include "api/service.hpp"
#include "clock/timestamps.hpp"
#include "host/host.hpp"
#include "http/problem.hpp"
#include "midpoint_prompts/prompt_store.hpp"
#include "midpoint_prompts/who_may_act.hpp"
#include "modules/module_gate.hpp"
#include "oversight_notes/note_store.hpp"
#include "qaf/response_store.hpp"
#include "qaf/submission_store.hpp"
#include "quality_alerts/alert_store.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

namespace {

constexpr const char* kChild = "/api/v1/children/{id}";

http::Response ok(const Call& call, const nlohmann::json& body) {
    return http::json_response(call.request, bh::status::ok, body);
}

nlohmann::json child_prompts(store::Database& db, const std::string& child_id,
                             const std::string& state) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : prompts::list_prompts(db, {child_id, "", "", state, "", false})) {
        out.push_back(prompts::to_json(row.prompt));
    }
    return out;
}

nlohmann::json child_notes(store::Database& db, const std::string& child_id,
                           const std::string& kind) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& note : notes::latest_notes(db, {child_id, kind})) {
        out.push_back(notes::to_json(note));
    }
    return out;
}

nlohmann::json child_alerts(store::Database& db, const std::string& child_id, bool open_only) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& alert : alerts::list_alerts(db, {"", child_id, open_only, {}, {}})) {
        out.push_back(plugin::to_json(alert));
    }
    return out;
}

nlohmann::json child_responses(store::Database& db, const std::string& child_id) {
    auto responses = questionnaires::responses_of(db, child_id);
    // In the order they were completed: the child's file reads as a history.
    std::stable_sort(responses.begin(), responses.end(),
                     [](const auto& a, const auto& b) { return a.completed_on < b.completed_on; });
    nlohmann::json out = nlohmann::json::array();
    for (const auto& response : responses) {
        if (const auto found = questionnaires::find_submitted(db, response.response_id)) {
            out.push_back(plugin::to_json(*found));
        }
    }
    return out;
}

std::string query_choice(const Call& call, const std::string& name, const std::string& fallback,
                         std::initializer_list<const char*> allowed) {
    const auto it = call.query.find(name);
    if (it == call.query.end()) {
        return fallback;
    }
    for (const char* option : allowed) {
        if (it->second == option) {
            return it->second;
        }
    }
    std::string list;
    for (const char* option : allowed) {
        list += (list.empty() ? "" : ", ") + std::string(option);
    }
    throw ApiError(400, "bad-query", "?" + name + "=" + it->second + " is not one of " + list);
}

// A prompt, alert or review named in the path must be the child's: a caller with business with
// one child must not reach another's records through it.
void require_same_child(const std::string& found_child, const Call& call, const std::string& what,
                        const std::string& id) {
    if (found_child != call.child_id) {
        throw ApiError(404, "not-found", "child " + call.child_id + " has no " + what + " " + id);
    }
}

}  // namespace

http::Response act_on_prompt(Call& call, Context& context, prompts::PersonAction action,
                             const std::string& reason) {
    auto& db = call.db();
    const std::string prompt_id = call.params.at("prompt_id");
    const auto prompt = prompts::find_prompt(db, prompt_id);
    require_same_child(prompt ? prompt->child_id : "", call, "prompt", prompt_id);
    prompts::require_may_act(*call.child_role, *prompt, call.principal.user_id);
    const auto& clock = context.host.clock();
    try {
        const auto done = prompts::act_on_prompt(
            db, prompt_id, action, reason,
            {access::module_actor(call.principal, *call.child_role).worker_id, clock.today(),
             clock::utc_timestamp(clock.now())});
        call.audit_detail = "prompt " + prompt_id;
        deliver_after_change(context);
        return ok(call, prompts::to_json(done));
    } catch (const prompts::PromptActionRefused& e) {
        throw ApiError(409, "conflict", e.what());
    }
}

void require_childs_review(const Call& call, const std::string& review_id) {
    require_same_child(access::child_of_record(call.db(), "review_id", review_id).value_or(""),
                       call, "review", review_id);
}

void add_child_routes(ApiRouter& router) {
    const std::string child = kChild;
    router.add(
        bh::verb::get, child + "/prompts",
        {Gate::child_read,
         [](Call& call, Context&) {
             const auto state =
                 query_choice(call, "state", "open",
                              {"open", "closed", "all", "acknowledged", "done", "dismissed"});
             return ok(call, child_prompts(call.db(), call.child_id, state == "all" ? "" : state));
         },
         StoreUse::reads});
    for (const auto& [verb, action] : {std::pair{"acknowledge", prompts::PersonAction::acknowledge},
                                       std::pair{"done", prompts::PersonAction::done},
                                       std::pair{"dismiss", prompts::PersonAction::dismiss}}) {
        const auto person_action = action;
        router.add(bh::verb::post, child + "/prompts/{prompt_id}/" + verb,
                   {Gate::child_write, [person_action](Call& call, Context& context) {
                        std::string reason;
                        if (!call.request.body().empty()) {
                            const auto body = json_body(call);
                            reason = body.value("reason", body.value("note", std::string()));
                        }
                        return act_on_prompt(call, context, person_action, reason);
                    }});
    }

    router.add(bh::verb::get, child + "/notes",
               {Gate::child_read,
                [](Call& call, Context&) {
                    const auto it = call.query.find("kind");
                    return ok(call, child_notes(call.db(), call.child_id,
                                                it == call.query.end() ? "" : it->second));
                },
                StoreUse::reads, modules::kOversightNotes});
    router.add(bh::verb::post, child + "/notes",
               {Gate::child_write,
                [](Call& call, Context& context) {
                    const auto body = json_body(call);
                    if (!body.contains("body") || !body["body"].is_object()) {
                        throw ApiError(422, "invalid-body",
                                       "/body: required, the note as an object "
                                       "(schemas/notes/<kind>.schema.json)");
                    }
                    return run_module_request(call, context, "add_note",
                                              {{"child_id", call.child_id},
                                               {"kind", required_text(body, "kind")},
                                               {"body", body["body"]}},
                                              201);
                },
                StoreUse::writes, modules::kOversightNotes});

    router.add(bh::verb::get, child + "/alerts",
               {Gate::child_read,
                [](Call& call, Context&) {
                    const auto state = query_choice(call, "state", "all", {"open", "all"});
                    return ok(call, child_alerts(call.db(), call.child_id, state == "open"));
                },
                StoreUse::reads, modules::kQualityAlerts});
    router.add(bh::verb::post, child + "/alerts",
               {Gate::child_write,
                [](Call& call, Context& context) {
                    auto input = json_body(call);
                    input["child_id"] = call.child_id;
                    return run_module_request(call, context, "raise_alert", input, 201);
                },
                StoreUse::writes, modules::kQualityAlerts});
    for (const auto& [verb, request] :
         {std::pair{"acknowledge", "acknowledge_alert"}, std::pair{"respond", "respond_alert"},
          std::pair{"resolve", "resolve_alert"}, std::pair{"escalate", "escalate_alert"},
          std::pair{"extend", "extend_alert"}, std::pair{"withdraw", "withdraw_alert"}}) {
        const std::string request_name = request;
        router.add(
            bh::verb::post, child + "/alerts/{alert_id}/" + verb,
            {Gate::child_write,
             [request_name](Call& call, Context& context) {
                 const std::string alert_id = call.params.at("alert_id");
                 const auto alert = alerts::find_alert(call.db(), alert_id);
                 require_same_child(alert ? alert->state.child_id : "", call, "alert", alert_id);
                 auto input =
                     call.request.body().empty() ? nlohmann::json::object() : json_body(call);
                 input["alert_id"] = alert_id;
                 return run_module_request(call, context, request_name, input, 200);
             },
             StoreUse::writes, modules::kQualityAlerts});
    }

    router.add(
        bh::verb::get, child + "/qaf",
        {Gate::child_read,
         [](Call& call, Context&) { return ok(call, child_responses(call.db(), call.child_id)); },
         StoreUse::reads, modules::kQaf});
    router.add(bh::verb::post, child + "/qaf",
               {Gate::child_write,
                [](Call& call, Context& context) {
                    auto input = json_body(call);
                    const auto review_id = required_text(input, "review_id");
                    require_childs_review(call, review_id);
                    return run_module_request(call, context, "submit_response", input, 201);
                },
                StoreUse::writes, modules::kQaf});
}

}  // namespace iro::api
