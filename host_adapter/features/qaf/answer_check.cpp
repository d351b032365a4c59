#include "qaf/answer_check.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "iro/plugin_api/dates.hpp"
#include "iro/plugin_api/text_match.hpp"

namespace iro::questionnaires {

namespace {

std::string choices_of(const Question& q) {
    std::string out;
    for (const auto& o : q.options) {
        out += fmt::format("{}{} ({})", out.empty() ? "" : ", ", o.code, o.label);
    }
    return out;
}

// An option given by its code or, as people type them, by its label.
const Option* chosen(const Question& q, const std::string& given) {
    if (const Option* o = q.option(given)) {
        return o;
    }
    const std::string wanted = plugin::normalised_text(given);
    for (const auto& o : q.options) {
        if (plugin::normalised_text(o.label) == wanted) {
            return &o;
        }
    }
    return nullptr;
}

}  // namespace

std::string not_applicable_to_review(const Question& q, const ReviewFacts& facts) {
    if (!q.applies) {
        return {};
    }
    const Applicability& a = *q.applies;
    if (a.review_number_at_least && facts.review_number &&
        *facts.review_number < *a.review_number_at_least) {
        return fmt::format("it applies from the child's review number {}, and this is number {}",
                           *a.review_number_at_least, *facts.review_number);
    }
    if (a.review_number_at_most && facts.review_number &&
        *facts.review_number > *a.review_number_at_most) {
        return *a.review_number_at_most == 1
                   ? fmt::format(
                         "it is asked only at the child's first review, and this is "
                         "number {}",
                         *facts.review_number)
                   : fmt::format(
                         "it applies up to the child's review number {}, and this is "
                         "number {}",
                         *a.review_number_at_most, *facts.review_number);
    }
    if (a.age_at_least && facts.age_years && *facts.age_years < *a.age_at_least) {
        return fmt::format("it applies to children aged {} or over, and the child was {}",
                           *a.age_at_least, *facts.age_years);
    }
    if (a.age_below && facts.age_years && *facts.age_years >= *a.age_below) {
        return fmt::format("it applies to children under {}, and the child was {}", *a.age_below,
                           *facts.age_years);
    }
    return {};
}

namespace {

// Why the question does not apply, or empty when it does (or cannot be judged).
std::string not_applicable_because(const Question& q, const ReviewFacts& facts,
                                   const nlohmann::json& answers) {
    if (!q.applies) {
        return {};
    }
    if (auto why = not_applicable_to_review(q, facts); !why.empty()) {
        return why;
    }
    const Applicability& a = *q.applies;
    if (!a.answer_question.empty()) {
        const std::string given = answers.contains(a.answer_question)
                                      ? answers[a.answer_question].get<std::string>()
                                      : std::string();
        const auto listed = [&](const std::vector<std::string>& codes) {
            return std::find(codes.begin(), codes.end(), given) != codes.end();
        };
        if ((!a.answer_in.empty() && !listed(a.answer_in)) ||
            (!a.answer_not_in.empty() && (given.empty() || listed(a.answer_not_in)))) {
            return fmt::format("it depends on the answer to {}, which is {}", a.answer_question,
                               given.empty() ? std::string("not given") : "'" + given + "'");
        }
    }
    return {};
}

void check_choice(const Question& q, const nlohmann::json& value, const nlohmann::json& other,
                  CheckedAnswers& out) {
    const auto problem = [&](const std::string& why) { out.problems.push_back(q.id + ": " + why); };
    std::vector<const Option*> picked;
    if (q.type == QuestionType::single_choice) {
        if (!value.is_string()) {
            problem("the answer is one option code, as a string");
            return;
        }
        picked.push_back(chosen(q, value.get<std::string>()));
        if (picked.back() == nullptr) {
            problem(fmt::format("'{}' is not one of: {}", value.get<std::string>(), choices_of(q)));
            return;
        }
        out.answers[q.id] = picked.back()->code;
    } else {
        if (!value.is_array() || value.empty()) {
            problem("the answer is a list of one or more option codes");
            return;
        }
        nlohmann::json codes = nlohmann::json::array();
        for (const auto& v : value) {
            const Option* o = v.is_string() ? chosen(q, v.get<std::string>()) : nullptr;
            if (o == nullptr) {
                problem(fmt::format("'{}' is not one of: {}",
                                    v.is_string() ? v.get<std::string>() : v.dump(),
                                    choices_of(q)));
                return;
            }
            if (std::find(picked.begin(), picked.end(), o) != picked.end()) {
                problem(fmt::format("'{}' is chosen twice", o->code));
                return;
            }
            picked.push_back(o);
        }
        for (const auto* o : picked) {
            if (o->exclusive && picked.size() > 1) {
                problem(fmt::format("'{}' ({}) is never chosen with another option", o->code,
                                    o->label));
                return;
            }
        }
        // Stored in the definition's order, whatever order they were given in.
        for (const auto& o : q.options) {
            if (std::find(picked.begin(), picked.end(), &o) != picked.end()) {
                codes.push_back(o.code);
            }
        }
        out.answers[q.id] = std::move(codes);
    }
    const bool other_chosen =
        std::any_of(picked.begin(), picked.end(), [](const Option* o) { return o->other; });
    if (other.contains(q.id)) {
        if (!other[q.id].is_string()) {
            problem("the 'Other (please specify)' text is a string");
        } else if (!other_chosen) {
            problem("an 'Other (please specify)' text is given but that option is not chosen");
        } else if (!other[q.id].get<std::string>().empty()) {
            out.other[q.id] = other[q.id];
        }
    }
}

void check_value(const Question& q, const nlohmann::json& value, CheckedAnswers& out) {
    switch (q.type) {
        case QuestionType::free_text:
            if (!value.is_string()) {
                out.problems.push_back(q.id + ": the answer is a text");
            } else if (!value.get<std::string>().empty()) {
                out.answers[q.id] = value;
            }
            return;
        case QuestionType::number:
            if (!value.is_number()) {
                out.problems.push_back(q.id + ": the answer is a number");
            } else {
                out.answers[q.id] = value;
            }
            return;
        case QuestionType::date:
            if (!value.is_string() || !plugin::parse_iso_date(value.get<std::string>())) {
                out.problems.push_back(q.id + ": the answer is a date, YYYY-MM-DD");
            } else {
                out.answers[q.id] = value;
            }
            return;
        default:
            return;
    }
}

// DfE rules 440 and 441: PN0 means the child was under 4 at the review, and only then.
void check_participation_age(const Question& q, const ReviewFacts& facts, CheckedAnswers& out) {
    if (!facts.age_years || q.type != QuestionType::single_choice || !out.answers.contains(q.id)) {
        return;
    }
    const Option* o = q.option(out.answers[q.id].get<std::string>());
    const std::string label = plugin::normalised_text(o->label);
    const std::string code = plugin::normalised_text(o->code);
    const auto pn = [&](const std::string& text) {
        return text.size() >= 3 && text.rfind("pn", 0) == 0 && text[2] >= '0' && text[2] <= '7' &&
               (text.size() == 3 || text[3] == ' ');
    };
    if (!pn(code) && !pn(label)) {
        return;
    }
    const bool pn0 = (pn(code) ? code : label)[2] == '0';
    if (pn0 && *facts.age_years >= 4) {
        out.problems.push_back(fmt::format(
            "{}: {} is for a child under 4 at the review, and the child was {} (DfE rule 440)",
            q.id, o->label, *facts.age_years));
    } else if (!pn0 && *facts.age_years < 4) {
        out.problems.push_back(
            fmt::format("{}: the child was {} at the review: under 4, the code is PN0 (DfE rule "
                        "441), not {}",
                        q.id, *facts.age_years, o->label));
    }
}

}  // namespace

CheckedAnswers check_answers(const Definition& d, const nlohmann::json& answers,
                             const nlohmann::json& other, const ReviewFacts& facts, bool complete) {
    CheckedAnswers out;
    if (!answers.is_object()) {
        out.problems.emplace_back("answers: an object of question id to answer is required");
        return out;
    }
    if (!other.is_object()) {
        out.problems.emplace_back("other: an object of question id to text is required");
        return out;
    }
    for (const auto& [id, value] : answers.items()) {
        if (d.question(id) == nullptr) {
            out.problems.push_back(
                fmt::format("{}: {} has no question '{}'", id, d.reference(), id));
        }
    }
    for (const auto& [id, value] : other.items()) {
        const Question* q = d.question(id);
        if (q == nullptr || std::none_of(q->options.begin(), q->options.end(),
                                         [](const Option& o) { return o.other; })) {
            out.problems.push_back(
                fmt::format("other.{}: there is no 'Other (please specify)' option there", id));
        }
    }
    for (const auto& q : d.questions) {
        const bool given = answers.contains(q.id) && !answers[q.id].is_null();
        const std::string why = not_applicable_because(q, facts, out.answers);
        if (!why.empty()) {
            if (given) {
                out.problems.push_back(q.id + ": answered, but " + why);
            }
            continue;
        }
        if (!given) {
            if (q.required) {
                out.problems.push_back(q.id + ": required, and not answered");
            } else if (complete && q.is_choice()) {
                out.problems.push_back(
                    fmt::format("{}: not answered ({})", q.id, display_title(q)));
            }
            continue;
        }
        if (q.is_choice()) {
            check_choice(q, answers[q.id], other, out);
            check_participation_age(q, facts, out);
        } else {
            check_value(q, answers[q.id], out);
        }
    }
    return out;
}

std::string pack_answers(const Definition& d, const nlohmann::json& answers) {
    std::string codes(d.code_width, '\0');
    for (const auto& q : d.questions) {
        if (!answers.contains(q.id)) {
            continue;
        }
        const auto& value = answers[q.id];
        if (q.type == QuestionType::single_choice) {
            const auto index = q.option_index(value.get<std::string>());
            codes[q.offset] = static_cast<char>(index ? *index + 1 : 0);
        } else if (q.type == QuestionType::multiple_choice) {
            for (const auto& code : value) {
                if (const auto index = q.option_index(code.get<std::string>())) {
                    codes[q.offset + *index] = 1;
                }
            }
        } else {
            codes[q.offset] = 1;
        }
    }
    return codes;
}

}  // namespace iro::questionnaires
