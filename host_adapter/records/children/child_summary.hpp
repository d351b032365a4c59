#pragma once
// What the case records say of a child on a day, as a person opening their record first wants to
// know it: their legal status and placement now, and who is working with them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/dates.hpp"
#include "store/sqlite.hpp"

namespace iro::records {

/// A worker allocated to the child.
struct Professional {
    std::string role;  ///< "iro", "social_worker", "team_manager"
    std::string worker_id;
    std::string name;       ///< from the SSD professionals data; empty when not given
    std::string job_title;  ///< likewise
    std::string team;       ///< the team's name, else its id
    plugin::Date since{};
    std::string email;  ///< work email, when the professionals extract gives one
    std::string phone;  ///< work telephone, likewise
};

struct ChildSummary {
    std::string legal_status;  ///< SSDA903 code of the episode open on the day; empty if none
    std::string placement;     ///< likewise
    std::optional<plugin::Date> episode_since;
    std::vector<Professional> professionals;  ///< IRO, social worker, team manager, in that order
};

/// The child's summary on `day`.
ChildSummary child_summary(store::Database& db, std::string_view child_id, plugin::Date day);

}  // namespace iro::records
