#pragma once
#include <string>
#include <vector>

#include "module_store/module_settings_store.hpp"
#include "modules/module_status.hpp"

namespace iro::cli {

/// The `modules list` table: ID, VERSION, STATE, REASON.
std::string render_module_table(const std::vector<modules::ModuleStatus>& statuses);

/// The `modules show` page.
std::string render_module_details(const modules::ModuleStatus& status,
                                  const std::vector<store::ModuleAuditEntry>& audit);

}  // namespace iro::cli
