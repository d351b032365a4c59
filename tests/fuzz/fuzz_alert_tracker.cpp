// A council's quality-alert tracker brought in with `alerts import`: the CSV read into rows
// (importers/tracker_rows.hpp), then planned through the alert lifecycle by the quality-alerts
// module's rules with its shipped settings (plugins/quality_alerts/alert_import.hpp). Refusals:
// std::invalid_argument from the reader; ImportRefused, BadField or TransitionRefused from the
// plan.
#include <cstdint>

#include "alert_import.hpp"
#include "alert_requests.hpp"
#include "calendar/working_day_calendar.hpp"
#include "fuzz_support.hpp"
#include "importers/tracker_rows.hpp"
#include "loader/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    using namespace std::chrono;
    static const auto settings = quality_alerts::settings_from(
        loader::effective_config(loader::read_manifest(IRO_QUALITY_ALERTS_MANIFEST), nullptr));
    static const calendar::EnglandWalesCalendar calendar;
    const auto file = fuzz::scratch_dir() / "tracker.csv";
    fuzz::write_file(file, fuzz::as_text(data, size));
    nlohmann::json rows;
    try {
        rows = importers::read_tracker_rows(file.string());
    } catch (const std::invalid_argument&) {
        return 0;
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    try {
        quality_alerts::plan_import({{"source", "tracker.csv"}, {"rows", rows}}, settings, calendar,
                                    year{2016} / March / 31);
    } catch (const quality_alerts::ImportRefused&) {
    } catch (const quality_alerts::BadField&) {
    } catch (const quality_alerts::TransitionRefused&) {
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    return 0;
}
