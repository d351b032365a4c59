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
#include "store/module_settings_store.hpp"
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
    std::int64_t import_id = 0;
    bool baseline = false;  ///< first load of this kind of record: no events for past history
    bool changed_anything = false;
    std::map<std::string, TableCounts> tables;  ///< "children", "episodes", "reviews", ...
    std::vector<ImportIssue> warnings;
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

/// The integer in the first column of the first row of `sql`.
int count_rows(store::Database& db, std::string_view sql);

/// Sorts the warnings by place, counts them by rule, and writes the `imports` row and its
/// warnings. Call inside the import's transaction, last.
void record_import(store::Database& db, const std::filesystem::path& dir,
                   const store::Change& change, ImportSummary& summary);

/// The summary as JSON, warnings included.
nlohmann::json summary_json(const ImportSummary& summary);

}  // namespace iro::importers
