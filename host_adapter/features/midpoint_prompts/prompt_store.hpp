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
#include <utility>
#include <vector>

#include "common/error.hpp"
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

/// The "opened" history rows of prompts one writer has just opened, kept back and written in one
/// statement: a first tick opens tens of thousands of prompts, and a history row each, written
/// one by one, costs a third of that tick. The rows hold what the per-prompt path writes (the
/// prompt's opened_on, its timestamp and due day). Every other write to a prompt or its history
/// through raise_prompt or close_prompt writes them first, so prompt_history keeps the order
/// things happened in; the writer calls write() before its transaction commits, or drop() when
/// it rolls back.
class OpenedHistory {
  public:
    explicit OpenedHistory(std::string actor) : actor_(std::move(actor)) {}
    /// Keeps back the "opened" row of `prompt_id`, just inserted by `actor`.
    void add(store::Database& db, std::int64_t prompt_id);
    /// Writes the rows kept back.
    void write(store::Database& db);
    /// Forgets them: the transaction that opened the prompts was rolled back.
    void drop() { first_ = last_ = 0; }

  private:
    std::string actor_;
    // A run of consecutive prompt ids (those a run of inserts gets); 0 when none.
    std::int64_t first_ = 0;
    std::int64_t last_ = 0;
};

/// Opens the module's prompt `draft.key`, or updates an open or acknowledged one whose due day,
/// overdue flag, audience, body or revision differ. A closed prompt is returned unchanged. With
/// `opened`, a new prompt's "opened" history row is kept back there.
plugin::PromptRecord raise_prompt(store::Database& db, const std::string& module_id,
                                  const plugin::PromptDraft& draft, const PromptChange& change,
                                  OpenedHistory* opened = nullptr);

/// Closes the module's open or acknowledged prompt `key`; nullopt when there is none. Throws
/// plugin::HostError for an outcome other than done or dismissed, or dismissed without a reason.
/// Writes the rows `opened` kept back first.
std::optional<plugin::PromptRecord> close_prompt(store::Database& db, const std::string& module_id,
                                                 std::string_view key, plugin::PromptState outcome,
                                                 const plugin::PromptClosure& closure,
                                                 const PromptChange& change,
                                                 OpenedHistory* opened = nullptr);

/// The module's open and acknowledged prompts, of one child or (child_id empty) of all.
std::vector<plugin::OpenPrompt> open_prompts(store::Database& db, const std::string& module_id,
                                             std::string_view child_id);

/// A person's action on a prompt.
enum class PersonAction { acknowledge, done, dismiss };

/// Raised when a person's action is not allowed: unknown prompt, wrong state, missing reason.
class PromptActionRefused : public Error {
  public:
    explicit PromptActionRefused(const std::string& what) : Error(ErrorKind::conflict, what) {}
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
