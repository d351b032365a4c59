#pragma once
// Read-only case records for modules, straight from the store.

#include "iro/plugin_api/case_records.hpp"
#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::store {

class CaseRecordsReader final : public plugin::CaseRecords {
  public:
    explicit CaseRecordsReader(Database& db) : db_(db) {}

    std::optional<plugin::Child> child(std::string_view child_id) const override;
    std::vector<plugin::Episode> episodes(std::string_view child_id) const override;
    std::vector<plugin::Review> reviews(std::string_view child_id) const override;
    std::vector<plugin::Allocation> allocations(std::string_view child_id) const override;

  private:
    Database& db_;
};

}  // namespace iro::store
