#pragma once
// The host services a module receives. This is everything a module may touch: no database, no
// network, no other module. Calls may throw iro::plugin::HostError; the module's hooks may let it
// propagate (the host counts it as a failed event) or handle it.

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/alerts.hpp"
#include "iro/plugin_api/case_records.hpp"
#include "iro/plugin_api/dates.hpp"
#include "iro/plugin_api/export.hpp"
#include "iro/plugin_api/questionnaires.hpp"

namespace iro::plugin {

/// Raised by host services when a request cannot be carried out (unknown child, refused write).
class IRO_API_VISIBLE HostError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
    ~HostError() override;
};

/// A note, prompt or alert a module hands to the host to record (and later deliver).
struct OutputDraft {
    std::string child_id;
    std::string kind;            ///< module-defined, e.g. "midpoint_check"
    std::optional<Date> due_on;  ///< for prompts and alerts with a deadline
    nlohmann::json body = nlohmann::json::object();
};

/// A note to put on the child's file (API 1.1).
struct NoteDraft {
    std::string child_id;
    std::string kind;    ///< module-defined, e.g. "midpoint"
    Date occurred_on{};  ///< the day the oversight took place
    nlohmann::json body = nlohmann::json::object();
};

/// One stored version of a note (API 1.1). Versions are never changed or removed: an amendment is
/// a new version of the same note.
struct NoteRecord {
    std::string note_id;  ///< this version's id
    std::string root_id;  ///< the original version's id
    int version = 1;      ///< 1 for the original
    std::string module_id;
    std::string kind;
    std::string child_id;
    Date occurred_on{};
    std::string author_id;    ///< the worker who wrote it, or "module:<id>" for a module's own note
    std::string author_role;  ///< the author's role when they wrote it
    std::string reason;       ///< why this version replaced the previous one; empty for originals
    std::string recorded_at;  ///< UTC timestamp, ISO 8601
    nlohmann::json body = nlohmann::json::object();
};

/// A completed questionnaire to record (API 1.2), e.g. the QAF after a review.
struct ResponseDraft {
    std::string child_id;
    std::string questionnaire;  ///< module-defined, e.g. "qaf"
    std::string review_id;      ///< the review it is about; empty when about none
    Date completed_on{};
    nlohmann::json answers = nlohmann::json::object();
};

/// A stored questionnaire response (API 1.2). Responses, like notes, are never changed.
struct ResponseRecord {
    std::string response_id;
    std::string module_id;
    std::string questionnaire;
    std::string child_id;
    std::string review_id;
    Date completed_on{};
    std::string author_id;
    std::string author_role;
    std::string recorded_at;  ///< UTC timestamp, ISO 8601
    nlohmann::json answers = nlohmann::json::object();
};

/// The only way a module produces records. The host attributes each to the module, refuses it
/// when the module is not enabled, and returns the new record's id.
///
/// Functions marked 1.1 were appended in API 1.1: this interface is implemented by the host and
/// only grows at its end, so a plugin built for 1.0 keeps calling exactly the functions it knew.
class IRO_API_VISIBLE Outputs {
  public:
    virtual ~Outputs();
    /// A note authored by the module itself, dated today (1.0). Prefer record_note.
    virtual std::string emit_note(const OutputDraft& note) = 0;
    /// Withdrawn (1.0): what it stored reached nobody, so the host now refuses it with HostError.
    /// Raise prompts with HostServices::prompts() (1.2). Kept so that earlier modules load.
    virtual std::string emit_prompt(const OutputDraft& prompt) = 0;
    /// Withdrawn (1.0), as emit_prompt: raise alerts with HostServices::alerts() (1.3).
    virtual std::string emit_alert(const OutputDraft& alert) = 0;

