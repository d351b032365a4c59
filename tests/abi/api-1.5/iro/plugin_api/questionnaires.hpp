#pragma once
// Questionnaires (API 1.4): versioned definitions such as York's QAF, and responses validated
// against them. The host keeps both: it checks every definition against
// schemas/qaf/questionnaire.schema.json, keeps a version unchanged once it has responses, checks
// each response against its version (option codes, required questions, when a question applies),
// and records, beside the answers, what reports group by as it stood on the review's day.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/dates.hpp"
#include "iro/plugin_api/export.hpp"

namespace iro::plugin {

/// A response to submit against one version of a questionnaire.
struct Submission {
    std::string questionnaire;  ///< the definition's id, e.g. "york-qaf"
    int version = 0;            ///< 0: the latest version defined
    /// The review the response follows. Empty only for history kept without a child (an import
    /// from another system), which then needs review_date.
    std::string review_id;
    /// The day of the review. With a review_id the host takes the review's held date and refuses
    /// a different one.
    std::optional<Date> review_date;
    std::string submitted_at;        ///< UTC ISO 8601; empty: now (an import keeps its own)
    std::string source = "product";  ///< where it was completed: "product", "surveymonkey", ...
    std::string external_id;         ///< its id there; one response per id and source
    std::string amends;              ///< the response id this replaces (an amendment)
    std::string reason;              ///< why it was amended; required with `amends`
    /// question id -> option code (single choice), array of codes (multiple choice), string
    /// (free text), number, or "YYYY-MM-DD" (date). A question left out was skipped.
    nlohmann::json answers = nlohmann::json::object();
    /// question id -> the text given with an "Other (please specify)" option. Internal only.
    nlohmann::json other = nlohmann::json::object();
};

/// A stored response. Responses are never changed; an amendment is a new response that names the
/// one it replaces, and only the latest of a chain counts in reports.
struct SubmittedResponse {
    std::string response_id;
    std::string module_id;
    std::string questionnaire;
    int version = 0;
    std::string child_id;   ///< empty for unlinked history
    std::string review_id;  ///< empty for unlinked history
    Date review_date{};
    std::string author_id;  ///< who submitted it (the host's actor, or "module:<id>")
    std::string author_role;
    std::string submitted_at;
    std::string recorded_at;
    /// What reports group by, as on the review date: the child's IRO and social work team, legal
    /// status (SSDA903 LS) and age band. Empty when not known.
    std::string iro_id;
    std::string team_id;
    std::string legal_status;
    std::string age_band;
    std::string source;
    std::string external_id;
    std::string amends;
    std::string reason;
    nlohmann::json answers = nlohmann::json::object();
    nlohmann::json other = nlohmann::json::object();
};

/// The response as JSON, as requests reply with it and the CLI prints it: every field, the
/// "Other" texts included (internal use only).
IRO_API_VISIBLE nlohmann::json to_json(const SubmittedResponse& response);

/// Questionnaire definitions and responses. Defining needs "questionnaires" and submitting
/// "questionnaire_responses" under the manifest's records.writes; reading needs
/// "questionnaire_responses" under records.reads (or writes).
class IRO_API_VISIBLE Questionnaires {
  public:
    virtual ~Questionnaires();
    /// Records a definition, or confirms one already recorded. Throws HostError naming every
    /// schema violation or inconsistency (unknown section, repeated code, ...), or when the version
    /// exists with different content and already has responses.
    virtual void define(const nlohmann::json& definition) = 0;
    /// The definition of `id` at `version` (0: the latest), or nullopt.
    virtual std::optional<nlohmann::json> definition(std::string_view id, int version) const = 0;
    /// Validates and stores the response, and (when it follows a review) queues the
    /// questionnaire_completed event in the same transaction. Throws HostError listing every
    /// problem; nothing is stored then.
    virtual SubmittedResponse submit(const Submission& submission) = 0;
    /// A stored response by id.
    virtual std::optional<SubmittedResponse> find(std::string_view response_id) const = 0;
    /// Every response (all versions, oldest first) following the review.
    virtual std::vector<SubmittedResponse> of_review(std::string_view review_id) const = 0;
    /// The response already held for `external_id` from `source`, if any.
    virtual std::optional<SubmittedResponse> find_external(std::string_view questionnaire,
                                                           std::string_view source,
                                                           std::string_view external_id) const = 0;
    /// The ids of every questionnaire defined, sorted (1.5, appended): what a setting naming a
    /// questionnaire is checked against. Empty in a store no questionnaire module has run in.
    virtual std::vector<std::string> defined_ids() const = 0;
};

}  // namespace iro::plugin
