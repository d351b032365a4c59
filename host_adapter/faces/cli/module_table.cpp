#include "cli/module_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace iro::cli {

std::string render_module_table(const std::vector<modules::ModuleStatus>& statuses) {
    std::size_t id_width = 2;
    std::size_t version_width = 7;
    std::size_t state_width = 5;
    for (const auto& s : statuses) {
        id_width = std::max(id_width, s.id.size());
        version_width = std::max(version_width, s.version.size());
        state_width = std::max(state_width, modules::to_string(s.state).size());
    }
    std::string out = fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", "ID", id_width, "VERSION",
                                  version_width, "STATE", state_width, "REASON");
    for (const auto& s : statuses) {
        out += fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", s.id, id_width,
                           s.version.empty() ? "-" : s.version, version_width,
                           modules::to_string(s.state), state_width,
                           s.reason.empty() ? "-" : s.reason);
    }
    if (statuses.empty()) {
        out += "(no modules found)\n";
    }
    return out;
}

std::string render_module_details(const modules::ModuleStatus& s,
                                  const std::vector<store::ModuleAuditEntry>& audit) {
    std::string events;
    for (const auto& e : s.events) {
        events += (events.empty() ? "" : ", ") + e;
    }
    std::string out = fmt::format(
        "id:            {}\nversion:       {}\nstate:         {}\nreason:        {}\n"
        "description:   {}\nsubscribes to: {}\nmanifest:      {}\nlibrary:       {}\n"
        "configuration: {}\n",
        s.id, s.version.empty() ? "-" : s.version, modules::to_string(s.state),
        s.reason.empty() ? "-" : s.reason, s.description.empty() ? "-" : s.description,
        events.empty() ? "-" : events, s.manifest_path,
        s.library_path.empty() ? "-" : s.library_path, s.config.is_null() ? "-" : s.config.dump());
    if (!s.last_error.empty()) {
        out += fmt::format("last error:    {} ({} consecutive)\n", s.last_error,
                           s.consecutive_failures);
    }
    out += "\nrecent changes:\n";
    if (audit.empty()) {
        out += "  (none)\n";
    }
    for (const auto& a : audit) {
        out += fmt::format("  {}  {:<10} by {}: {} -> {}\n", a.at, a.action, a.actor,
                           a.old_value.dump(), a.new_value.dump());
    }
    return out;
}

}  // namespace iro::cli
