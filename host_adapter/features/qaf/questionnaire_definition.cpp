#include "qaf/questionnaire_definition.hpp"

#include <fmt/format.h>

#include <set>

#include "iro/plugin_api/text_match.hpp"
#include "schema/json_schema.hpp"

namespace iro::questionnaires {

namespace {

QuestionType type_from(const std::string& text) {
    if (text == "multiple_choice") {
        return QuestionType::multiple_choice;
    }
    if (text == "free_text") {
        return QuestionType::free_text;
    }
    if (text == "number") {
        return QuestionType::number;
    }
    if (text == "date") {
        return QuestionType::date;
    }
    return QuestionType::single_choice;
}

std::optional<int> optional_int(const nlohmann::json& j, const char* key) {
    if (j.contains(key)) {
        return j[key].get<int>();
    }
    return std::nullopt;
}

Applicability applicability_from(const nlohmann::json& j) {
    Applicability a;
    a.review_number_at_least = optional_int(j, "review_number_at_least");
    a.review_number_at_most = optional_int(j, "review_number_at_most");
    a.age_at_least = optional_int(j, "age_at_least");
    a.age_below = optional_int(j, "age_below");
    if (j.contains("answer")) {
        const auto& answer = j["answer"];
        a.answer_question = answer["question"].get<std::string>();
        a.answer_in = answer.value("in", std::vector<std::string>{});
        a.answer_not_in = answer.value("not_in", std::vector<std::string>{});
    }
    return a;
}

Question question_from(const nlohmann::json& j) {
    Question q;
    q.id = j["id"].get<std::string>();
    q.number = optional_int(j, "number");
    q.indicator = optional_int(j, "indicator");
    q.section = j["section"].get<std::string>();
    q.text = j["text"].get<std::string>();
    q.short_title = j.value("short_title", std::string());
    q.aliases = j.value("aliases", std::vector<std::string>{});
    q.type = type_from(j["type"].get<std::string>());
    q.required = j.value("required", false);
    q.review_date = j.value("review_date", false);
    q.dispute = j.value("dispute", std::string());
    for (const auto& o : j.value("options", nlohmann::json::array())) {
        q.options.push_back({o["code"].get<std::string>(), o["label"].get<std::string>(),
                             o.value("other", false), o.value("exclusive", false),
                             o.value("rank", true), o.value("dispute_stage", std::string())});
    }
    if (j.contains("applies_when")) {
        q.applies = applicability_from(j["applies_when"]);
    }
    return q;
}

// What the schema cannot say, every problem at once.
std::vector<std::string> inconsistencies(const Definition& d) {
    std::vector<std::string> problems;
    std::set<std::string, std::less<>> sections;
    for (const auto& s : d.sections) {
        if (!sections.insert(s.id).second) {
            problems.push_back(fmt::format("sections: '{}' is defined twice", s.id));
        }
    }
    std::set<std::string, std::less<>> ids;
    std::set<int> numbers;
    for (std::size_t i = 0; i < d.questions.size(); ++i) {
        const Question& q = d.questions[i];
        const std::string where = fmt::format("questions/{} ({})", i, q.id);
        if (!ids.insert(q.id).second) {
            problems.push_back(where + ": the id is used by an earlier question");
        }
        if (q.number && !numbers.insert(*q.number).second) {
            problems.push_back(
                fmt::format("{}: number {} is used by an earlier question", where, *q.number));
        }
        if (sections.count(q.section) == 0) {
            problems.push_back(
                fmt::format("{}: section '{}' is not one of the sections", where, q.section));
        }
        std::set<std::string, std::less<>> codes;
        std::set<std::string, std::less<>> labels;
        int others = 0;
        for (const auto& o : q.options) {
            if (!codes.insert(o.code).second) {
                problems.push_back(
                    fmt::format("{}: option code '{}' is used twice", where, o.code));
            }
            if (!labels.insert(plugin::normalised_text(o.label)).second) {
                problems.push_back(
                    fmt::format("{}: option label '{}' is used twice", where, o.label));
            }
            others += o.other ? 1 : 0;
            if (o.exclusive && q.type != QuestionType::multiple_choice) {
                problems.push_back(
                    fmt::format("{}: option '{}' is exclusive, which only a multiple choice can be",
                                where, o.code));
            }
            if (q.type == QuestionType::multiple_choice && !o.dispute_stage.empty()) {
                problems.push_back(fmt::format(
                    "{}: option '{}' has a dispute_stage, which only a single choice answer gives",
                    where, o.code));
            }
        }
        if (others > 1) {
            problems.push_back(where + ": more than one 'Other (please specify)' option");
        }
        if (q.review_date && q.type != QuestionType::date) {
            problems.push_back(where + ": review_date is for a date question");
        }
        if (q.dispute == "stage" && q.type != QuestionType::single_choice) {
            problems.push_back(where + ": dispute 'stage' is for a single choice question");
        }
        if (q.dispute == "issues" && q.type != QuestionType::multiple_choice) {
            problems.push_back(where + ": dispute 'issues' is for a multiple choice question");
        }
        if (q.type == QuestionType::single_choice && q.options.size() > 254) {
            problems.push_back(where + ": a single choice question has at most 254 options");
        }
        if (q.applies && !q.applies->answer_question.empty()) {
            const Question* on = d.question(q.applies->answer_question);
            if (on == nullptr || on == &q ||
                static_cast<std::size_t>(on - d.questions.data()) > i) {
                problems.push_back(
                    fmt::format("{}: applies_when.answer.question '{}' is not an earlier question",
                                where, q.applies->answer_question));
            } else if (on->type != QuestionType::single_choice) {
                problems.push_back(fmt::format(
                    "{}: applies_when.answer.question '{}' is not a single choice question", where,
                    on->id));
            } else {
                for (const auto* list : {&q.applies->answer_in, &q.applies->answer_not_in}) {
                    for (const auto& code : *list) {
                        if (on->option(code) == nullptr) {
                            problems.push_back(
                                fmt::format("{}: applies_when.answer: '{}' is not an option of {}",
                                            where, code, on->id));
                        }
                    }
                }
            }
        }
    }
    return problems;
}

}  // namespace

std::string_view to_string(QuestionType type) {
    switch (type) {
        case QuestionType::single_choice:
            return "single_choice";
        case QuestionType::multiple_choice:
            return "multiple_choice";
        case QuestionType::free_text:
            return "free_text";
        case QuestionType::number:
            return "number";
        case QuestionType::date:
            return "date";
    }
    return "single_choice";
}

const Option* Question::option(std::string_view code) const {
    for (const auto& o : options) {
        if (o.code == code) {
            return &o;
        }
    }
    return nullptr;
}

std::optional<std::size_t> Question::option_index(std::string_view code) const {
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (options[i].code == code) {
            return i;
        }
    }
    return std::nullopt;
}

