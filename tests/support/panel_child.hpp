#pragma once
// The child the panel's browser tests open: C1, in care for 150 days with IRO1, SW1 and TM1, their
// first review held 20 days in, so the second is overdue and its consultation, report and
// mid-point prompts are open; and C2, another team's child, whom the panel's users must not see.
// Laid out relative to the day the test runs, since the panel shows "today".

#include <string>

namespace iro::test {

/// The ISO date `days` before today.
std::string days_ago(int days);

/// The case events of C1 and C2, as JSON lines for `iro-host events ingest`.
std::string panel_child_history();

}  // namespace iro::test
