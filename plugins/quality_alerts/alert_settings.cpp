#include "alert_settings.hpp"

#include <stdexcept>

#include "alert_categories.hpp"

namespace iro::quality_alerts {

namespace {

OverduePolicy policy_from(const std::string& name) {
    if (name == "manual") {
        return OverduePolicy::manual;
    }
    if (name == "automatic") {
        return OverduePolicy::automatic;
    }
    if (name == "prompt") {
        return OverduePolicy::prompt;
    }
    throw std::invalid_argument("overdue_policy: '" + name +
                                "' is not manual, prompt or automatic");
}

// York's question 30 options (research/seed-001-part2.md section 1.3) and the default stages.
std::map<std::string, std::string, std::less<>> default_stage_by_answer() {
    return {
        {normalised_label("Yes – Informal Dispute Resolution"), "informal"},
        {normalised_label("Yes – Stage 1 Formal Dispute Resolution"), "stage_1"},
        {normalised_label("Yes – Stage 2 Formal Dispute Resolution"), "stage_2"},
        {normalised_label("Yes – Stage 3 Formal Dispute Resolution"), "stage_3"},
        {normalised_label("Yes – Stage 4 Formal Dispute Resolution"), "stage_4"},
        {normalised_label("Referral to CAFCASS"), "cafcass"},
    };
}

}  // namespace

AlertSettings settings_from(const nlohmann::json& config) {
    AlertSettings s;
    s.ladder = ladder_from(config);
    s.categories = categories_from(config);
    s.overdue_policy = policy_from(config.value("overdue_policy", std::string("prompt")));
    s.copies = config.value("copies", std::vector<std::string>{"senior_managers"});
    s.raising_roles = config.value("raising_roles", std::vector<std::string>{"iro", "iro_manager"});
    s.acknowledge_within_working_days = config.value("acknowledge_within_working_days", 10);
    const auto link = config.value("qaf_link", nlohmann::json::object());
    s.qaf.module = link.value("module", s.qaf.module);
    s.qaf.questionnaire = link.value("questionnaire", s.qaf.questionnaire);
    s.qaf.dispute_question = link.value("dispute_question", s.qaf.dispute_question);
    s.qaf.issues_question = link.value("issues_question", s.qaf.issues_question);
    if (link.contains("stage_by_answer")) {
        for (const auto& [answer, stage] : link["stage_by_answer"].items()) {
            s.qaf.stage_by_answer[normalised_label(answer)] = stage.get<std::string>();
        }
    } else {
        // A council's own ladder may have dropped some of York's stages: those answers open
        // nothing.
        for (auto& [answer, stage] : default_stage_by_answer()) {
            if (s.ladder.index_of(stage) >= 0) {
                s.qaf.stage_by_answer.emplace(answer, stage);
            }
        }
    }
    for (const auto& [answer, stage] : s.qaf.stage_by_answer) {
        if (s.ladder.index_of(stage) < 0) {
            std::string why = "qaf_link.stage_by_answer: '";
            why += answer;
            why += "' names the stage '";
            why += stage;
            why += "', which the ladder does not have";
            throw std::invalid_argument(why);
        }
    }
    return s;
}

}  // namespace iro::quality_alerts
