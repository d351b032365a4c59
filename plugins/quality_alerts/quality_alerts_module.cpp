// The quality-alerts module: quality alerts and the dispute resolution ladder. People raise and
// move alerts through requests; the daily tick escalates or prompts when deadlines pass; a
// completed QAF that takes issues into dispute opens or joins a dispute for the child.

#include <algorithm>
#include <map>
#include <optional>

#include "alert_categories.hpp"
#include "alert_desk.hpp"
#include "alert_import.hpp"
#include "alert_requests.hpp"
#include "iro/plugin_api/module.hpp"
#include "iro/plugin_api/settings_check.hpp"

namespace {

using iro::plugin::Actor;
using iro::plugin::AlertRecord;
using iro::plugin::Date;
using iro::plugin::RequestRefused;
using iro::plugin::RequestStatus;
using iro::quality_alerts::Action;
using iro::quality_alerts::AlertDesk;
using iro::quality_alerts::AlertSettings;

struct ActionName {
    const char* request;
    Action action;
};

constexpr ActionName kActions[] = {
    {"acknowledge_alert", Action::acknowledge}, {"respond_alert", Action::respond},
    {"resolve_alert", Action::resolve},         {"escalate_alert", Action::escalate},
    {"extend_alert", Action::extend},           {"withdraw_alert", Action::withdraw},
};

class QualityAlertsModule final : public iro::plugin::Module {
  public:
    using Module::Module;

    void start() override { settings_ = iro::quality_alerts::settings_from(host().config()); }

    // The ladder, categories and QAF link as the module reads them, and a questionnaire that
    // exists for QAF answers to open disputes from.
    std::vector<iro::plugin::SchemaViolation> check_settings(
        const nlohmann::json& settings) const override {
        auto problems =
            iro::plugin::problems_reading([&] { iro::quality_alerts::settings_from(settings); });
        const auto link = settings.value("qaf_link", nlohmann::json::object());
        if (auto p = iro::plugin::questionnaire_setting_problem(
                host().questionnaires(), "/qaf_link/questionnaire",
                link.value("questionnaire", std::string("york-qaf")))) {
            problems.push_back(std::move(*p));
        }
        return problems;
    }

    void on_daily_tick(const iro::plugin::DailyTick& e) override {
        AlertDesk desk(host(), settings_);
        const auto summary = desk.tick(e.header.occurred_on);
        host().logger().log(iro::plugin::LogLevel::info,
                            "event=tick as_of=" + iro::plugin::to_iso(e.header.occurred_on) +
                                " escalated=" + std::to_string(summary.escalated) +
                                " deadlines_passed=" + std::to_string(summary.deadline_prompts));
    }

    void on_questionnaire_completed(const iro::plugin::QuestionnaireCompleted& e) override {
        const auto& link = settings_.qaf;
        if (e.module_id != link.module || !host().module_enabled(link.module)) {
            return;
        }
        // A response to a defined questionnaire says itself which answer takes the case into
        // which stage (API 1.4); an older, undefined one is read by the configured questions.
        if (const auto submitted = host().questionnaires().find(e.response_id)) {
            if (const auto definition = host().questionnaires().definition(submitted->questionnaire,
                                                                           submitted->version)) {
                if (auto taken = dispute_in(*definition, *submitted)) {
                    take_into_dispute(*taken);
                }
            }
            return;
        }
        if (e.questionnaire != link.questionnaire) {
            return;
        }
        for (const auto& response : host().outputs().responses(e.header.child_id)) {
            if (response.response_id == e.response_id) {
                if (auto taken = dispute_in(response)) {
                    take_into_dispute(*taken);
                }
            }
        }
    }

    nlohmann::json handle_request(const iro::plugin::Request& request) override {
        try {
            if (request.name == "raise_alert") {
                return raise(request);
            }
            if (request.name == "import_alerts") {
                return import(request);
            }
            for (const auto& [name, action] : kActions) {
                if (request.name == name) {
                    return act(request, action);
                }
            }
        } catch (const iro::quality_alerts::BadField& e) {
            throw RequestRefused(RequestStatus::invalid, e.what());
        } catch (const iro::quality_alerts::TransitionRefused& e) {
            throw RequestRefused(RequestStatus::invalid, e.what());
        } catch (const iro::quality_alerts::ImportRefused& e) {
            throw RequestRefused(RequestStatus::invalid, e.what());
        }
        return Module::handle_request(request);
    }

