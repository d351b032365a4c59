#pragma once
// Least privilege at the plugin boundary: a module reads only the record kinds its manifest lists
// under records.reads and writes only those under records.writes.

#include <set>
#include <string>

#include "iro/plugin_api/services.hpp"
#include "module_store/case_records_reader.hpp"

namespace iro::services {

class GatedCaseRecords final : public plugin::CaseRecords {
  public:
    GatedCaseRecords(const store::CaseRecordsReader& records, std::string module_id,
                     std::set<std::string> reads)
        : records_(records), module_id_(std::move(module_id)), reads_(std::move(reads)) {}

    std::optional<plugin::Child> child(std::string_view child_id) const override;
    std::vector<plugin::Episode> episodes(std::string_view child_id) const override;
    std::vector<plugin::Review> reviews(std::string_view child_id) const override;
    std::vector<plugin::Allocation> allocations(std::string_view child_id) const override;
    std::optional<plugin::Review> review(std::string_view review_id) const override;
    std::vector<plugin::ReviewDistribution> review_distributions(
        std::string_view child_id) const override;
    /// Fills only the record kinds the manifest lets the module read.
    void scan_case_files(plugin::Date since, plugin::CaseFileVisitor& visitor) const override;

  private:
    void require(const char* kind) const;
    const store::CaseRecordsReader& records_;
    std::string module_id_;
    std::set<std::string> reads_;
};

class GatedOutputs final : public plugin::Outputs {
  public:
    GatedOutputs(plugin::Outputs& outputs, std::string module_id, std::set<std::string> reads,
                 std::set<std::string> writes)
        : outputs_(outputs),
          module_id_(std::move(module_id)),
          reads_(std::move(reads)),
          writes_(std::move(writes)) {}

    std::string emit_note(const plugin::OutputDraft& note) override;
    std::string emit_prompt(const plugin::OutputDraft& prompt) override;
    std::string emit_alert(const plugin::OutputDraft& alert) override;
    plugin::NoteRecord record_note(const plugin::NoteDraft& note) override;
    plugin::NoteRecord amend_note(std::string_view note_id, const plugin::NoteDraft& note,
                                  std::string_view reason) override;
    std::vector<plugin::NoteRecord> note_versions(std::string_view note_id) const override;
    std::vector<plugin::NoteRecord> notes(std::string_view child_id) const override;
    plugin::ResponseRecord record_response(const plugin::ResponseDraft& response) override;
    std::vector<plugin::ResponseRecord> responses(std::string_view child_id) const override;

  private:
    void require(const char* kind) const;
    void require_read(const char* kind) const;
    plugin::Outputs& outputs_;
    std::string module_id_;
    std::set<std::string> reads_;
    std::set<std::string> writes_;
};

}  // namespace iro::services
