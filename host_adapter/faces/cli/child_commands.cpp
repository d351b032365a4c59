// iro-host child show ID [--as-of DATE]: one child's care history, reviews against their due
// dates, the next review due, current allocations and open import warnings.

#include <fmt/format.h>

#include <iostream>

#include "calendar/working_day_calendar.hpp"
#include "cli/commands.hpp"
#include "clock/timestamps.hpp"
#include "host/host.hpp"
#include "importers/import_record.hpp"
#include "iro/plugin_api/review_schedule.hpp"
#include "module_store/case_records_reader.hpp"
#include "store/migrations.hpp"

namespace iro::cli {

namespace {

std::string day_or(const std::optional<plugin::Date>& day, const char* absent) {
    return day ? plugin::to_iso(*day) : std::string(absent);
}

nlohmann::json show_child(store::Database& db, const config::HostConfig& config,
                          const std::string& id, plugin::Date as_of, bool json) {
    const store::CaseRecordsReader records(db);
    const auto child = records.child(id);
    if (!child) {
        throw std::invalid_argument("no child '" + id + "' in the case records");
    }
    const calendar::EnglandWalesCalendar calendar;  // statutory dates: no closure days
    const auto episodes = records.episodes(id);
    const auto reviews = records.reviews(id);
    const auto schedule = schedule::compute_review_timetable(episodes, reviews, calendar, as_of,
                                                             {config.short_breaks_reviewed});

    nlohmann::json out{{"child_id", id},
                       {"sex", child->sex},
                       {"date_of_birth", day_or(child->date_of_birth, "")},
                       {"as_of", plugin::to_iso(as_of)}};
    std::string text = fmt::format("Child {} (sex {}, born {}), as of {}\n", id,
                                   child->sex.empty() ? "-" : child->sex,
                                   day_or(child->date_of_birth, "unknown"), plugin::to_iso(as_of));

    out["periods"] = nlohmann::json::array();
    for (const auto& period : schedule.periods) {
        const bool known = period.start_known == schedule::PeriodStart::entered_care;
        const char* regime = period.regime == schedule::ReviewRegime::care_plan      ? "reg_33"
                             : period.regime == schedule::ReviewRegime::short_breaks ? "reg_48"
                                                                                     : "none";
        nlohmann::json p{{"start", plugin::to_iso(period.start)},
                         {"end", day_or(period.end, "")},
                         {"start_known", known},
                         {"regime", regime},
                         {"timed_from", plugin::to_iso(period.timed_from)}};
        text += fmt::format(
            "\n{} {} to {}{}{}\n",
            period.regime == schedule::ReviewRegime::care_plan ? "Period of care" : "Short breaks",
            plugin::to_iso(period.start), day_or(period.end, "(still looked after)"),
            period.regime == schedule::ReviewRegime::short_breaks
                ? "  reviewed under reg. 48"
                : (period.regime == schedule::ReviewRegime::none
                       ? "  not reviewed (short_breaks_reviewed is off)"
                       : ""),
            known ? ""
                  : "\n  START UNKNOWN: its first episode held is not RNE S, so the first "
                    "review's due date is not known");
        text += "  episodes:\n";
        for (const auto& e : episodes) {
            if (e.start < period.start || (period.end && e.start > *period.end) ||
                e.start > as_of) {
                continue;
            }
            text +=
                fmt::format("    {} to {}  RNE {}  LS {}  PLACE {}{}\n", plugin::to_iso(e.start),
                            day_or(e.end, "open      "), e.reason_new_episode, e.legal_status,
                            e.placement, e.reason_ceased.empty() ? "" : "  REC " + e.reason_ceased);
        }
        p["reviews"] = nlohmann::json::array();
        text += period.reviews.empty() ? "  reviews: none held\n" : "  reviews:\n";
        for (const auto& r : period.reviews) {
            p["reviews"].push_back(
                {{"review_id", r.review_id},
                 {"number", r.number ? nlohmann::json(*r.number) : nlohmann::json(nullptr)},
                 {"held_on", plugin::to_iso(r.held_on)},
                 {"due_by", day_or(r.due_by, "")},
                 {"on_time", r.due_by ? nlohmann::json(r.on_time) : nlohmann::json(nullptr)}});
            text += fmt::format("    #{:<2} held {}  due by {}  {}\n",
                                r.number ? std::to_string(*r.number) : "?",
                                plugin::to_iso(r.held_on), day_or(r.due_by, "unknown   "),
                                !r.due_by   ? "due date unknown"
                                : r.on_time ? "on time"
                                            : "LATE");
        }
        out["periods"].push_back(p);
    }
    if (schedule.periods.empty()) {
        text += "\nNo episodes of care recorded.\n";
    }

    out["next_review_due"] = day_or(schedule.next_due, "");
    if (schedule.next_due) {
        const int working = calendar.working_days_between(as_of, *schedule.next_due);
        text += fmt::format("\nNext review due: {} ({})\n", plugin::to_iso(*schedule.next_due),
                            working >= 0 ? fmt::format("in {} working days", working)
                                         : fmt::format("OVERDUE by {} working days", -working));
    } else {
        text += schedule.periods.empty() || schedule.periods.back().end
                    ? "\nNext review due: none (not looked after on this day)\n"
                    : "\nNext review due: not known (when the child entered care is not in the "
                      "records, and no review has been held since)\n";
    }

    out["allocations"] = nlohmann::json::array();
    text += "\nAllocations on this day:\n";
    int current = 0;
    for (const auto& a : records.allocations(id)) {
        if (a.start > as_of || (a.end && *a.end < as_of)) {
            continue;
        }
        ++current;
        out["allocations"].push_back({{"role", a.role},
                                      {"worker_id", a.worker_id},
                                      {"team_id", a.team_id},
                                      {"since", plugin::to_iso(a.start)}});
        text += fmt::format("  {:<14} {}  team {}  since {}\n", a.role, a.worker_id,
                            a.team_id.empty() ? "-" : a.team_id, plugin::to_iso(a.start));
    }
    if (current == 0) {
        text += "  none recorded\n";
    }

    // Warnings about the child in the latest import of each kind: an extract replaces the one
    // before it, so older imports' warnings are history.
    out["warnings"] = nlohmann::json::array();
    std::string warning_text;
    for (const auto import_id : importers::latest_import_of_each_kind(db)) {
        for (const auto& w : importers::stored_warnings(db, import_id, {"", id, 1000})) {
            out["warnings"].push_back(importers::issue_json(w));
            warning_text += "  " + importers::format_issue(w) + "\n";
        }
    }
    text += "\nOpen warnings from the latest imports:\n" +
            (warning_text.empty() ? "  none\n" : warning_text);
    if (!json) {
        std::cout << text;
    }
    return out;
}

}  // namespace

void add_child_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* child = app.add_subcommand("child", "Look at one child's case record");
    child->require_subcommand(1);
    struct Args {
        std::string id;
        std::string as_of;
    };
    auto args = std::make_shared<Args>();
    auto* show =
        child->add_subcommand("show", "History, reviews, next review due, allocations, warnings");
    show->add_option("id", args->id, "Child id (SSDA903 CHILD)")->required();
    show->add_option("--as-of", args->as_of,
                     "Show the record as it stood on this day (YYYY-MM-DD)");
    show->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            const plugin::Date as_of = resolve_as_of(args->as_of, clock);
            if (!std::filesystem::exists(config.database_path())) {
                throw std::invalid_argument("no store at " + config.database_path().string() +
                                            "; import an extract first");
            }
            auto db = open_store(config, clock);
            const auto out = show_child(db, config, args->id, as_of, options.json);
            if (options.json) {
                std::cout << out.dump(2) << "\n";
            }
            return 0;
        });
    });
}

}  // namespace iro::cli