  private:
    bool holds(const std::string& child_id, const Actor& actor, Date on) const {
        const auto allocations = host().records().allocations(child_id);
        return std::any_of(allocations.begin(), allocations.end(), [&](const auto& a) {
            return a.worker_id == actor.worker_id && a.role == actor.role &&
                   iro::quality_alerts::current_on(a, on);
        });
    }

    // Raising, escalating, resolving and withdrawing are the IRO's: the child's own IRO, or an
    // IRO manager acting for them (DOMAIN.md section 4: the allocated IRO is personally
    // responsible).
    void require_iro_side(const std::string& child_id, const Actor& actor, const char* what) {
        const auto& roles = settings_.raising_roles;
        if (std::find(roles.begin(), roles.end(), actor.role) == roles.end()) {
            throw RequestRefused(RequestStatus::forbidden,
                                 actor.worker_id + " (" + actor.role + ") may not " + what +
                                     " quality alerts: that is for " + join(roles));
        }
        if (actor.role == "iro" && !holds(child_id, actor, host().clock().today())) {
            throw RequestRefused(RequestStatus::forbidden,
                                 actor.worker_id + " is not child " + child_id +
                                     "'s IRO: only the child's own IRO or an IRO manager may " +
                                     what + " their alerts");
        }
    }

    // Acknowledging and responding are for those working with the child, the IRO recording a
    // response given to them, and whoever the alert's stage addresses: a senior manager at the
    // formal stages (the ladder's responder_role, e.g. head_of_service) or a named worker.
    void require_responder_side(const iro::plugin::AlertState& alert, const Actor& actor) {
        if (actor.role == "iro_manager" || actor.role == alert.responder ||
            actor.worker_id == alert.responder) {
            return;
        }
        if (!holds(alert.child_id, actor, host().clock().today())) {
            throw RequestRefused(RequestStatus::forbidden,
                                 actor.worker_id + " (" + actor.role +
                                     ") does not work with child " + alert.child_id +
                                     " and the alert is addressed to " + alert.responder +
                                     ": they may not answer it");
        }
    }

    static std::string join(const std::vector<std::string>& items) {
        std::string out;
        for (const auto& item : items) {
            out += (out.empty() ? "" : ", ") + item;
        }
        return out;
    }

    AlertRecord stored(const nlohmann::json& input) {
        const std::string id = iro::quality_alerts::text_field(input, "alert_id");
        if (id.empty()) {
            throw iro::quality_alerts::BadField("alert_id: which alert is required");
        }
        auto found = host().alerts().find(id);
        if (!found) {
            throw RequestRefused(RequestStatus::not_found, "there is no alert " + id);
        }
        return std::move(*found);
    }

    nlohmann::json raise(const iro::plugin::Request& request) {
        const Date today = host().clock().today();
        auto draft = iro::quality_alerts::draft_from(
            request.input, settings_, request.actor.worker_id, today, host().practice_calendar());
        if (!host().records().child(draft.child_id)) {
            throw RequestRefused(RequestStatus::not_found,
                                 "child_id: there is no child " + draft.child_id);
        }
        require_iro_side(draft.child_id, request.actor, "raise");
        nlohmann::json body = nlohmann::json::object();
        if (const auto other = iro::quality_alerts::text_field(request.input, "other_text");
            !other.empty()) {
            body["other_text"] = other;
        }
        AlertDesk desk(host(), settings_);
        return {{"alert", iro::plugin::to_json(desk.raise(draft, std::move(body), today))}};
    }

    nlohmann::json act(const iro::plugin::Request& request, Action action) {
        const AlertRecord record = stored(request.input);
        if (action == Action::acknowledge || action == Action::respond) {
            require_responder_side(record.state, request.actor);
        } else {
            require_iro_side(record.state.child_id, request.actor,
                             std::string(iro::quality_alerts::action_name(action)).c_str());
        }
        const Date today = host().clock().today();
        const auto r = iro::quality_alerts::action_from(
            action, request.input, request.actor.worker_id, today, host().practice_calendar());
        AlertDesk desk(host(), settings_);
        return {{"alert", iro::plugin::to_json(desk.act(record, r, today))}};
    }

