#include "iro/plugin_api/questionnaires.hpp"

namespace iro::plugin {

nlohmann::json to_json(const SubmittedResponse& r) {
    return {{"response_id", r.response_id},
            {"module_id", r.module_id},
            {"questionnaire", r.questionnaire},
            {"version", r.version},
            {"child_id", r.child_id},
            {"review_id", r.review_id},
            {"review_date", to_iso(r.review_date)},
            {"author_id", r.author_id},
            {"author_role", r.author_role},
            {"submitted_at", r.submitted_at},
            {"recorded_at", r.recorded_at},
            {"iro_id", r.iro_id},
            {"team_id", r.team_id},
            {"legal_status", r.legal_status},
            {"age_band", r.age_band},
            {"source", r.source},
            {"external_id", r.external_id},
            {"amends", r.amends},
            {"reason", r.reason},
            {"answers", r.answers},
            {"other", r.other}};
}

}  // namespace iro::plugin