    /// Records a note (1.1). The author is the actor of the request being handled, or the module
    /// inside an event hook; the host also queues the note_recorded event in the same transaction.
    virtual NoteRecord record_note(const NoteDraft& note) = 0;
    /// Records a new version of the note `note_id` belongs to (any of its versions), for the same
    /// child and kind, with the reason for the change (1.1). Throws HostError for an unknown note.
    virtual NoteRecord amend_note(std::string_view note_id, const NoteDraft& note,
                                  std::string_view reason) = 0;
    /// Every version of the note `note_id` belongs to, oldest first; empty when unknown (1.1).
    virtual std::vector<NoteRecord> note_versions(std::string_view note_id) const = 0;
    /// The latest version of each note on the child's file, most recent oversight first (1.1).
    virtual std::vector<NoteRecord> notes(std::string_view child_id) const = 0;

    /// Records a questionnaire response (1.2), authored like record_note, and queues the
    /// questionnaire_completed event in the same transaction. Throws HostError for an unknown
    /// child, or a review_id that is not one of the child's reviews.
    virtual ResponseRecord record_response(const ResponseDraft& response) = 0;
    /// Every response recorded about the child, by any module, oldest first (1.2).
    virtual std::vector<ResponseRecord> responses(std::string_view child_id) const = 0;
};

/// Where a prompt stands. open -> acknowledged -> done | dismissed; done and dismissed are final.
enum class PromptState { open, acknowledged, done, dismissed };

/// "open", "acknowledged", "done", "dismissed".
IRO_API_VISIBLE std::string_view to_string(PromptState state);

/// A prompt a module wants open (API 1.2): something a person should do for a child by a day.
struct PromptDraft {
    /// The module's name for the obligation, unique within the module: the same key always means
    /// the same prompt, which is what makes evaluating twice harmless.
    std::string key;
    std::string child_id;
    std::string kind;      ///< module-defined, e.g. "midpoint_check"
    std::string audience;  ///< the role it is addressed to: "iro", "social_worker", ...
    std::vector<std::string> visible_to;  ///< further roles that see it
    Date due_on{};
    bool overdue = false;  ///< the module's judgement as of the day it evaluated
    nlohmann::json body = nlohmann::json::object();  ///< what it says: "title", "detail", ...
    /// The module's short digest of what the prompt says (kind, audience, visible_to, body).
    /// Stored with the prompt and listed by open_prompts, so a module can tell whether a prompt
    /// still says what its draft would without building the body or reading the stored one back.
    /// Opaque to the host; empty when the module does not use it.
    std::string revision;
};

/// What closed a prompt: the record that satisfied it, or why it no longer applies.
struct PromptClosure {
    std::string record_type;  ///< "note", "review", "response", "episode", "person", "module"
    std::string record_id;
    Date closed_on{};
    std::string reason;  ///< required for dismissed; optional for done
    std::string by;      ///< "module:<id>" or the worker who closed it
};

/// A stored prompt (API 1.2).
struct PromptRecord {
    std::string prompt_id;
    std::string key;
    std::string module_id;
    std::string child_id;
    std::string kind;
    std::string audience;
    std::vector<std::string> visible_to;
    Date due_on{};
    bool overdue = false;
    Date opened_on{};
    PromptState state = PromptState::open;
    nlohmann::json body = nlohmann::json::object();
    std::optional<PromptClosure> closure;  ///< set once done or dismissed
    std::string revision;                  ///< as the module last raised it
};

/// An open or acknowledged prompt as open_prompts lists it (API 1.2): what a module compares its
/// plan with, without the body, so listing every open prompt of a council stays cheap.
struct OpenPrompt {
    std::string prompt_id;
    std::string key;
    std::string child_id;
    std::string kind;
    Date due_on{};
    bool overdue = false;
    Date opened_on{};  ///< the day the module evaluated when it opened the prompt
    PromptState state = PromptState::open;
    std::string revision;
};

