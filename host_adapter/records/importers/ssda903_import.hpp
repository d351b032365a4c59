#pragma once
// `iro-host import ssda903 DIR`: reads a council's SSDA903 extract (Header, Episodes, Reviews, and
// UASC and Missing when present) and applies it to the case-record store.
//
// All or nothing: the extract is staged and checked inside one transaction; a fatal problem (a
// missing file or column, an unreadable, cut or non-UTF-8 file, a broken quoted field, a removal
// nobody confirmed) rolls everything back. Row-level problems are warnings, stored with the
// import. The first import into an empty store is the baseline; later extracts are applied as a
// difference and queue the case events that difference implies (entered care, episode changed,
// legal status changed, placement changed, review held, left care, record removed) in the same
// transaction. Re-importing an extract changes nothing.
//
// An extract is a council's full history or one year's DfE return (docs/case-records.md, "Annual
// returns"). A full history replaces the records of the children it holds. An annual return
// replaces only what falls inside its collection year (1 April to 31 March): the episodes open in
// it, the reviews held in it, the missing episodes open in it; history before the year is
// never touched, and a blank end date (still open at the year's end) never erases an end a later
// return supplied. Removals beyond RemovalPolicy's share wait for --allow-removals.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "importers/import_record.hpp"
#include "iro/plugin_api/dates.hpp"
#include "store/change.hpp"
#include "store/sqlite.hpp"

namespace iro::importers {

/// How an SSDA903 extract is applied.
struct Ssda903Options {
    /// An annual return for this collection year (its first calendar year: 2017 for 2017-18);
    /// its rows must all belong to the year. Absent: decided from the content.
    std::optional<int> return_year;
    /// Apply as a full history even when every row falls in one year.
    bool full_history = false;
    RemovalPolicy removals;
};

/// Imports the extract in `dir`. `today` bounds "future" dates. Throws ImportRejected (nothing
/// applied) for fatal problems.
ImportSummary import_ssda903(store::Database& db, const std::filesystem::path& dir,
                             const store::Change& change, plugin::Date today,
                             const Ssda903Options& options = {});

/// "2017-18" for 2017.
std::string return_year_label(int year);

}  // namespace iro::importers
