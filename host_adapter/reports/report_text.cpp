#include "reports/report_text.hpp"

#include <fmt/format.h>

#include <array>

namespace iro::reports {

namespace {

constexpr std::array<const char*, 8> kCodes{"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"};

// One row of the printed table: a label and a value per period.
struct Line {
    std::string label;
    std::vector<std::string> values;
};

std::vector<Line> table_lines(const std::vector<nlohmann::json>& rows) {
    auto line = [&](const std::string& label, auto&& value) {
        Line l{label, {}};
        for (const auto& r : rows) {
            l.values.push_back(value(r));
        }
        return l;
    };
    auto count = [](const char* key) {
        return [key](const nlohmann::json& r) { return std::to_string(r[key].get<int>()); };
    };
    auto share = [](const char* part, const char* pct) {
        return [part, pct](const nlohmann::json& r) {
            return fmt::format("{} ({:.1f}%)", r[part].get<int>(), r[pct].get<double>());
        };
    };
    std::vector<Line> lines{
        line("Measured to",
             [](const nlohmann::json& r) { return r["measured_to"].get<std::string>(); }),
        line("Children looked after", count("children_looked_after")),
        line("Reviews held", count("reviews_held")),
        line("Reviews on time", share("reviews_on_time", "reviews_on_time_pct")),
        line("Children reviewed", count("children_reviewed")),
        line("Children all reviews on time",
             share("children_all_on_time", "children_all_on_time_pct")),
        line("Children overdue at end", count("children_overdue_at_end")),
    };
    for (const auto& code : kCodes) {
        lines.push_back(line(std::string("  ") + code, [code](const nlohmann::json& r) {
            return std::to_string(r["participation"][code].get<int>());
        }));
    }
    lines.push_back(line("  blank or invalid", [](const nlohmann::json& r) {
        return std::to_string(r["participation"]["blank"].get<int>());
    }));
    lines.push_back(line("Reviews of children 4+", count("reviews_aged_4_plus")));
    lines.push_back(line("Attended (PN1-PN4)", share("attended_pn1_pn4", "attended_pct")));
    lines.push_back(
        line("Views conveyed (PN1-PN6)", share("views_conveyed_pn1_pn6", "views_conveyed_pct")));
    return lines;
}

}  // namespace

nlohmann::json review_measures_json(const ReviewMeasures& m) {
    nlohmann::json participation = nlohmann::json::object();
    for (const auto& code : kCodes) {
        participation[code] = m.participation.count(code) ? m.participation.at(code) : 0;
    }
    participation["blank"] = m.participation.count("") ? m.participation.at("") : 0;
    return {{"period", m.period.label},
            {"start", plugin::to_iso(m.period.start)},
            {"end", plugin::to_iso(m.period.end)},
            {"measured_to", plugin::to_iso(m.measured_to)},
            {"children_looked_after", m.children_looked_after},
            {"reviews_held", m.reviews_held},
            {"reviews_on_time", m.reviews_on_time},
            {"reviews_on_time_pct", percent(m.reviews_on_time, m.reviews_held)},
            {"children_reviewed", m.children_reviewed},
            {"children_all_on_time", m.children_all_on_time},
            {"children_all_on_time_pct", percent(m.children_all_on_time, m.children_reviewed)},
            {"children_overdue_at_end", m.children_overdue},
            {"participation", participation},
            {"reviews_aged_4_plus", m.aged_4_plus},
            {"attended_pn1_pn4", m.attended},
            {"attended_pct", percent(m.attended, m.aged_4_plus)},
            {"views_conveyed_pn1_pn6", m.views_conveyed},
            {"views_conveyed_pct", percent(m.views_conveyed, m.aged_4_plus)}};
}

std::string review_measures_table(const std::vector<nlohmann::json>& rows) {
    std::string out;
    out += fmt::format("{:<30}", "Review measures");
    for (const auto& r : rows) {
        out += fmt::format(" {:>17}", r["period"].get<std::string>());
    }
    out += "\n";
    for (const auto& l : table_lines(rows)) {
        out += fmt::format("{:<30}", l.label);
        for (const auto& v : l.values) {
            out += fmt::format(" {:>17}", v);
        }
        out += "\n";
    }
    out +=
        "\nOn time: held by the reg. 33 due date. Children all on time: of the children "
        "with a review held\nin the period or overdue at its end, those with none late "
        "or overdue. Attended and views\nconveyed are shares of the reviews of children "
        "aged 4 or over (PN1-PN7).\n";
    return out;
}

std::string review_measures_csv(const std::vector<nlohmann::json>& rows) {
    std::string out;
    out +=
        "period,start,end,measured_to,children_looked_after,reviews_held,reviews_on_time,"
        "reviews_on_time_pct,children_reviewed,children_all_on_time,"
        "children_all_on_time_pct,children_overdue_at_end";
    for (const auto& code : kCodes) {
        out += ",";
        out += code;
    }
    out +=
        ",blank,reviews_aged_4_plus,attended_pn1_pn4,attended_pct,"
        "views_conveyed_pn1_pn6,views_conveyed_pct\n";
    for (const auto& r : rows) {
        out += fmt::format("{},{},{},{},{},{},{},{:.1f},{},{},{:.1f},{}",
                           r["period"].get<std::string>(), r["start"].get<std::string>(),
                           r["end"].get<std::string>(), r["measured_to"].get<std::string>(),
                           r["children_looked_after"].get<int>(), r["reviews_held"].get<int>(),
                           r["reviews_on_time"].get<int>(), r["reviews_on_time_pct"].get<double>(),
                           r["children_reviewed"].get<int>(), r["children_all_on_time"].get<int>(),
                           r["children_all_on_time_pct"].get<double>(),
                           r["children_overdue_at_end"].get<int>());
        for (const auto& code : kCodes) {
            out += fmt::format(",{}", r["participation"][code].get<int>());
        }
        out += fmt::format(",{},{},{},{:.1f},{},{:.1f}\n", r["participation"]["blank"].get<int>(),
                           r["reviews_aged_4_plus"].get<int>(), r["attended_pn1_pn4"].get<int>(),
                           r["attended_pct"].get<double>(), r["views_conveyed_pn1_pn6"].get<int>(),
                           r["views_conveyed_pct"].get<double>());
    }
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

std::string oversight_text(const std::vector<nlohmann::json>& rows, const std::string& format) {
    std::string out;
    if (format == "csv") {
        out +=
            "period,start,end,children_looked_after,with_oversight,with_oversight_pct,"
            "looked_after_throughout,throughout_with_oversight,"
            "throughout_with_oversight_pct,notes\n";
        for (const auto& r : rows) {
            out += fmt::format(
                "{},{},{},{},{},{:.1f},{},{},{:.1f},{}\n", r["period"].get<std::string>(),
                r["start"].get<std::string>(), r["end"].get<std::string>(),
                r["children_looked_after"].get<int>(), r["with_oversight"].get<int>(),
                r["with_oversight_pct"].get<double>(), r["looked_after_throughout"].get<int>(),
                r["throughout_with_oversight"].get<int>(),
                r["throughout_with_oversight_pct"].get<double>(), r["notes"].get<int>());
        }
        return out;
    }
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

std::string midpoint_text(const nlohmann::json& r, const std::string& format) {
    std::string out;
    const int cycles = r["review_cycles"].get<int>();
    const int allocated = r["allocated_over_3_months"].get<int>();
    const int firsts = r["first_reviews"].get<int>();
    if (format == "csv") {
        out += "measure,count,of,pct\n";
        out +=
            fmt::format("cycles_with_midpoint,{},{},{:.1f}\n", r["cycles_with_midpoint"].get<int>(),
                        cycles, r["cycles_with_midpoint_pct"].get<double>());
        out += fmt::format("allocated_over_3_months_with_midpoint,{},{},{:.1f}\n",
                           r["allocated_with_midpoint"].get<int>(), allocated,
                           r["allocated_with_midpoint_pct"].get<double>());
        out += fmt::format("first_review_midpoint_in_time,{},{},{:.1f}\n",
                           r["first_midpoint_in_time"].get<int>(), firsts,
                           r["first_midpoint_in_time_pct"].get<double>());
        out += "\niro_id,team_id,open,overdue\n";
        for (const auto& g : r["open_prompts_by_iro_and_team"]) {
            out += fmt::format("{},\"{}\",{},{}\n", g["iro_id"].get<std::string>(),
                               g["team_id"].get<std::string>(), g["open"].get<int>(),
                               g["overdue"].get<int>());
        }
        return out;
    }
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
