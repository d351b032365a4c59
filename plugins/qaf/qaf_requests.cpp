#include "qaf_requests.hpp"

#include "iro/plugin_api/dates.hpp"

namespace iro::qaf {

std::string text_field(const nlohmann::json& input, const char* field) {
    if (!input.contains(field) || input[field].is_null()) {
        return {};
    }
    if (!input[field].is_string()) {
        throw BadInput(std::string(field) + ": a string is required");
    }
    return input[field].get<std::string>();
}

std::pair<std::string, int> questionnaire_reference(const std::string& text) {
    const auto at = text.find('@');
    std::string id = text.substr(0, at);
    if (id.empty()) {
        throw BadInput("questionnaire: ID or ID@VERSION, e.g. york-qaf@1");
    }
    if (at == std::string::npos) {
        return {id, 0};
    }
    const std::string version = text.substr(at + 1);
    if (version.empty() || version.size() > 4 ||
        version.find_first_not_of("0123456789") != std::string::npos || version[0] == '0') {
        throw BadInput("questionnaire: '" + text + "': the version after @ is a number from 1");
    }
    return {id, std::stoi(version)};
}

namespace {

void answers_into(const nlohmann::json& input, plugin::Submission& s) {
    if (!input.contains("answers") || !input["answers"].is_object()) {
        throw BadInput("answers: an object of question id to answer is required");
    }
    s.answers = input["answers"];
    if (input.contains("other")) {
        if (!input["other"].is_object()) {
            throw BadInput("other: an object of question id to 'Other (please specify)' text");
        }
        s.other = input["other"];
    }
}

}  // namespace

plugin::Submission submission_from(const nlohmann::json& input, const std::string& fallback) {
    plugin::Submission s;
    const std::string named = text_field(input, "questionnaire");
    std::tie(s.questionnaire, s.version) =
        questionnaire_reference(named.empty() ? fallback : named);
    s.review_id = text_field(input, "review_id");
    answers_into(input, s);
    return s;
}

plugin::Submission history_row_from(const nlohmann::json& row, const std::string& questionnaire,
                                    const std::string& source) {
    plugin::Submission s;
    std::tie(s.questionnaire, s.version) = questionnaire_reference(questionnaire);
    s.source = source;
    s.external_id = text_field(row, "external_id");
    if (s.external_id.empty()) {
        throw BadInput("external_id: each row needs its id in " + source);
    }
    s.review_id = text_field(row, "review_id");
    const std::string day = text_field(row, "review_date");
    if (!day.empty()) {
        s.review_date = plugin::parse_iso_date(day);
        if (!s.review_date) {
            throw BadInput("review_date: '" + day + "' is not a date, YYYY-MM-DD");
        }
    }
    s.submitted_at = text_field(row, "submitted_at");
    answers_into(row, s);
    return s;
}

}  // namespace iro::qaf
