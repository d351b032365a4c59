#include "support/council_data.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>

#include "iro/plugin_api/dates.hpp"

namespace iro::test {

const char* two_children_case_records() {
    return R"sql(
INSERT INTO children (child_id, sex, date_of_birth) VALUES ('C1', '1', '2012-05-01'),
                                                           ('C2', '2', '2010-02-11');
INSERT INTO teams (team_id, name) VALUES ('T1', 'North'), ('T2', 'South'), ('IRO', 'IRO Service');
INSERT INTO workers (worker_id, team_id) VALUES ('SW1', 'T1'), ('SW2', 'T2'), ('TM1', 'T1'),
    ('TM2', 'T2'), ('IRO1', 'IRO'), ('IRO2', 'IRO');
INSERT INTO allocations (child_id, worker_id, role, team_id, start_date) VALUES
    ('C1', 'SW1', 'social_worker', 'T1', '2020-01-01'), ('C1', 'TM1', 'team_manager', 'T1', '2020-01-01'),
    ('C1', 'IRO1', 'iro', 'IRO', '2020-01-01'),
    ('C2', 'SW2', 'social_worker', 'T2', '2020-01-01'), ('C2', 'TM2', 'team_manager', 'T2', '2020-01-01'),
    ('C2', 'IRO2', 'iro', 'IRO', '2020-01-01');
)sql";
}

std::string day_offset(int days) {
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return plugin::to_iso(plugin::Date(today + std::chrono::days(days)));
}

nlohmann::json york_qaf_first_options() {
    std::ifstream in(std::filesystem::path(IRO_SOURCE_DIR) / "plugins" / "qaf" / "york-qaf-1.json");
    const auto york = nlohmann::json::parse(in);
    nlohmann::json answers = nlohmann::json::object();
    for (const auto& question : york.at("questions")) {
        if (question.value("applies_when", nlohmann::json::object())
                .contains("review_number_at_least")) {
            continue;
        }
        const auto first = question.at("id") == "participation"
                               ? nlohmann::json("pn1")
                               : question.at("options").at(0).at("code");
        answers[question.at("id").get<std::string>()] =
            question.at("type") == "multiple_choice" ? nlohmann::json::array({first}) : first;
    }
    return answers;
}

}  // namespace iro::test
