#include "oversight_notes/consultation_measures.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace iro::reports {

namespace {

using plugin::Date;

/// One consultation as its note (latest version) records it.
struct Consultation {
    Date on;
    bool child = false;
    bool child_visit = false;
    bool parent = false;
};

std::map<std::string, std::vector<Consultation>> consultations(store::Database& db) {
    std::map<std::string, std::vector<Consultation>> out;
    auto notes = db.prepare(
        "SELECT n.child_id, n.body FROM notes n WHERE n.kind = 'consultation' AND n.version = "
        "(SELECT max(version) FROM notes l WHERE l.root_id = n.root_id)");
    while (notes.step()) {
        const auto body = nlohmann::json::parse(notes.text(1), nullptr, false);
        if (!body.is_object() || !body.contains("date") || !body["date"].is_string()) {
            continue;  // a note the schema checked when written; nothing to count if not
        }
        const auto on = plugin::parse_iso_date(body["date"].get<std::string>());
        if (!on) {
            continue;
        }
        Consultation c{*on};
        for (const auto& who : body.value("consulted", nlohmann::json::array())) {
            const std::string person = who.value("who", std::string());
            c.child = c.child || person == "child";
            c.child_visit = c.child_visit || (person == "child" && who.value("how", "") == "visit");
            c.parent = c.parent || person == "parent";
        }
        out[notes.text(0)].push_back(c);
    }
    return out;
}

}  // namespace

ConsultationMeasures measure_consultation(store::Database& db, const ReportPeriod& period,
                                          const plugin::WorkingDayCalendar& calendar) {
    ConsultationMeasures m;
    m.period = period;
    const auto by_child = consultations(db);
    for (const auto& [child, list] : by_child) {
        for (const auto& c : list) {
            m.visits += c.child_visit && period.start <= c.on && c.on <= period.end ? 1 : 0;
        }
    }
    auto reviews = db.prepare(
        "SELECT r.child_id, r.held_on, (SELECT max(p.held_on) FROM reviews p WHERE p.child_id = "
        "r.child_id AND p.cancelled = 0 AND p.held_on < r.held_on) FROM reviews r WHERE "
        "r.cancelled = 0 AND r.held_on BETWEEN ?1 AND ?2");
    reviews.bind(1, plugin::to_iso(period.start)).bind(2, plugin::to_iso(period.end));
    while (reviews.step()) {
        const auto held = plugin::parse_iso_date(reviews.text(1));
        if (!held) {
            continue;
        }
        ++m.reviews_held;
        const auto previous = plugin::parse_iso_date(reviews.text(2));
        const Date from =
            previous ? *previous : Date(std::chrono::sys_days(*held) - std::chrono::days(183));
        const auto it = by_child.find(reviews.text(0));
        bool child = false;
        bool visited = false;
        bool early = false;
        bool parent = false;
        for (const auto& c : it == by_child.end() ? std::vector<Consultation>{} : it->second) {
            if (!(from < c.on && c.on <= *held)) {
                continue;
            }
            child = child || c.child;
            visited = visited || c.child_visit;
            early = early || (c.child && calendar.working_days_between(c.on, *held) >= 15);
            parent = parent || c.parent;
        }
        m.child_consulted += child ? 1 : 0;
        m.child_visited += visited ? 1 : 0;
        m.consulted_15_days += early ? 1 : 0;
        m.parent_consulted += parent ? 1 : 0;
    }
    return m;
}

}  // namespace iro::reports
