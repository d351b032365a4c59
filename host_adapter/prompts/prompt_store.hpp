#pragma once
// The prompts table and its history. Modules open, update and close prompts through
// services/module_prompts; people acknowledge, complete or dismiss them through the CLI (and later
// the HTTP API). Every change writes a prompt_history row. raise_prompt and close_prompt join the
// caller's transaction (std::logic_error when there is none): the caller rolls it back if they
// throw. They throw plugin::HostError only before writing anything, so a refused draft leaves the
// caller's transaction as it was. act_on_prompt runs in a savepoint of its own.

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::prompts {

/// Who changed a prompt, and as of which day.
struct PromptChange {
    std::string actor;  ///< "module:<id>" or a worker id
    plugin::Date as_of{};
    std::string at;  ///< UTC timestamp
};

/// The prompt `draft` describes, as of `day`, in `state`.
plugin::PromptRecord record_of(const std::string& module_id, const plugin::PromptDraft& draft,
                               plugin::Date day, plugin::PromptState state,
                               std::optional<plugin::PromptClosure> closure = std::nullopt);

/// Opens the module's prompt `draft.key`, or updates an open or acknowledged one whose due day,
/// overdue flag, audience, body or revision differ. A closed prompt is returned unchanged.
plugin::PromptRecord raise_prompt(store::Database& db, const std::string& module_id,
                                  const plugin::PromptDraft& draft, const PromptChange& change);

/// Closes the module's open or acknowledged prompt `key`; nullopt when there is none. Throws
/// plugin::HostError for an outcome other than done or dismissed, or dismissed without a reason.
std::optional<plugin::PromptRecord> close_prompt(store::Database& db, const std::string& module_id,
                                                 std::string_view key, plugin::PromptState outcome,
                                                 const plugin::PromptClosure& closure,
                                                 const PromptChange& change);

/// The module's open and acknowledged prompts, of one child or (child_id empty) of all.
std::vector<plugin::OpenPrompt> open_prompts(store::Database& db, const std::string& module_id,
                                             std::string_view child_id);

/// A person's action on a prompt.
enum class PersonAction { acknowledge, done, dismiss };

/// Raised when a person's action is not allowed: unknown prompt, wrong state, missing reason.
class PromptActionRefused : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

/// Applies a person's action to the prompt `prompt_id`. acknowledge needs it open; done and
/// dismiss need it open or acknowledged, and dismiss needs a reason.
plugin::PromptRecord act_on_prompt(store::Database& db, std::string_view prompt_id,
                                   PersonAction action, const std::string& reason,
                                   const PromptChange& change);

/// What a listing selects. Worker and team are the child's current allocations.
struct PromptQuery {
    std::string child_id;
    std::string iro_id;   ///< the child's current IRO
    std::string team_id;  ///< the team of the child's current social worker
    std::string state;    ///< "open" (open or acknowledged), "closed", a state name, or empty
    std::string kind;
    /// Each row with the people the child has now (PromptRow's ids); a view of one child's own
    /// prompts leaves them out and saves three lookups a row.
    bool with_people = true;
};

/// A prompt with the people it concerns now.
struct PromptRow {
    plugin::PromptRecord prompt;
    std::string iro_id;
    std::string social_worker_id;
    std::string team_id;
};

/// Prompts matching the query: due day, then child, then id.
std::vector<PromptRow> list_prompts(store::Database& db, const PromptQuery& query);

/// One prompt with its history, or nullopt.
std::optional<plugin::PromptRecord> find_prompt(store::Database& db, std::string_view prompt_id);

/// The prompt's changes, oldest first: {"at", "as_of", "actor", "action", "detail"}.
nlohmann::json prompt_history(store::Database& db, std::string_view prompt_id);

/// The record as JSON (the CLI's and, later, the HTTP API's form).
nlohmann::json to_json(const plugin::PromptRecord& prompt);

/// "acknowledged" etc. as a state; nullopt for anything else.
std::optional<plugin::PromptState> prompt_state_from_string(std::string_view name);

}  // namespace iro::prompts