    nlohmann::json import(const iro::plugin::Request& request) {
        if (request.actor.role != "iro_manager") {
            throw RequestRefused(RequestStatus::forbidden,
                                 request.actor.worker_id + " (" + request.actor.role +
                                     ") may not import alerts: that is for an iro_manager");
        }
        if (!request.input.contains("rows") || !request.input["rows"].is_array()) {
            throw iro::quality_alerts::BadField("rows: the rows to import are required");
        }
        const Date today = host().clock().today();
        const auto steps = iro::quality_alerts::plan_import(request.input, settings_,
                                                            host().practice_calendar(), today);
        const std::string source = request.input.value("source", std::string("import"));
        // Children must be known, and a tracker is brought in once.
        std::string problems;
        std::map<std::string, std::vector<AlertRecord>, std::less<>> imported;  // read once a child
        for (const auto& step : steps) {
            if (!step.raise) {
                continue;
            }
            const std::string where = source + " line " + std::to_string(step.line);
            if (!host().records().child(step.draft.child_id)) {
                problems += "\n  " + where + ": child_id: there is no child " + step.draft.child_id;
                continue;
            }
            auto known = imported.find(step.draft.child_id);
            if (known == imported.end()) {
                known = imported
                            .emplace(step.draft.child_id,
                                     host().alerts().list(step.draft.child_id, false))
                            .first;
            }
            for (const auto& existing : known->second) {
                if (existing.state.body.value("import_ref", std::string()) == step.ref) {
                    problems += "\n  " + where + ": ref: '" + step.ref +
                                "' was imported already, as alert " + existing.alert_id;
                }
            }
        }
        if (!problems.empty()) {
            throw RequestRefused(RequestStatus::invalid,
                                 source + " refused; nothing was imported:" + problems);
        }
        AlertDesk desk(host(), settings_);
        desk.set_notifying(false);  // a year-old alert is news to no one
        std::map<std::string, AlertRecord, std::less<>> by_ref;
        for (const auto& step : steps) {
            if (step.raise) {
                by_ref[step.ref] = desk.raise(
                    step.draft, {{"import_ref", step.ref}, {"imported_from", source}}, today);
            } else {
                auto& record = by_ref.at(step.ref);
                record = desk.act(record, step.request, today);
            }
        }
        int open = 0;
        for (const auto& [ref, record] : by_ref) {
            open += record.state.closed ? 0 : 1;
        }
        return {{"source", source},
                {"alerts", by_ref.size()},
                {"rows", steps.size()},
                {"still_open", open}};
    }

    // What a completed questionnaire takes into dispute: the stage, and the issues.
    struct DisputeTaken {
        std::string response_id;
        std::string review_id;
        std::string child_id;
        std::string author_id;
        Date completed_on{};
        std::string answer;  ///< the answer that names the stage, as labelled
        std::string stage;
        std::vector<std::string> codes;  ///< alert categories
        std::string other_text;
    };

    void add_issue(DisputeTaken& taken, const std::string& label, const std::string& text) {
        if (auto c = iro::quality_alerts::find_category(settings_.categories, label)) {
            taken.codes.push_back(c->code);
            if (c->code == iro::quality_alerts::kOther && !text.empty()) {
                taken.other_text = text;
            }
        } else {
            taken.codes.emplace_back(iro::quality_alerts::kOther);
            taken.other_text += (taken.other_text.empty() ? "" : "; ") + label;
        }
    }

