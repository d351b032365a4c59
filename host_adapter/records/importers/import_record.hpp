#pragma once
// What every extract import records: per-table counts, warnings, the case events it queued, and
// one row in `imports` (with its warnings in `import_warnings`) so the import can be audited and
// its warnings listed later.

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "importers/import_issue.hpp"
#include "store/change.hpp"
#include "store/sqlite.hpp"

namespace iro::importers {

struct TableCounts {
    int read = 0;
    int added = 0;
    int changed = 0;
    int removed = 0;
};

struct ImportSummary {
    std::string kind;  ///< "ssda903", "ssd"
    /// What the extract was applied as: "full history", or "annual return 2017-18".
    std::string scope;
    std::int64_t import_id = 0;
    bool baseline = false;  ///< first load of this kind of record: no events for past history
    bool changed_anything = false;
    std::map<std::string, TableCounts> tables;  ///< "children", "episodes", "reviews", ...
    int warning_count = 0;
    std::vector<ImportIssue> warnings;  ///< the first kShownWarnings by place; all are stored
    std::map<std::string, int> warnings_by_rule;
    std::map<std::string, int> events_by_kind;
};

/// Queues case events implied by an import, in the import's transaction. Ids are derived from the
/// change (`<source>:<kind>:<child>:<day>[:<detail>]`), so a re-import queues nothing new.
class ImportEvents {
  public:
    ImportEvents(store::Database& db, std::string source, std::string received_at, bool enabled,
                 std::map<std::string, int>& counts);

    void push(const std::string& kind, const std::string& child, const std::string& day,
              const std::string& detail, const nlohmann::json& payload);

  private:
    store::Database& db_;
    std::string source_;
    std::string received_at_;
    bool enabled_;
    std::map<std::string, int>& counts_;
};

/// What an import may remove without being told to. An extract that lacks rows the store holds
/// usually means a cut or partial file, not a council deleting history, so removals beyond a
/// small share of a table, or of anything outside the extract's window, wait for a person to
/// confirm them (`--allow-removals`).
struct RemovalPolicy {
    bool confirmed = false;   ///< --allow-removals
    double max_share = 0.05;  ///< of a table's stored rows (imports.max_removal_share)
};

/// The rows of one table an import would remove, kept in the temporary table `rows_table`
/// (columns child_id, day, record_id) until they are removed.
struct PlannedRemovals {
    std::string table;           ///< "episodes", "reviews", ...
    std::string record_type;     ///< the record_removed event's record_type: "episode", ...
    std::string file;            ///< the extract file the rows would have been in
    std::string rows_table;      ///< temp table of the rows
    int stored = 0;              ///< rows of `table` before the import
    std::string outside_window;  ///< a condition on rows_table's columns, or empty when none can be
};

/// Checks `planned` against `policy` and adds a fatal issue saying how to confirm when the import
/// may not remove them.
void check_removals(store::Database& db, const PlannedRemovals& planned,
                    const RemovalPolicy& policy, std::vector<ImportIssue>& fatal);

/// Queues a record_removed event for each planned row (the caller deletes them) and returns how
/// many there are.
int announce_removals(store::Database& db, const PlannedRemovals& planned, ImportEvents& events,
                      const std::string& source);

/// How many warnings an ImportSummary carries; the rest are only in the store.
inline constexpr std::size_t kShownWarnings = 1000;

/// Where an import's warnings go: straight into `import_warnings`, so memory does not grow with
/// their number, counted by rule on the way, with the first kShownWarnings by place kept for the
/// summary. Files inside the import's `source` directory are stored by their name there.
/// push_back is named as a container's so the checks read the same whichever they report to.
class WarningSink {
  public:
    WarningSink(store::Database& db, std::int64_t import_id, const std::filesystem::path& source);
    void push_back(const ImportIssue& issue);
    int count() const { return count_; }
    const std::map<std::string, int>& by_rule() const { return by_rule_; }
    /// The first kShownWarnings warnings by place (file, line, column, then as found), with
    /// whole paths, as stored_warnings() would read them back.
    std::vector<ImportIssue> first() const;

  private:
    struct Kept {
        std::string stored_file;
        int seq;
        ImportIssue issue;
    };
    static bool by_place(const Kept& a, const Kept& b);
    void keep(const ImportIssue& issue);

    store::Statement insert_;
    std::int64_t import_id_;
    std::filesystem::path source_;
    std::string last_file_;    // warnings come in runs from one file: name it once per run
    std::string stored_file_;  // what last_file_ is stored as
    std::string whole_file_;   // and as stored_warnings() gives it back
    std::vector<Kept> first_;  // a heap, its last by place on top
    int count_ = 0;
    std::map<std::string, int> by_rule_;
};

/// Which stored warnings of an import to read.
struct WarningQuery {
    std::string rule;      ///< only this rule, when not empty
    std::string child_id;  ///< only about this child, when not empty
    std::size_t limit = kShownWarnings;
};

/// Warnings stored with import `import_id`, by place (file, line, column), with each file's path
/// made whole again from the import's source directory.
std::vector<ImportIssue> stored_warnings(store::Database& db, std::int64_t import_id,
                                         const WarningQuery& query);

/// The newest import's id, 0 when nothing has been imported.
std::int64_t latest_import_id(store::Database& db);

/// The newest import of each kind (an extract replaces the one of its kind before it, so older
/// imports' warnings are history), oldest first.
std::vector<std::int64_t> latest_import_of_each_kind(store::Database& db);

/// The integer in the first column of the first row of `sql`.
int count_rows(store::Database& db, std::string_view sql);

/// Runs `DELETE FROM <from_where>` ("table WHERE ...") and returns how many rows it removed.
int delete_rows(store::Database& db, std::string_view from_where);

/// Opens the `imports` row of an import of `kind` from `source`, inside the import's
/// transaction, and returns its id (warnings refer to it). finish_import completes it.
std::int64_t begin_import(store::Database& db, const std::string& kind,
                          const std::filesystem::path& source, const store::Change& change);

/// Completes `summary`'s import row: outcome and counts. Fills the summary's warning count, counts
/// by rule and its first kShownWarnings warnings, by place. Call inside the transaction, last.
void finish_import(store::Database& db, const WarningSink& warnings, ImportSummary& summary);

/// An issue as JSON: file, line, column, rule, child, message.
nlohmann::json issue_json(const ImportIssue& issue);

/// The summary as JSON, warnings included.
nlohmann::json summary_json(const ImportSummary& summary);

}  // namespace iro::importers