/// The module's prompts (API 1.2), kept by the host with their history. People acknowledge,
/// complete or dismiss them through the host; the module opens, updates and closes them.
class IRO_API_VISIBLE Prompts {
  public:
    virtual ~Prompts();
    /// Opens the prompt `draft.key` on `day`, or brings an open or acknowledged one up to date
    /// (due day, overdue, body). A prompt that is done or dismissed stays closed: a key is never
    /// reopened. Returns the stored prompt.
    virtual PromptRecord raise(const PromptDraft& draft, Date day) = 0;
    /// Closes the open or acknowledged prompt `key` as `outcome` (done or dismissed). Returns
    /// nullopt when no such prompt is open. Throws HostError for another outcome, or dismissed
    /// without a reason.
    virtual std::optional<PromptRecord> close(std::string_view key, PromptState outcome,
                                              const PromptClosure& closure) = 0;
    /// The module's open and acknowledged prompts of one child, or of every child when
    /// `child_id` is empty, in child then key order (byte order, as std::string compares).
    virtual std::vector<OpenPrompt> open_prompts(std::string_view child_id) const = 0;
    /// The go-live day (1.5, appended): a prompt due before it that is not open yet joins the
    /// go-live backlog when raised, and is never opened. A module may raise such a prompt with
    /// its key, child, kind and due day alone: nothing else of it is kept. nullopt before the
    /// first tick (and then nothing is backlog).
    virtual std::optional<Date> go_live() const = 0;
};

/// One child's records together, as the bulk scan hands them over (API 1.2).
struct CaseFile {
    Child child;
    std::vector<Episode> episodes;          ///< in start order
    std::vector<Review> reviews;            ///< in date order
    std::vector<Allocation> allocations;    ///< in start order
    std::vector<NoteRecord> notes;          ///< latest versions, oldest oversight first
    std::vector<ResponseRecord> responses;  ///< oldest first
};

/// Receives case files from CaseRecords::scan_case_files.
class IRO_API_VISIBLE CaseFileVisitor {
  public:
    virtual ~CaseFileVisitor();
    virtual void visit(const CaseFile& file) = 0;
};

/// Something to send to the council's case-management system (API 1.1).
struct WriteBackItem {
    std::string route;      ///< the deployment's route name, e.g. "note"
    std::string child_id;   ///< items of one child are delivered in the order they were queued
    std::string source_id;  ///< what the item carries, e.g. the note's id, for the outbox listing
    /// Values the route's path and body templates name as {field}; child_id is always available.
    nlohmann::json fields = nlohmann::json::object();
};

/// The host's write-back to the CMS (API 1.1), configured per deployment. An item is written to
/// the host's outbox in the same transaction as what the module is recording, and delivered
/// afterwards, retried until the CMS accepts or definitively refuses it.
class IRO_API_VISIBLE CmsWriteBack {
  public:
    virtual ~CmsWriteBack();
    /// Whether this deployment sends items on `route`.
    virtual bool sends(std::string_view route) const = 0;
    /// Queues the item and returns its outbox id; nullopt when the deployment sends nothing on
    /// the route. Throws HostError when the item lacks a field the route's templates name.
    virtual std::optional<std::string> queue(const WriteBackItem& item) = 0;
};

/// One reason a document does not match a JSON Schema (API 1.1).
struct SchemaViolation {
    std::string pointer;  ///< JSON pointer of the offending value; "" for the whole document
    std::string message;
};

/// Time, injectable: every date rule can be run "as of" a chosen day.
class IRO_API_VISIBLE Clock {
  public:
    virtual ~Clock();
    virtual std::chrono::system_clock::time_point now() const = 0;
    /// The council's current day.
    virtual Date today() const = 0;
};

/// England and Wales working days: weekends, bank holidays and the council's closure days skipped.
class IRO_API_VISIBLE WorkingDayCalendar {
  public:
    virtual ~WorkingDayCalendar();
    virtual bool is_working_day(Date day) const = 0;
    /// The day `count` working days after `from` (before it when negative); `from` itself is not
    /// counted, so add_working_days(Friday, 1) is the next working Monday.
    virtual Date add_working_days(Date from, int count) const = 0;
    /// Working days in (from, to]; negative when `to` is before `from`.
    virtual int working_days_between(Date from, Date to) const = 0;
};

