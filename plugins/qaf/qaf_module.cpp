// The qaf module: York's quality assurance questionnaire after every review. It defines the
// questionnaire versions (york-qaf 1 built in, more from configuration), takes responses from the
// child's IRO or an IRO manager, amendments with a reason, and history from another system. The
// host checks every response against its version and keeps what reports count.

#include <algorithm>

#include "iro/plugin_api/module.hpp"
#include "qaf_requests.hpp"

namespace iro::qaf::embedded {
std::string_view embedded_file(std::string_view name);
}

namespace {

using iro::plugin::Actor;
using iro::plugin::Date;
using iro::plugin::RequestRefused;
using iro::plugin::RequestStatus;
using iro::qaf::BadInput;

class QafModule final : public iro::plugin::Module {
  public:
    using Module::Module;

    void start() override {
        const auto& config = host().config();
        fallback_ = config.value("questionnaire", std::string("york-qaf"));
        roles_ = config.value("submitting_roles", std::vector<std::string>{"iro", "iro_manager"});
        host().questionnaires().define(
            nlohmann::json::parse(iro::qaf::embedded::embedded_file("york-qaf-1.json")));
        for (const auto& definition : config.value("definitions", nlohmann::json::array())) {
            host().questionnaires().define(definition);
        }
        const auto [id, version] = iro::qaf::questionnaire_reference(fallback_);
        if (!host().questionnaires().definition(id, version)) {
            throw iro::plugin::HostError("questionnaire: " + fallback_ + " is not defined");
        }
    }

    nlohmann::json handle_request(const iro::plugin::Request& request) override {
        try {
            if (request.name == "submit_response") {
                return {{"response",
                         iro::plugin::to_json(submit(
                             request.actor, iro::qaf::submission_from(request.input, fallback_)))}};
            }
            if (request.name == "submit_responses") {
                return submit_all(request);
            }
            if (request.name == "amend_response") {
                return amend(request);
            }
            if (request.name == "import_history") {
                return import(request);
            }
        } catch (const BadInput& e) {
            throw RequestRefused(RequestStatus::invalid, e.what());
        } catch (const iro::plugin::HostError& e) {
            throw RequestRefused(RequestStatus::invalid, e.what());
        }
        return Module::handle_request(request);
    }

  private:
    // The IRO completes the QAF for their own child; an IRO manager may enter one for them.
    void may_complete(const Actor& actor, const std::string& child_id, Date on) const {
        if (std::find(roles_.begin(), roles_.end(), actor.role) == roles_.end()) {
            throw RequestRefused(
                RequestStatus::forbidden,
                actor.worker_id + " (" + actor.role + ") may not complete or amend the QAF");
        }
        if (actor.role != "iro") {
            return;
        }
        const Date today = host().clock().today();
        for (const auto& a : host().records().allocations(child_id)) {
            const auto held_on = [&](Date day) {
                return a.start <= day && (!a.end || day <= *a.end);
            };
            if (a.role == "iro" && a.worker_id == actor.worker_id &&
                (held_on(on) || held_on(today))) {
                return;
            }
        }
        throw RequestRefused(RequestStatus::forbidden,
                             actor.worker_id + " is not the IRO of child " + child_id +
                                 ": only the child's IRO or an IRO manager completes their QAF");
    }

    iro::plugin::SubmittedResponse submit(const Actor& actor, const iro::plugin::Submission& s) {
        if (s.review_id.empty()) {
            throw BadInput("review_id: which review the questionnaire follows is required");
        }
        const auto review = host().records().review(s.review_id);
        if (!review) {
            throw RequestRefused(RequestStatus::not_found,
                                 "review_id: there is no review " + s.review_id);
        }
        may_complete(actor, review->child_id, review->held_on.value_or(host().clock().today()));
        return host().questionnaires().submit(s);
    }

