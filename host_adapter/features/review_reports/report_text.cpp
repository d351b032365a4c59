#include "review_reports/report_text.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace iro::reports {

namespace {

constexpr std::array<const char*, 8> kCodes{"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"};

// A measure of the review report: its JSON and CSV key, its label in the table, and the key of
// the count it is a share of (none for a plain count).
struct Measure {
    const char* key;
    const char* label;
    const char* of = nullptr;
    bool york = false;  // shown in the table only with York's groupings
};

// One list for the table, the CSV and the JSON, so they name the same things.
constexpr std::array kMeasures{
    Measure{"children_looked_after", "Children looked after (reg. 33)"},
    Measure{"reviews_held", "Reviews held"},
    Measure{"reviews_timed", "  with a known due date", "reviews_held"},
    Measure{"reviews_on_time", "  held by the due date", "reviews_timed"},
    Measure{"children_with_review_held", "Children with a review held"},
    Measure{"children_in_cohort", "Children with a review due"},
    Measure{"children_all_on_time", "  all reviews on time", "children_in_cohort"},
    Measure{"children_missed_then_left", "  left care with one missed", "children_in_cohort"},
    Measure{"children_overdue_at_end", "Children overdue at the end"},
    Measure{"children_timing_unknown", "Children, due dates unknown"},
    Measure{"short_break_children", "Children on short breaks"},
    Measure{"short_break_reviews_held", "  reviews held (reg. 48)"},
    Measure{"short_break_reviews_on_time", "  held by the due date", "short_break_reviews_timed"},
    Measure{"reviews_aged_4_plus", "Reviews of children 4+"},
    Measure{"attended_pn1_pn4", "Attended (PN1-PN4)", "reviews_aged_4_plus"},
    Measure{"views_conveyed", "Views conveyed (PN1-3, PN5-6)", "reviews_aged_4_plus"},
    Measure{"contributed_pn1_pn6", "Contributed (PN1-PN6, York)", "reviews_aged_4_plus", true},
};

std::string pct_key(const char* key) {
    return std::string(key) + "_pct";
}

std::string definition_text(const std::string& cohort, bool york) {
    std::string text =
        "Definitions. Children looked after: in a period of care reviewed under reg. 33 on at "
        "least one day of the period\n(short breaks under reg. 48 are counted apart). A due "
        "date is known when the period of care began with an\nRNE S episode in the records; "
        "reviews in a period whose start is not in the records are held, not timed.\n";
    text += cohort == "ni66"
                ? "Children with a review due (NI 66): looked after at the end of the year, "
                  "continuously for at least 4 weeks,\nwith a review due in the year; all on "
                  "time: every such review held by its due date, none overdue.\n"
                : "Children with a review due: looked after in the period with a review due in "
                  "it (held in it, or due while\nthey were still looked after and missed, "
                  "including those who then left care); all on time: none late,\nmissed or "
                  "overdue.\n";
    text +=
        "Participation (DfE): attended PN1-PN4; views conveyed PN1-PN3, PN5, PN6 (PN4 attends "
        "without conveying views);\nshares of the reviews of children aged 4 or over "
        "(PN1-PN7).";
    text += york ? " Contributed (York): PN1-PN6.\n" : "\n";
    return text;
}

}  // namespace

