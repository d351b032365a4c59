#pragma once
// Case events pushed by a case-management system, one JSON object per line (schemas/events/).
// The CLI (`iro-host events ingest FILE.jsonl`) and the HTTP endpoint both come through here.
//
// All or nothing, like the extract imports: every line is parsed and validated against its
// schema first; then the events are applied to the case records in order, in one transaction,
// and queued for the modules. Any problem (bad JSON, a schema violation, a day that does not
// exist, a review for a child the host does not know, leaving care when not in care) rejects the
// whole batch with every problem listed by line, and nothing is stored. An event whose id was
// already received is acknowledged and ignored; the same id with different content is refused.

#include <istream>
#include <string>

#include "importers/import_issue.hpp"
#include "importers/import_record.hpp"
#include "iro/plugin_api/dates.hpp"
#include "store/change.hpp"
#include "store/sqlite.hpp"

namespace iro::intake {

struct IntakeSummary {
    importers::ImportSummary record;  ///< kind "events"; tables["events"]: read and added
    int replayed = 0;                 ///< already received: acknowledged, ignored
};

/// Reads JSON Lines from `in`; `name` (the file's path, or "request") locates problems. Events
/// dated after `today` are refused. Throws importers::ImportRejected, nothing applied.
IntakeSummary ingest_events(store::Database& db, std::istream& in, const std::string& name,
                            const store::Change& change, plugin::Date today);

}  // namespace iro::intake
