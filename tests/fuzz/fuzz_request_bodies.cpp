// The JSON bodies of the requests people and a CMS send: parsed at the edge within bounds
// (schema/json_text.hpp, as api/endpoint.cpp's json_body does), then read by the rule that takes
// that kind of body. The first byte picks the kind, the rest is the body:
//   0 an oversight note, checked against each note schema (schemas/notes/);
//   1 a quality alert raised (the quality-alerts module's draft_from);
//   2 an action on an alert (action_from, each action in turn);
//   3 a QAF submission (the qaf module's submission_from), its answers checked against York's
//     questionnaire (questionnaires/answer_check.hpp);
//   4 a row of QAF history from another system (history_row_from), checked likewise.
// Refusals: JsonInputRefused at the edge; BadField, BadInput, TransitionRefused from the rules.
#include <array>
#include <cstdint>
#include <fstream>

#include "alert_requests.hpp"
#include "calendar/working_day_calendar.hpp"
#include "fuzz_support.hpp"
#include "loader/manifest.hpp"
#include "qaf/answer_check.hpp"
#include "qaf/questionnaire_definition.hpp"
#include "qaf_requests.hpp"
#include "schema/json_schema.hpp"
#include "schema/json_text.hpp"

namespace {

nlohmann::json read_json(const std::filesystem::path& file) {
    std::ifstream in(file);
    return nlohmann::json::parse(in);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    using namespace std::chrono;
    static const auto note_schemas = [] {
        std::vector<schema::JsonSchema> out;
        for (const auto& entry : std::filesystem::directory_iterator(IRO_NOTE_SCHEMA_DIR)) {
            out.push_back(schema::JsonSchema::compile(read_json(entry.path())));
        }
        return out;
    }();
    static const auto settings = quality_alerts::settings_from(
        loader::effective_config(loader::read_manifest(IRO_QUALITY_ALERTS_MANIFEST), nullptr));
    static const calendar::EnglandWalesCalendar calendar;
    static const auto definition =
        questionnaires::parse_definition(read_json(IRO_YORK_QAF_DEFINITION));
    if (size == 0) {
        return 0;
    }
    const plugin::Date today = year{2024} / June / 30;
    nlohmann::json body;
    try {
        body = schema::parse_json_input(fuzz::as_text(data + 1, size - 1), 32);
    } catch (const schema::JsonInputRefused&) {
        return 0;
    }
    const auto check = [&](const plugin::Submission& submission) {
        const auto checked = questionnaires::check_answers(
            definition, submission.answers, submission.other, {1, 9}, data[0] % 2 == 0);
        if (checked.problems.empty()) {
            (void)questionnaires::pack_answers(definition, checked.answers);
        }
    };
    try {
        switch (data[0] % 5) {
            case 0:
                for (const auto& note_schema : note_schemas) {
                    (void)schema::describe(note_schema.validate(body));
                }
                break;
            case 1:
                (void)quality_alerts::draft_from(body, settings, "IRO1", today, calendar);
                break;
            case 2:
                for (const auto action :
                     {quality_alerts::Action::acknowledge, quality_alerts::Action::respond,
                      quality_alerts::Action::resolve, quality_alerts::Action::escalate,
                      quality_alerts::Action::extend, quality_alerts::Action::withdraw}) {
                    try {
                        (void)quality_alerts::action_from(action, body, "IRO1", today, calendar);
                    } catch (const quality_alerts::BadField&) {
                    }
                }
                break;
            case 3:
                check(qaf::submission_from(body, "york-qaf"));
                break;
            default:
                check(qaf::history_row_from(body, "york-qaf", "history.csv"));
                break;
        }
    } catch (const quality_alerts::BadField&) {
    } catch (const quality_alerts::TransitionRefused&) {
    } catch (const qaf::BadInput&) {
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    return 0;
}