nlohmann::json review_measures_json(const ReviewMeasures& m) {
    nlohmann::json participation = nlohmann::json::object();
    for (const auto& code : kCodes) {
        participation[code] = m.participation.count(code) ? m.participation.at(code) : 0;
    }
    participation["blank"] = m.participation.count("") ? m.participation.at("") : 0;
    const std::string cohort = m.cohort == Cohort::ni66 ? "ni66" : "year";
    nlohmann::json out{{"period", m.period.label},
                       {"start", plugin::to_iso(m.period.start)},
                       {"end", plugin::to_iso(m.period.end)},
                       {"measured_to", plugin::to_iso(m.measured_to)},
                       {"cohort", cohort},
                       {"definition", definition_text(cohort, true)},
                       {"children_looked_after", m.children_looked_after},
                       {"reviews_held", m.reviews_held},
                       {"reviews_timed", m.reviews_timed},
                       {"reviews_on_time", m.reviews_on_time},
                       {"children_with_review_held", m.children_with_review_held},
                       {"children_in_cohort", m.children_in_cohort},
                       {"children_all_on_time", m.children_all_on_time},
                       {"children_missed_then_left", m.children_missed_then_left},
                       {"children_overdue_at_end", m.children_overdue},
                       {"children_timing_unknown", m.children_timing_unknown},
                       {"short_break_children", m.short_break_children},
                       {"short_break_reviews_held", m.short_break_reviews_held},
                       {"short_break_reviews_timed", m.short_break_reviews_timed},
                       {"short_break_reviews_on_time", m.short_break_reviews_on_time},
                       {"participation", participation},
                       {"reviews_aged_4_plus", m.aged_4_plus},
                       {"attended_pn1_pn4", m.attended},
                       {"views_conveyed", m.views_conveyed},
                       {"contributed_pn1_pn6", m.contributed}};
    for (const auto& measure : kMeasures) {
        if (measure.of != nullptr) {
            out[pct_key(measure.key)] =
                percent(out[measure.key].get<int>(), out[measure.of].get<int>());
        }
    }
    return out;
}

std::string review_measures_table(const std::vector<nlohmann::json>& rows, bool york) {
    std::string out = fmt::format("{:<32}", "Review measures");
    for (const auto& r : rows) {
        out += fmt::format(" {:>17}", r["period"].get<std::string>());
    }
    out += fmt::format("\n{:<32}", "Measured to");
    for (const auto& r : rows) {
        out += fmt::format(" {:>17}", r["measured_to"].get<std::string>());
    }
    out += "\n";
    const auto row = [&](const std::string& label, auto&& value) {
        out += fmt::format("{:<32}", label);
        for (const auto& r : rows) {
            out += fmt::format(" {:>17}", value(r));
        }
        out += "\n";
    };
    for (const auto& measure : kMeasures) {
        if (measure.york && !york) {
            continue;
        }
        row(measure.label, [&](const nlohmann::json& r) {
            const int count = r[measure.key].get<int>();
            return measure.of == nullptr
                       ? std::to_string(count)
                       : fmt::format("{} ({:.1f}%)", count, r[pct_key(measure.key)].get<double>());
        });
        if (std::string_view(measure.key) == "children_timing_unknown") {
            for (const auto& code : kCodes) {
                row(std::string("Reviews coded ") + code, [code](const nlohmann::json& r) {
                    return std::to_string(r["participation"][code].get<int>());
                });
            }
            row("Reviews coded blank or invalid", [](const nlohmann::json& r) {
                return std::to_string(r["participation"]["blank"].get<int>());
            });
        }
    }
    out +=
        "\n" + definition_text(rows.empty() ? "year" : rows[0]["cohort"].get<std::string>(), york);
    return out;
}

nlohmann::json oversight_json(const OversightMeasures& m) {
    return {{"period", m.period.label},
            {"start", plugin::to_iso(m.period.start)},
            {"end", plugin::to_iso(m.period.end)},
            {"children_looked_after", m.looked_after},
            {"with_oversight", m.looked_after_with_oversight},
            {"with_oversight_pct", percent(m.looked_after_with_oversight, m.looked_after)},
            {"looked_after_throughout", m.looked_after_throughout},
            {"throughout_with_oversight", m.throughout_with_oversight},
            {"throughout_with_oversight_pct",
             percent(m.throughout_with_oversight, m.looked_after_throughout)},
            {"notes", m.notes},
            {"notes_by_kind", m.notes_by_kind}};
}

std::string oversight_text(const std::vector<nlohmann::json>& rows) {
    std::string out;
    out += fmt::format("{:<12} {:>13} {:>22} {:>13} {:>22} {:>7}\n", "Period", "Looked after",
                       "With oversight", "Throughout", "With oversight", "Notes");
    for (const auto& r : rows) {
        out += fmt::format("{:<12} {:>13} {:>14} ({:>5.1f}%) {:>13} {:>14} ({:>5.1f}%) {:>7}\n",
                           r["period"].get<std::string>(), r["children_looked_after"].get<int>(),
                           r["with_oversight"].get<int>(), r["with_oversight_pct"].get<double>(),
                           r["looked_after_throughout"].get<int>(),
                           r["throughout_with_oversight"].get<int>(),
                           r["throughout_with_oversight_pct"].get<double>(), r["notes"].get<int>());
    }
    out +=
        "\nLooked after: in care on at least one day of the period; throughout: on its "
        "first and last day.\nWith oversight: an IRO oversight note dated in the period "
        "(Leicester's standard: every child,\nevery quarter). Notes: originals dated in "
        "the period; amendments are not counted again.\n";
    return out;
}