    // Many responses at once (a council's backlog, a test fixture): all are recorded or none,
    // and every refused one is listed with where it came from.
    nlohmann::json submit_all(const iro::plugin::Request& request) {
        const auto& input = request.input;
        if (!input.contains("responses") || !input["responses"].is_array() ||
            input["responses"].empty()) {
            throw BadInput("responses: a list of one or more responses is required");
        }
        const std::string source = iro::qaf::text_field(input, "source");
        std::string problems;
        std::size_t recorded = 0;
        std::size_t index = 0;
        for (const auto& item : input["responses"]) {
            ++index;
            const std::string where =
                (source.empty() ? std::string("response ") + std::to_string(index)
                                : source + " line " + std::to_string(item.value("line", index)));
            try {
                // Completed before, elsewhere (paper, a spreadsheet): kept as it was answered.
                auto s = iro::qaf::submission_from(item, fallback_);
                s.source = "backlog";
                submit(request.actor, s);
                ++recorded;
            } catch (const std::exception& e) {
                problems += "\n  " + where + ": " + e.what();
            }
        }
        if (!problems.empty()) {
            throw RequestRefused(RequestStatus::invalid,
                                 (source.empty() ? std::string("the responses") : source) +
                                     " refused; nothing was recorded:" + problems);
        }
        return {{"recorded", recorded}};
    }

    nlohmann::json amend(const iro::plugin::Request& request) {
        const std::string id = iro::qaf::text_field(request.input, "response_id");
        if (id.empty()) {
            throw BadInput("response_id: which response to amend is required");
        }
        const auto original = host().questionnaires().find(id);
        if (!original) {
            throw RequestRefused(RequestStatus::not_found, "there is no response " + id);
        }
        if (original->child_id.empty()) {
            if (request.actor.role != "iro_manager") {
                throw RequestRefused(RequestStatus::forbidden,
                                     "response " + id +
                                         " is history kept without a child: only an IRO "
                                         "manager amends it");
            }
        } else {
            may_complete(request.actor, original->child_id, original->review_date);
        }
        iro::plugin::Submission s;
        s.questionnaire = original->questionnaire;
        s.version = original->version;
        s.review_id = original->review_id;
        if (s.review_id.empty()) {
            s.review_date = original->review_date;
        }
        s.source = original->source;
        s.amends = id;
        s.reason = iro::qaf::text_field(request.input, "reason");
        if (s.reason.empty()) {
            throw BadInput("reason: an amendment says why the answers changed");
        }
        const auto amended = iro::qaf::submission_from(request.input, fallback_);
        s.answers = amended.answers;
        s.other = amended.other;
        return {{"response", iro::plugin::to_json(host().questionnaires().submit(s))}};
    }

    // History from another system (SurveyMonkey): linked to the review its row names when the
    // case records know it, kept without a child otherwise.
    nlohmann::json import(const iro::plugin::Request& request) {
        if (request.actor.role != "iro_manager") {
            throw RequestRefused(RequestStatus::forbidden,
                                 request.actor.worker_id + " (" + request.actor.role +
                                     ") may not import QAF history: that is for an iro_manager");
        }
        const auto& input = request.input;
        const std::string questionnaire = iro::qaf::text_field(input, "questionnaire");
        const std::string source = iro::qaf::text_field(input, "source");
        const std::string file = iro::qaf::text_field(input, "file");
        if (questionnaire.empty() || source.empty()) {
            throw BadInput("questionnaire and source are required");
        }
        if (!input.contains("rows") || !input["rows"].is_array() || input["rows"].empty()) {
            throw BadInput("rows: the rows to import are required");
        }
        std::string problems;
        std::size_t linked = 0;
        std::size_t unlinked = 0;
        nlohmann::json unknown_reviews = nlohmann::json::array();
        for (const auto& row : input["rows"]) {
            const std::string where =
                (file.empty() ? source : file) + " line " + std::to_string(row.value("line", 0));
            try {
                auto s = iro::qaf::history_row_from(row, questionnaire, source);
                if (!s.review_id.empty() && !host().records().review(s.review_id)) {
                    unknown_reviews.push_back(s.review_id);
                    s.review_id.clear();
                }
                if (!s.review_id.empty()) {
                    s.review_date.reset();  // the review's own date counts
                }
                const bool link = !s.review_id.empty();
                host().questionnaires().submit(s);
                ++(link ? linked : unlinked);
            } catch (const std::exception& e) {
                problems += "\n  " + where + ": " + e.what();
            }
        }
        if (!problems.empty()) {
            throw RequestRefused(
                RequestStatus::invalid,
                (file.empty() ? source : file) + " refused; nothing was imported:" + problems);
        }
        return {{"imported", linked + unlinked},
                {"linked", linked},
                {"unlinked", unlinked},
                {"unknown_reviews", unknown_reviews}};
    }

    std::string fallback_ = "york-qaf";
    std::vector<std::string> roles_;
};

}  // namespace

IRO_DEFINE_PLUGIN(QafModule)