const Question* Definition::question(std::string_view question_id) const {
    for (const auto& q : questions) {
        if (q.id == question_id) {
            return &q;
        }
    }
    return nullptr;
}

const Question* Definition::question_numbered(int wanted) const {
    for (const auto& q : questions) {
        if (q.number == wanted) {
            return &q;
        }
    }
    return nullptr;
}

Definition parse_definition(const nlohmann::json& document) {
    static const schema::JsonSchema kSchema =
        schema::JsonSchema::compile(schema::embedded_schema("qaf/questionnaire.schema.json"));
    const auto violations = kSchema.validate(document);
    const std::string name =
        document.is_object() && document.contains("id") && document["id"].is_string()
            ? document["id"].get<std::string>()
            : std::string("questionnaire");
    if (!violations.empty()) {
        throw DefinitionError(name + ": " + schema::describe(violations));
    }
    Definition d;
    d.id = document["id"].get<std::string>();
    d.version = document["version"].get<int>();
    d.title = document["title"].get<std::string>();
    d.description = document.value("description", std::string());
    for (const auto& s : document["sections"]) {
        d.sections.push_back({s["id"].get<std::string>(), s["title"].get<std::string>()});
    }
    for (const auto& q : document["questions"]) {
        d.questions.push_back(question_from(q));
    }
    const auto problems = inconsistencies(d);
    if (!problems.empty()) {
        std::string message = d.reference() + " is inconsistent:";
        for (const auto& p : problems) {
            message += "\n  " + p;
        }
        throw DefinitionError(message);
    }
    std::size_t offset = 0;
    for (auto& q : d.questions) {
        q.offset = offset;
        q.width = q.type == QuestionType::multiple_choice ? q.options.size() : 1;
        offset += q.width;
    }
    d.code_width = offset;
    d.source = document;
    return d;
}

std::string display_title(const Question& q) {
    const std::string& words = q.short_title.empty() ? q.text : q.short_title;
    if (q.number) {
        return fmt::format("Q{}: {}", *q.number, q.text);
    }
    if (q.indicator) {
        return fmt::format("Indicator {}: {}", *q.indicator, words);
    }
    return words;
}

std::pair<std::string, int> parse_reference(std::string_view reference) {
    const auto at = reference.find('@');
    std::string id(reference.substr(0, at));
    if (id.empty()) {
        throw std::invalid_argument(
            "a questionnaire is named as ID or ID@VERSION, e.g. york-qaf@1");
    }
    if (at == std::string_view::npos) {
        return {id, 0};
    }
    const std::string version(reference.substr(at + 1));
    if (version.empty() || version.size() > 4 ||
        version.find_first_not_of("0123456789") != std::string::npos || version == "0") {
        throw std::invalid_argument("'" + std::string(reference) +
                                    "': the version after @ is a whole number from 1");
    }
    return {id, std::stoi(version)};
}

}  // namespace iro::questionnaires
