#include "store/children.hpp"

namespace iro::store {

bool child_exists(Database& db, std::string_view child_id) {
    // Cached: the HTTP service asks it of every request about a child.
    auto& stmt = db.cached("SELECT 1 FROM children WHERE child_id = ?");
    stmt.bind(1, child_id);
    const bool found = stmt.step();
    stmt.reset();
    return found;
}

}  // namespace iro::store