nlohmann::json midpoint_json(const MidpointMeasures& m) {
    nlohmann::json open = nlohmann::json::array();
    for (const auto& g : m.open_prompts) {
        open.push_back({{"iro_id", g.iro_id},
                        {"team_id", g.team_id},
                        {"open", g.open},
                        {"overdue", g.overdue}});
    }
    return {{"period", m.period.label},
            {"start", plugin::to_iso(m.period.start)},
            {"end", plugin::to_iso(m.period.end)},
            {"review_cycles", m.cycles},
            {"cycles_with_midpoint", m.cycles_with_midpoint},
            {"cycles_with_midpoint_pct", percent(m.cycles_with_midpoint, m.cycles)},
            {"allocated_over_3_months", m.allocated_over_3_months},
            {"allocated_with_midpoint", m.allocated_with_midpoint},
            {"allocated_with_midpoint_pct",
             percent(m.allocated_with_midpoint, m.allocated_over_3_months)},
            {"first_reviews", m.first_reviews},
            {"first_midpoint_within_weeks", m.first_weeks},
            {"first_midpoint_in_time", m.first_midpoint_in_time},
            {"first_midpoint_in_time_pct", percent(m.first_midpoint_in_time, m.first_reviews)},
            {"open_prompts_by_iro_and_team", open}};
}

std::string midpoint_text(const nlohmann::json& r) {
    std::string out;
    const int cycles = r["review_cycles"].get<int>();
    const int allocated = r["allocated_over_3_months"].get<int>();
    const int firsts = r["first_reviews"].get<int>();
    out += fmt::format("Mid-point measures {} ({} to {})\n\n", r["period"].get<std::string>(),
                       r["start"].get<std::string>(), r["end"].get<std::string>());
    out +=
        fmt::format("{:<52} {:>6} of {:>6} ({:>5.1f}%)   target >80%\n",
                    "Review cycles with a recorded mid-point", r["cycles_with_midpoint"].get<int>(),
                    cycles, r["cycles_with_midpoint_pct"].get<double>());
    out += fmt::format("{:<52} {:>6} of {:>6} ({:>5.1f}%)   target 100%\n",
                       "Children with an IRO >3 months, with a mid-point",
                       r["allocated_with_midpoint"].get<int>(), allocated,
                       r["allocated_with_midpoint_pct"].get<double>());
    out += fmt::format("{:<52} {:>6} of {:>6} ({:>5.1f}%)\n",
                       fmt::format("First reviews with a mid-point within {} weeks",
                                   r["first_midpoint_within_weeks"].get<int>()),
                       r["first_midpoint_in_time"].get<int>(), firsts,
                       r["first_midpoint_in_time_pct"].get<double>());
    out += fmt::format("\nPrompts open now, by IRO and team\n{:<10} {:<28} {:>6} {:>8}\n", "IRO",
                       "TEAM", "OPEN", "OVERDUE");
    for (const auto& g : r["open_prompts_by_iro_and_team"]) {
        out += fmt::format(
            "{:<10} {:<28} {:>6} {:>8}\n",
            g["iro_id"].get<std::string>().empty() ? "-" : g["iro_id"].get<std::string>(),
            g["team_id"].get<std::string>().empty() ? "-" : g["team_id"].get<std::string>(),
            g["open"].get<int>(), g["overdue"].get<int>());
    }
    out +=
        "\nA mid-point is an oversight note of kind midpoint. Cycles: from one review to "
        "the next, the later\nheld in the year. IRO >3 months: the part of one IRO "
        "allocation inside the year.\nTeam: the team of the child's social worker now.\n";
    return out;
}

}  // namespace iro::reports
