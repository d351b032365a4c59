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

/// The only way a module produces records. The host attributes each to the module, refuses it
/// when the module is not enabled, and returns the new record's id.
class IRO_API_VISIBLE Outputs {
  public:
    virtual ~Outputs();
    virtual std::string emit_note(const OutputDraft& note) = 0;
    virtual std::string emit_prompt(const OutputDraft& prompt) = 0;
    virtual std::string emit_alert(const OutputDraft& alert) = 0;
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
};

}  // namespace iro::plugin
