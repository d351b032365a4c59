#pragma once
// The one question every layer asks of the case records before it writes about a child.

#include <string_view>

#include "store/sqlite.hpp"

namespace iro::store {

/// Whether the case records hold the child.
bool child_exists(Database& db, std::string_view child_id);

}  // namespace iro::store
