#include "alert_ladder.hpp"

#include <set>
#include <stdexcept>

namespace iro::quality_alerts {

int Ladder::index_of(std::string_view stage_id) const {
    for (std::size_t i = 0; i < stages.size(); ++i) {
        if (stages[i].id == stage_id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

Ladder default_ladder() {
    return {{{"informal", "Informal Dispute Resolution (quality alert)", "team_manager", 10, false},
             {"stage_1", "Stage 1 Formal Dispute Resolution", "team_manager", 10, true},
             {"stage_2", "Stage 2 Formal Dispute Resolution", "service_manager", 10, true},
             {"stage_3", "Stage 3 Formal Dispute Resolution", "head_of_service", 15, true},
             {"stage_4", "Stage 4 Formal Dispute Resolution", "director", 20, true},
             {"cafcass", "Referral to CAFCASS", "cafcass", 0, true}}};
}

Ladder ladder_from(const nlohmann::json& config) {
    const auto it = config.find("ladder");
    if (it == config.end() || it->is_null()) {
        return default_ladder();
    }
    if (!it->is_array() || it->empty()) {
        throw std::invalid_argument("ladder: must be a non-empty array of stages");
    }
    Ladder ladder;
    std::set<std::string, std::less<>> ids;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const nlohmann::json& s = (*it)[i];
        const std::string where = "ladder[" + std::to_string(i) + "]";
        if (!s.is_object()) {
            throw std::invalid_argument(where + ": must be an object");
        }
        const auto text = [&](const char* field) {
            const auto f = s.find(field);
            if (f == s.end() || !f->is_string() || f->get<std::string>().empty()) {
                throw std::invalid_argument(where + "." + field + ": must be a non-empty string");
            }
            return f->get<std::string>();
        };
        Stage stage{text("id"), text("name"), text("responder_role"), 0, i != 0};
        const auto days = s.find("deadline_working_days");
        if (days != s.end()) {
            if (!days->is_number_integer() || days->get<int>() < 0) {
                throw std::invalid_argument(where +
                                            ".deadline_working_days: must be a whole number of "
                                            "working days, 0 or more");
            }
            stage.deadline_working_days = days->get<int>();
        }
        if (const auto formal = s.find("formal"); formal != s.end() && formal->is_boolean()) {
            stage.formal = formal->get<bool>();
        }
        if (!ids.insert(stage.id).second) {
            throw std::invalid_argument(where + ".id: '" + stage.id + "' is used twice");
        }
        ladder.stages.push_back(std::move(stage));
    }
    return ladder;
}

}  // namespace iro::quality_alerts
