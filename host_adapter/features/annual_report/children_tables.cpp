#include "annual_report/children_tables.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>
#include <string_view>

#include "importers/ssda903_codes.hpp"
#include "iro/plugin_api/review_schedule.hpp"
#include "text/date_words.hpp"

namespace iro::reports::annual {

namespace {

using plugin::Date;

constexpr std::string_view kSource =
    "The case records: SSDA903 Header, Episodes and UASC, or the SSD's person and episode tables.";

/// A group of codes under one label, in the order the report lists them.
struct CodeGroup {
    std::string_view label;
    std::vector<std::string_view> codes;
};

const std::vector<CodeGroup>& legal_status_groups() {
    static const std::vector<CodeGroup> kGroups{
        {"Interim care order (C1)", {"C1"}},
        {"Full care order (C2)", {"C2"}},
        {"Placement order granted (E1)", {"E1"}},
        {"Freeing order granted (D1)", {"D1"}},
        {"Accommodated under section 20 (V2)", {"V2"}},
        {"Youth justice legal statuses (J1, J2, J3)", {"J1", "J2", "J3"}},
        {"Detained for child protection (L1, L2, L3)", {"L1", "L2", "L3"}}};
    return kGroups;
}

const std::vector<CodeGroup>& ethnicity_groups() {
    static const std::vector<CodeGroup> kGroups{
        {"White British (WBRI)", {"WBRI"}},
        {"Other White (WIRI, WIRT, WOTH, WROM)", {"WIRI", "WIRT", "WOTH", "WROM"}},
        {"Mixed or multiple ethnic groups (MWBC, MWBA, MWAS, MOTH)",
         {"MWBC", "MWBA", "MWAS", "MOTH"}},
        {"Asian or Asian British (AIND, APKN, ABAN, AOTH)", {"AIND", "APKN", "ABAN", "AOTH"}},
        {"Black, African, Caribbean or Black British (BCRB, BAFR, BOTH)", {"BCRB", "BAFR", "BOTH"}},
        {"Other ethnic group (CHNE, OOTH)", {"CHNE", "OOTH"}},
        {"Refused or information not yet obtained (REFU, NOBT)", {"REFU", "NOBT"}}};
    return kGroups;
}

const std::vector<CodeGroup>& placement_groups() {
    static const std::vector<CodeGroup> kGroups{
        {"Foster placements (U1-U6)", {"U1", "U2", "U3", "U4", "U5", "U6"}},
        {"Placed for adoption (A3-A6)", {"A3", "A4", "A5", "A6"}},
        {"Placed with parents or others with parental responsibility (P1)", {"P1"}},
        {"Independent and semi-independent living (P2, H5)", {"P2", "H5"}},
        {"Secure units and children's homes (K1, K2)", {"K1", "K2"}},
        {"Other residential settings (R1, R2, R3, R5, S1)", {"R1", "R2", "R3", "R5", "S1"}},
        {"Other placements (P3, T0-T4, Z1)", {"P3", "T0", "T1", "T2", "T3", "T4", "Z1"}}};
    return kGroups;
}

// The DfE's wording of each reason an episode ceased (SSDA903 REC), shortened.
const std::vector<CodeGroup>& reason_ceased_groups() {
    static const std::vector<CodeGroup> kGroups{
        {"Adopted (E11, E12)", {"E11", "E12"}},
        {"Died (E2)", {"E2"}},
        {"Care taken over by another local authority (E3)", {"E3"}},
        {"Returned home as part of the care plan (E4A)", {"E4A"}},
        {"Returned home not as part of the care plan (E4B)", {"E4B"}},
        {"To live with parents or relatives without parental responsibility (E13)", {"E13"}},
        {"Child arrangement or residence order (E41)", {"E41"}},
        {"Special guardianship order to former foster carers (E45, E46)", {"E45", "E46"}},
        {"Special guardianship order to other carers (E47, E48)", {"E47", "E48"}},
        {"Independent living with supportive accommodation (E5)", {"E5"}},
        {"Independent living with no formal support (E6)", {"E6"}},
        {"Transferred to residential care funded by adult services (E7)", {"E7"}},
        {"Sentenced to custody (E9)", {"E9"}},
        {"Accommodation on remand ended (E14)", {"E14"}},
        {"Age assessment found the child aged 18 or over (E15)", {"E15"}},
        {"Moved abroad (E16)", {"E16"}},
        {"Aged 18 or over and stayed with their carers (E17)", {"E17"}},
        {"Ceased for any other reason (E8)", {"E8"}}};
    return kGroups;
}

std::string_view group_of(const std::vector<CodeGroup>& groups, std::string_view code) {
    for (const auto& g : groups) {
        if (std::find(g.codes.begin(), g.codes.end(), code) != g.codes.end()) {
            return g.label;
        }
    }
    return "Not recorded";
}

std::vector<std::string> labels_of(const std::vector<CodeGroup>& groups) {
    std::vector<std::string> out;
    out.reserve(groups.size() + 1);
    for (const auto& g : groups) {
        out.emplace_back(g.label);
    }
    out.emplace_back("Not recorded");
    return out;
}

/// Counts by category, one map per year.
using Tally = std::vector<std::map<std::string, long long, std::less<>>>;

// A distribution: a row per category, and for each year its number and its share, with an "All"
// row. A category no year has is left out, except those listed in `always`.
ReportTable distribution(std::string title, std::string definition, std::string row_heading,
                         const std::vector<std::string>& categories, const Tally& tally,
                         const std::vector<ReportPeriod>& years, bool always_all_rows) {
    ReportTable t;
    t.title = std::move(title);
    t.definition = std::move(definition);
    t.source = std::string(kSource);
    t.row_heading = std::move(row_heading);
    t.chart = {Chart::bars, {1}, std::nullopt};  // the year's shares
    t.columns = year_columns(years, {"number", "%"});
    std::vector<long long> totals(years.size(), 0);
    for (std::size_t y = 0; y < years.size(); ++y) {
        for (const auto& [label, n] : tally[y]) {
            totals[y] += n;
        }
    }
    for (const auto& category : categories) {
        TableRow row{category, {}, false};
        bool any = false;
        for (std::size_t y = 0; y < years.size(); ++y) {
            const auto it = tally[y].find(category);
            const long long n = it == tally[y].end() ? 0 : it->second;
            any = any || n > 0;
            row.cells.push_back(Cell::of_count(n));
            row.cells.push_back(Cell::of_percent(n, totals[y]));
        }
        if (any || (always_all_rows && category != "Not recorded")) {
            t.rows.push_back(std::move(row));
        }
    }
    TableRow all{"All", {}, true};
    for (std::size_t y = 0; y < years.size(); ++y) {
        all.cells.push_back(Cell::of_count(totals[y]));
        all.cells.push_back(Cell::of_percent(totals[y], totals[y]));
    }
    t.rows.push_back(std::move(all));
    return t;
}

std::string age_band(const ChildProfile& child, Date on) {
    if (!child.date_of_birth) {
        return "Not recorded";
    }
    const int age = importers::ssda903::age_on(*child.date_of_birth, on);
    if (age < 1) {
        return "Under 1";
    }
    if (age <= 4) {
        return "1 to 4";
    }
    if (age <= 9) {
        return "5 to 9";
    }
    return age <= 15 ? "10 to 15" : "16 and over";
}

std::string gender(const ChildProfile& child) {
    return child.sex == "1" ? "Male" : child.sex == "2" ? "Female" : "Not recorded";
}

bool uasc_on(const ChildProfile& child, Date day) {
    return child.uasc && (!child.ceased_uasc_on || *child.ceased_uasc_on > day);
}

bool in(const ReportPeriod& period, Date day) {
    return period.start <= day && day <= period.end;
}

// Placements during the year: the episodes overlapping it, less those that began only with a
// change of legal status (RNE L: the same placement).
int placements_in(const ChildProfile& child, const ReportPeriod& year) {
    int n = 0;
    for (const auto& e : child.episodes) {
        const bool overlaps = e.start <= year.end && (!e.end || *e.end >= year.start);
        const bool new_placement = e.start < year.start || e.reason_new_episode != "L";
        if (overlaps && new_placement) {
            ++n;
        }
    }
    return n;
}

std::size_t month_index(Date day) {
    return (static_cast<unsigned>(day.month()) + 8) % 12;  // April is 0
}

ReportTable started_and_ceased(const std::vector<ChildProfile>& children,
                               const std::vector<ReportPeriod>& years) {
    ReportTable t;
    t.title = "Children who started and ceased to be looked after, by month";
    t.definition =
        "Started: a new period of care (an episode with reason for new episode S) beginning in "
        "the month. Ceased: an episode ending in the month with any reason but X1 (X1 only "
        "begins the next episode of the same period). Short breaks included.";
    t.source = std::string(kSource);
    t.row_heading = "Month";
    t.chart = {Chart::columns, {0, 1}, std::nullopt};  // the year's started and ceased
    t.columns = year_columns(years, {"started", "ceased"});
    std::vector<std::array<long long, 12>> started(years.size());
    std::vector<std::array<long long, 12>> ceased(years.size());
    for (auto& a : started) {
        a.fill(0);
    }
    for (auto& a : ceased) {
        a.fill(0);
    }
    for (const auto& child : children) {
        for (const auto& e : child.episodes) {
            for (std::size_t y = 0; y < years.size(); ++y) {
                if (e.reason_new_episode == "S" && in(years[y], e.start)) {
                    ++started[y][month_index(e.start)];
                }
                if (e.end && in(years[y], *e.end) && !e.reason_ceased.empty() &&
                    e.reason_ceased != "X1") {
                    ++ceased[y][month_index(*e.end)];
                }
            }
        }
    }
    TableRow total{"All", {}, true};
    std::vector<long long> sums(years.size() * 2, 0);
    for (std::size_t m = 0; m < 12; ++m) {
        // Financial-year order: April (4) first.
        TableRow row{
            std::string(text::month_name(static_cast<unsigned>((m + 3) % 12 + 1))), {}, false};
        for (std::size_t y = 0; y < years.size(); ++y) {
            row.cells.push_back(Cell::of_count(started[y][m]));
            row.cells.push_back(Cell::of_count(ceased[y][m]));
            sums[2 * y] += started[y][m];
            sums[2 * y + 1] += ceased[y][m];
        }
        t.rows.push_back(std::move(row));
    }
    for (const auto n : sums) {
        total.cells.push_back(Cell::of_count(n));
    }
    t.rows.push_back(std::move(total));
    return t;
}

ReportTable stability(const std::vector<ChildProfile>& children,
                      const std::vector<ReportPeriod>& years) {
    ReportTable t;
    t.title = "Placement stability: three or more placements in the year";
    t.definition =
        "Children looked after at 31 March (short breaks left out) who had three or more "
        "placements during the year, as the DfE counts them: each episode in the year is a "
        "placement unless it began only with a change of legal status (reason L).";
    t.source = std::string(kSource);
    t.row_heading = "Children looked after at 31 March";
    t.columns = year_columns(years, {"number", "%"});
    TableRow three{"With three or more placements in the year", {}, false};
    TableRow all{"All looked after at 31 March", {}, false};
    for (const auto& year : years) {
        long long n = 0;
        long long whole = 0;
        for (const auto& child : children) {
            if (looked_after_on(child, year.end)) {
                ++whole;
                n += placements_in(child, year) >= 3 ? 1 : 0;
            }
        }
        three.cells.push_back(Cell::of_count(n));
        three.cells.push_back(Cell::of_percent(n, whole));
        all.cells.push_back(Cell::of_count(whole));
        all.cells.push_back(Cell::of_percent(whole, whole));
    }
    t.rows = {std::move(three), std::move(all)};
    return t;
}

// DfE's long-term stability measure (York's Table 7): children under 16 at 31 March looked after
// continuously for at least 2.5 years, and of them those in the same placement for at least two
// years, or placed for adoption (A3-A6) with that placement and the one before it together lasting
// two years. A change of legal status alone (RNE L) is not a new placement.
ReportTable long_term_stability(const std::vector<ChildProfile>& children,
                                const std::vector<ReportPeriod>& years) {
    ReportTable t;
    t.title = "Long-term placement stability";
    t.definition =
        "Children aged under 16 at 31 March (short breaks left out) who had been looked after "
        "continuously for at least two and a half years, and of them those who had been in the "
        "same placement for at least two years, or were placed for adoption and that placement "
        "and the one before it together lasted at least two years (the DfE's long-term "
        "stability measure). An episode that began only with a change of legal status (RNE L) "
        "continues the placement.";
    t.source = std::string(kSource);
    t.row_heading = "Children looked after at 31 March";
    t.columns = year_columns(years, {"number", "%"});
    TableRow stable{
        "In the same placement for two years or more, or placed for adoption", {}, false};
    TableRow cohort{"Under 16, looked after for two and a half years or more", {}, false};
    for (const auto& year : years) {
        const Date after = Date{std::chrono::sys_days{year.end} + std::chrono::days{1}};
        long long whole = 0;
        long long n = 0;
        for (const auto& child : children) {
            const auto* now = episode_on(child, year.end);
            if (now == nullptr || !looked_after_on(child, year.end) || !child.date_of_birth ||
                importers::ssda903::age_on(*child.date_of_birth, year.end) >= 16) {
                continue;
            }
            // The period of care: episodes back to its start, each ending the day the next began.
            std::vector<const plugin::Episode*> period{now};
            for (auto it = child.episodes.rbegin(); it != child.episodes.rend(); ++it) {
                if (it->start < period.back()->start && it->end &&
                    *it->end == period.back()->start) {
                    period.push_back(&*it);
                }
            }
            if (period.back()->start > schedule::add_months(after, -30)) {
                continue;
            }
            ++whole;
            // Placements, latest first: an episode begun for a change of legal status only
            // continues the one before it.
            std::vector<Date> placement_starts;
            bool continued = false;  // the later episode began with a change of legal status only
            for (const auto* episode : period) {
                if (continued) {
                    placement_starts.back() = episode->start;
                } else {
                    placement_starts.push_back(episode->start);
                }
                continued = episode->reason_new_episode == "L";
            }
            static const std::set<std::string, std::less<>> kForAdoption{"A3", "A4", "A5", "A6"};
            const bool adoption = kForAdoption.count(now->placement) > 0;
            const Date since =
                adoption && placement_starts.size() > 1 ? placement_starts[1] : placement_starts[0];
            n += since <= schedule::add_months(after, -24) ? 1 : 0;
        }
        stable.cells.push_back(Cell::of_count(n));
        stable.cells.push_back(Cell::of_percent(n, whole));
        cohort.cells.push_back(Cell::of_count(whole));
        cohort.cells.push_back(Cell::of_percent(whole, whole));
    }
    t.rows = {std::move(stable), std::move(cohort)};
    return t;
}

}  // namespace

std::vector<ChildProfile> load_profiles(store::Database& db) {
    std::map<std::string, ChildProfile> by_id;
    auto children = db.prepare(
        "SELECT c.child_id, c.sex, c.date_of_birth, c.ethnicity, u.child_id IS NOT NULL, "
        "u.ceased_uasc_on FROM children c LEFT JOIN uasc u USING (child_id)");
    while (children.step()) {
        ChildProfile p;
        p.child_id = children.text(0);
        p.sex = children.text(1);
        p.date_of_birth = plugin::parse_iso_date(children.text(2));
        p.ethnicity = children.text(3);
        p.uasc = children.integer(4) != 0;
        p.ceased_uasc_on = plugin::parse_iso_date(children.text(5));
        by_id.emplace(p.child_id, std::move(p));
    }
    auto episodes = db.prepare(
        "SELECT child_id, start_date, end_date, reason_new_episode, legal_status, placement, "
        "reason_ceased FROM episodes ORDER BY child_id, start_date");
    while (episodes.step()) {
        const auto start = plugin::parse_iso_date(episodes.text(1));
        const auto it = by_id.find(episodes.text(0));
        if (!start || it == by_id.end()) {
            continue;
        }
        it->second.episodes.push_back({episodes.text(0), *start,
                                       plugin::parse_iso_date(episodes.text(2)), episodes.text(3),
                                       episodes.text(4), episodes.text(5), episodes.text(6)});
    }
    std::vector<ChildProfile> out;
    out.reserve(by_id.size());
    for (auto& [id, p] : by_id) {
        out.push_back(std::move(p));
    }
    return out;
}

const plugin::Episode* episode_on(const ChildProfile& child, Date day) {
    for (const auto& e : child.episodes) {
        if (e.start <= day && (!e.end || *e.end > day)) {
            return &e;
        }
    }
    return nullptr;
}

bool looked_after_on(const ChildProfile& child, Date day) {
    const auto* e = episode_on(child, day);
    return e != nullptr && !importers::ssda903::is_short_break(e->legal_status);
}

std::vector<ReportTable> children_tables(const std::vector<ChildProfile>& children,
                                         const std::vector<ReportPeriod>& years) {
    const std::size_t n = years.size();
    Tally legal(n), ages(n), genders(n), ethnicities(n), placements(n), uasc(n), reasons(n);
    for (std::size_t y = 0; y < n; ++y) {
        const Date at = years[y].end;
        for (const auto& child : children) {
            if (looked_after_on(child, at)) {
                const auto* e = episode_on(child, at);
                ++legal[y][std::string(group_of(legal_status_groups(), e->legal_status))];
                ++ages[y][age_band(child, at)];
                ++genders[y][gender(child)];
                ++ethnicities[y][std::string(group_of(ethnicity_groups(), child.ethnicity))];
                ++placements[y][std::string(group_of(placement_groups(), e->placement))];
                ++uasc[y][uasc_on(child, at) ? "Unaccompanied asylum-seeking children"
                                             : "Other children"];
            }
            for (const auto& e : child.episodes) {
                if (e.end && in(years[y], *e.end) && !e.reason_ceased.empty() &&
                    e.reason_ceased != "X1") {
                    ++reasons[y][std::string(group_of(reason_ceased_groups(), e.reason_ceased))];
                }
            }
        }
    }
    const std::string at_31_march =
        "Children looked after at 31 March: an episode open on that day (one that ended on it is "
        "not), short breaks (V3, V4) left out. ";
    std::vector<ReportTable> out;
    out.push_back(distribution("Legal status at 31 March",
                               at_31_march + "By the legal status of the episode open on the day.",
                               "Legal status", labels_of(legal_status_groups()), legal, years,
                               true));
    out.push_back(distribution(
        "Age at 31 March", at_31_march + "Age in whole years on the day, in the DfE's bands.",
        "Age", {"Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over", "Not recorded"}, ages,
        years, true));
    out.push_back(distribution("Gender at 31 March", at_31_march + "As the Header records it.",
                               "Gender", {"Male", "Female", "Not recorded"}, genders, years, true));
    out.push_back(distribution(
        "Ethnicity at 31 March", at_31_march + "By the DfE's ethnic groups (SSDA903 codes).",
        "Ethnicity", labels_of(ethnicity_groups()), ethnicities, years, false));
    out.push_back(distribution(
        "Placement at 31 March", at_31_march + "By the placement of the episode open on the day.",
        "Placement", labels_of(placement_groups()), placements, years, false));
    out.push_back(distribution(
        "Unaccompanied asylum-seeking children at 31 March",
        at_31_march + "Unaccompanied asylum-seeking: in the UASC records, and not ceased to be so "
                      "by the day.",
        "Children", {"Unaccompanied asylum-seeking children", "Other children"}, uasc, years,
        true));
    out.push_back(started_and_ceased(children, years));
    out.push_back(distribution(
        "Reason care ended",
        "Episodes that ended during the year with a reason other than X1 (which only begins "
        "the next episode of the same period), by the reason (SSDA903 REC), short breaks "
        "included.",
        "Reason", labels_of(reason_ceased_groups()), reasons, years, false));
    out.push_back(stability(children, years));
    out.push_back(long_term_stability(children, years));
    return out;
}

}  // namespace iro::reports::annual
