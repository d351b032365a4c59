#pragma once
// `iro-host import ssd DIR`: reads CSV exports of Standard Safeguarding Dataset tables and applies
// them to the case-record store. This is where allocations come from: who is each child's IRO,
// social worker and team manager, in which team, and since when.
//
// Files (SSD table names, any letter case): ssd_person (required), ssd_professionals,
// ssd_involvements, ssd_cla_episodes, ssd_cla_reviews (ssd_cla_reviews needs ssd_cla_episodes,
// which links a review's CLA id to its child). Same rules as the SSDA903 import: all or nothing,
// row problems stored as warnings, re-importing changes nothing. Allocations are replaced for the
// children in ssd_involvements; episodes and reviews are added or completed, never removed (the
// SSDA903 return stays the record of care history). The first SSD import is the baseline; later
// ones queue allocation_changed, entered_care, left_care and review_held events.
//
// Person names are never read: the store keeps only what oversight needs.

#include <filesystem>

#include "importers/import_record.hpp"
#include "iro/plugin_api/dates.hpp"
#include "store/change.hpp"
#include "store/sqlite.hpp"

namespace iro::importers {

/// Imports the SSD extract in `dir`. `today` bounds "future" dates. Throws ImportRejected
/// (nothing applied) for fatal problems.
ImportSummary import_ssd(store::Database& db, const std::filesystem::path& dir,
                         const store::Change& change, plugin::Date today,
                         const RemovalPolicy& removals = {});

/// An SSD date: yyyy-mm-dd or dd/mm/yyyy, optionally followed by a time of day (SQL exports
/// write "2024-03-01 00:00:00.000"); nullopt for anything else.
std::optional<plugin::Date> parse_ssd_date(std::string_view text);

/// The allocation role an SSD involvement role names ("IRO", "Independent Reviewing Officer",
/// "SW", "Allocated Social Worker", "TM", "Team Manager", any letter case); nullopt for others.
std::optional<std::string> allocation_role(std::string_view ssd_role);

}  // namespace iro::importers