/// Severity of a module's log line.
enum class LogLevel { debug, info, warning, error };

/// Structured logging through the host, tagged with the module id. Never log a child's name or
/// any token: log ids.
class IRO_API_VISIBLE Logger {
  public:
    virtual ~Logger();
    virtual void log(LogLevel level, std::string_view message) noexcept = 0;
};

/// Key-value storage private to one module, kept in the host's store.
class IRO_API_VISIBLE KeyValueStore {
  public:
    virtual ~KeyValueStore();
    virtual std::optional<std::string> get(std::string_view key) const = 0;
    virtual void put(std::string_view key, std::string_view value) = 0;
    /// True when the key existed.
    virtual bool erase(std::string_view key) = 0;
    /// Keys starting with `prefix`, sorted.
    virtual std::vector<std::string> keys(std::string_view prefix) const = 0;
};

/// What the host hands each module instance. References stay valid until the instance is
/// destroyed.
class IRO_API_VISIBLE HostServices {
  public:
    virtual ~HostServices();
    virtual const CaseRecords& records() const = 0;
    virtual Outputs& outputs() = 0;
    virtual const Clock& clock() const = 0;
    /// The regulations' working days (reg. 2(1) of the Care Planning, Placement and Case Review
    /// (England) Regulations 2010): weekends, Christmas Day, Good Friday and bank holidays in
    /// England are not working days, and nothing else is excluded. Every statutory date (reg. 33,
    /// reg. 48) is counted with it. Since 1.5; before, it also skipped the council's closure days.
    virtual const WorkingDayCalendar& calendar() const = 0;
    /// The module's configuration, already validated against the manifest's config_schema and
    /// completed with its defaults.
    virtual const nlohmann::json& config() const = 0;
    virtual Logger& logger() = 0;
    virtual KeyValueStore& storage() = 0;

    /// Write-back to the CMS (1.1; appended, like every later addition).
    virtual CmsWriteBack& writeback() = 0;
    /// Checks `document` against the JSON Schema (draft 7) `schema`; empty when it conforms (1.1).
    /// Throws HostError when `schema` is not a usable schema.
    virtual std::vector<SchemaViolation> validate(const nlohmann::json& schema,
                                                  const nlohmann::json& document) const = 0;

    /// The module's prompts (1.2).
    virtual Prompts& prompts() = 0;
    /// Whether the module `module_id` is installed and enabled right now (1.2): a module may
    /// offer what depends on another (the QAF, say) only while that one runs. It never reaches
    /// the other module itself.
    virtual bool module_enabled(std::string_view module_id) const = 0;

    /// The module's alerts (1.3); HostError on use when the manifest does not list "alerts"
    /// under records.writes.
    virtual Alerts& alerts() = 0;
    /// Notifications to people (1.3); HostError on use unless the manifest lists
    /// "notifications" under records.writes.
    virtual Notifications& notifications() = 0;

    /// Questionnaire definitions and responses (1.4); HostError on use beyond what the manifest
    /// lists (see Questionnaires).
    virtual Questionnaires& questionnaires() = 0;

    /// The council's working days for its own practice standards (1.5): calendar() less the
    /// closure days in the host's configuration. For lead times the council sets (consult 15
    /// working days before a review, answer an alert within 10), never for a statutory date.
    virtual const WorkingDayCalendar& practice_calendar() const = 0;
    /// Whether children looked after only by way of short breaks are reviewed on reg. 48's
    /// timetable (1.5; the host's `short_breaks_reviewed`, true by default).
    virtual bool short_breaks_reviewed() const = 0;
};

}  // namespace iro::plugin
