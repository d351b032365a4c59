#pragma once
// `iro-host import ssda903 DIR`: reads a council's SSDA903 extract (Header, Episodes, Reviews, and
// UASC and Missing when present) and applies it to the case-record store.
//
// All or nothing: the extract is staged and checked inside one transaction; a fatal problem (a
// missing file or column, an unreadable file, a broken quoted field) rolls everything back.
// Row-level problems are warnings, stored with the import. The first import into an empty store is
// the baseline; later extracts are applied as a difference for the children they contain and queue
// the case events that difference implies (entered care, episode changed, legal status changed,
// placement changed, review held, left care) in the same transaction. Re-importing an extract
// changes nothing.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "importers/import_record.hpp"
#include "iro/plugin_api/dates.hpp"
#include "store/module_settings_store.hpp"
#include "store/sqlite.hpp"

namespace iro::importers {

/// Imports the extract in `dir`. `today` bounds "future" dates. Throws ImportRejected (nothing
/// applied) for fatal problems.
ImportSummary import_ssda903(store::Database& db, const std::filesystem::path& dir,
                             const store::Change& change, plugin::Date today);

}  // namespace iro::importers
