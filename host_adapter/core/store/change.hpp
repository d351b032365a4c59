#pragma once
// Who made a change and when: what every write to the store is attributed to, in its audit
// entry. Its own header, so an importer or a token store need not know about module settings.

#include <string>

namespace iro::store {

/// Who made a change and when (ISO 8601 UTC).
struct Change {
    std::string actor;
    std::string at;
};

}  // namespace iro::store
