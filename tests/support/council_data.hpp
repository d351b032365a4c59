#pragma once
// The small synthetic council the HTTP and face tests share, and the inputs they make for it.

#include <nlohmann/json.hpp>
#include <string>

namespace iro::test {

/// SQL for two children in two teams: C1 is SW1's, TM1's team's (T1) and IRO1's; C2 is SW2's,
/// TM2's (T2) and IRO2's. Allocations from 2020-01-01, open.
const char* two_children_case_records();

/// The day `days` from today (UTC), as YYYY-MM-DD.
std::string day_offset(int days);

/// Answers to every York QAF question that applies to a first review, each its first option, with
/// the child's participation "pn1" (plugins/qaf/york-qaf-1.json).
nlohmann::json york_qaf_first_options();

}  // namespace iro::test
