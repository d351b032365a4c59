#pragma once
// The dispute resolution ladder (DOMAIN.md section 4): from the informal quality alert through the
// formal stages to a referral to Cafcass. The seeds name the stages but give no per-stage
// deadlines, so stage names, responder roles and working-day deadlines are configuration; the
// default follows York's QAF stage names with Leicester's and Cheshire East's responders.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace iro::quality_alerts {

/// One rung of the ladder.
struct Stage {
    std::string id;                 ///< stable key stored with alerts: "informal", "stage_1", ...
    std::string name;               ///< as councils write it: "Stage 1 Formal Dispute Resolution"
    std::string responder_role;     ///< who must respond at this stage
    int deadline_working_days = 0;  ///< 0: no deadline (a referral to Cafcass leaves the council)
    bool formal = true;             ///< false only for informal resolution
};

/// The stages in escalation order; never empty.
struct Ladder {
    std::vector<Stage> stages;

    /// The stage's place in the ladder, or -1.
    int index_of(std::string_view stage_id) const;
};

/// Informal (team manager, 10 working days) -> Stage 1 (team manager, 10) -> Stage 2 (service
/// manager, 10) -> Stage 3 (head of service, 15) -> Stage 4 (director, 20) -> Referral to Cafcass.
Ladder default_ladder();

/// The ladder under the configuration's "ladder" key (an array of stages), or the default when it
/// is absent. Throws std::invalid_argument naming the stage and field for a malformed one: an
/// empty or repeated id, an empty name or responder, a negative deadline.
Ladder ladder_from(const nlohmann::json& config);

}  // namespace iro::quality_alerts
