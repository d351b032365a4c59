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

#include "iro/plugin_api/case_records.hpp"
#include "iro/plugin_api/dates.hpp"
#include "iro/plugin_api/export.hpp"

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
    virtual std::string emit_prompt(const OutputDraft& prompt) = 0;
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
};

}  // namespace iro::plugin
