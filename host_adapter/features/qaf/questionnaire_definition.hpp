#pragma once
// One version of a questionnaire, read from its JSON definition (schemas/qaf/questionnaire.schema
// .json) and checked for what a schema cannot say: sections and questions that exist, codes that
// repeat. It also fixes where each answer sits in a response's packed codes, the compact form the
// report engine counts from (see answer_codes.hpp).

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace iro::questionnaires {

/// A definition that breaks the schema or is inconsistent; the message lists every problem.
class DefinitionError : public Error {
  public:
    explicit DefinitionError(const std::string& what) : Error(ErrorKind::invalid, what) {}
};

enum class QuestionType { single_choice, multiple_choice, free_text, number, date };

/// "single_choice", "multiple_choice", "free_text", "number", "date".
std::string_view to_string(QuestionType type);

struct Option {
    std::string code;
    std::string label;
    bool other = false;      ///< "Other (please specify)": takes a text
    bool exclusive = false;  ///< multiple choice: never with another option
    bool rank = true;        ///< counted in top-N rankings
    std::string dispute_stage;
};

/// When a question applies; every condition given must hold.
struct Applicability {
    std::optional<int> review_number_at_least;
    std::optional<int> review_number_at_most;  ///< 1: asked only at the child's first review
    std::optional<int> age_at_least;
    std::optional<int> age_below;
    std::string answer_question;  ///< with answer_in / answer_not_in
    std::vector<std::string> answer_in;
    std::vector<std::string> answer_not_in;
};

struct Question {
    std::string id;
    std::optional<int> number;
    std::optional<int> indicator;
    std::string section;
    std::string text;
    std::string short_title;
    std::vector<std::string> aliases;
    QuestionType type = QuestionType::single_choice;
    bool required = false;
    bool review_date = false;
    std::string dispute;  ///< "", "stage" or "issues"
    std::vector<Option> options;
    std::optional<Applicability> applies;
    /// Where the question's answer sits in the packed codes, and how many bytes it takes: one
    /// (option number, or answered) for most, one per option for multiple choice.
    std::size_t offset = 0;
    std::size_t width = 1;

    /// The option with this code, or nullptr.
    const Option* option(std::string_view code) const;
    /// The option's position (0-based), or nullopt.
    std::optional<std::size_t> option_index(std::string_view code) const;
    bool is_choice() const {
        return type == QuestionType::single_choice || type == QuestionType::multiple_choice;
    }
};

struct Section {
    std::string id;
    std::string title;
};

struct Definition {
    std::string id;
    int version = 0;
    std::string title;
    std::string description;
    std::vector<Section> sections;
    std::vector<Question> questions;
    std::size_t code_width = 0;  ///< bytes of packed codes per response
    nlohmann::json source;       ///< the definition as given

    /// The question with this id, or nullptr.
    const Question* question(std::string_view id) const;
    /// The question with this published number, or nullptr.
    const Question* question_numbered(int number) const;
    /// "york-qaf@1".
    std::string reference() const { return id + "@" + std::to_string(version); }
};

/// Reads and checks a definition. Throws DefinitionError listing every problem.
Definition parse_definition(const nlohmann::json& document);

/// How reports title the question: "Q20: Is the current ...", or "Indicator 12: <short title>".
std::string display_title(const Question& question);

/// "york-qaf@1" -> {"york-qaf", 1}; "york-qaf" -> {"york-qaf", 0} (the latest). Throws
/// std::invalid_argument for anything else.
std::pair<std::string, int> parse_reference(std::string_view reference);

}  // namespace iro::questionnaires
