#pragma once
// Read-only case records for modules, straight from the store.

#include "iro/plugin_api/case_records.hpp"
#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::store {

/// Which record kinds a scan fills in (a module's manifest decides).
struct ScanParts {
    bool episodes = true;
    bool reviews = true;
    bool allocations = true;
    bool notes = true;
    bool responses = true;
};

class CaseRecordsReader final : public plugin::CaseRecords {
  public:
    explicit CaseRecordsReader(Database& db) : db_(db) {}

    std::optional<plugin::Child> child(std::string_view child_id) const override;
    std::vector<plugin::Episode> episodes(std::string_view child_id) const override;
    std::vector<plugin::Review> reviews(std::string_view child_id) const override;
    std::vector<plugin::Allocation> allocations(std::string_view child_id) const override;
    std::optional<plugin::Review> review(std::string_view review_id) const override;
    std::vector<plugin::ReviewDistribution> review_distributions(
        std::string_view child_id) const override;
    void scan_case_files(plugin::Date since, plugin::CaseFileVisitor& visitor) const override {
        scan(since, ScanParts{}, visitor);
    }
    /// The scan, filling only `parts`: one ordered read per record kind, merged by child id.
    void scan(plugin::Date since, const ScanParts& parts, plugin::CaseFileVisitor& visitor) const;

  private:
    Database& db_;
};

}  // namespace iro::store