    // A defined questionnaire: the single choice question marked dispute "stage" gives the stage
    // of its chosen option; the multiple choice marked "issues" gives the issues.
    std::optional<DisputeTaken> dispute_in(const nlohmann::json& definition,
                                           const iro::plugin::SubmittedResponse& response) {
        DisputeTaken taken{response.response_id,
                           response.review_id,
                           response.child_id,
                           response.author_id,
                           response.review_date,
                           {},
                           {},
                           {},
                           {}};
        if (taken.child_id.empty()) {
            return std::nullopt;  // history without a child: nobody to open a dispute for
        }
        for (const auto& q : definition.at("questions")) {
            const std::string id = q.at("id").get<std::string>();
            const std::string role = q.value("dispute", std::string());
            if (role.empty() || !response.answers.contains(id)) {
                continue;
            }
            const auto& answer = response.answers[id];
            for (const auto& o : q.value("options", nlohmann::json::array())) {
                const std::string code = o.at("code").get<std::string>();
                const bool chosen = answer.is_string() ? answer.get<std::string>() == code
                                                       : std::find(answer.begin(), answer.end(),
                                                                   code) != answer.end();
                if (!chosen) {
                    continue;
                }
                const std::string label = o.at("label").get<std::string>();
                if (role == "stage" && o.contains("dispute_stage")) {
                    taken.answer = label;
                    taken.stage = o["dispute_stage"].get<std::string>();
                } else if (role == "issues" && !o.value("exclusive", false)) {
                    add_issue(taken, label, response.other.value(id, std::string()));
                }
            }
        }
        if (taken.stage.empty() || settings_.ladder.index_of(taken.stage) < 0) {
            return std::nullopt;
        }
        return taken;
    }

    // An older response without a definition: the configured dispute question answered with a
    // label mapped to a stage, and the issues question's labels.
    std::optional<DisputeTaken> dispute_in(const iro::plugin::ResponseRecord& response) {
        const auto& link = settings_.qaf;
        const auto& answers = response.answers;
        if (!answers.contains(link.dispute_question) ||
            !answers[link.dispute_question].is_string()) {
            return std::nullopt;
        }
        const auto answer = answers[link.dispute_question].get<std::string>();
        const auto stage = link.stage_by_answer.find(iro::quality_alerts::normalised_label(answer));
        if (stage == link.stage_by_answer.end()) {
            return std::nullopt;
        }
        DisputeTaken taken{response.response_id,
                           response.review_id,
                           response.child_id,
                           response.author_id,
                           response.completed_on,
                           answer,
                           stage->second,
                           {},
                           {}};
        if (answers.contains(link.issues_question) && answers[link.issues_question].is_array()) {
            for (const auto& issue : answers[link.issues_question]) {
                if (issue.is_string()) {
                    add_issue(taken, issue.get<std::string>(), {});
                }
            }
        }
        return taken;
    }

    // The child's open dispute at that stage gains the issues; one at an earlier stage is
    // escalated to it; otherwise a dispute opens there (DOMAIN.md section 4, issue 6).
    void take_into_dispute(const DisputeTaken& taken) {
        const std::string from =
            "QAF response " + taken.response_id +
            (taken.review_id.empty() ? std::string() : " after review " + taken.review_id) + ": " +
            taken.answer;
        const Date today = host().clock().today();
        const Date on = std::min(taken.completed_on, today);
        const int target = settings_.ladder.index_of(taken.stage);
        AlertDesk desk(host(), settings_);
        for (const auto& open : host().alerts().list(taken.child_id, true)) {
            if (open.state.kind == "exceptional_practice") {
                continue;
            }
            const int at = settings_.ladder.index_of(open.state.stage);
            if (at == target) {
                desk.link(open, taken.codes, from, on);
                return;
            }
            if (at >= 0 && at < target) {
                iro::quality_alerts::ActionRequest escalate{Action::escalate,
                                                            "module:quality-alerts",
                                                            std::max(on, open.history.back().on),
                                                            from,
                                                            {},
                                                            std::nullopt,
                                                            taken.stage};
                desk.link(desk.act(open, escalate, today), taken.codes, from, on);
                return;
            }
        }
        iro::quality_alerts::AlertDraft draft;
        draft.child_id = taken.child_id;
        draft.raised_by = taken.author_id;
        draft.raised_on = on;
        draft.categories = taken.codes;
        draft.description = "Issues taken into dispute following the review (" + from + ")";
        draft.copies = settings_.copies;
        draft.stage = taken.stage;
        nlohmann::json body = {{"qaf_response", taken.response_id}};
        if (!taken.other_text.empty()) {
            body["other_text"] = taken.other_text;
        }
        desk.raise(draft, std::move(body), today);
    }

    AlertSettings settings_;
};

}  // namespace

IRO_DEFINE_PLUGIN(QualityAlertsModule)
