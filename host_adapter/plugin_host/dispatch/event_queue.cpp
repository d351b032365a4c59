#include "dispatch/event_queue.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "clock/timestamps.hpp"

namespace iro::dispatch {

namespace {
std::string field(const nlohmann::json& payload, const char* name) {
    const auto it = payload.find(name);
    if (it == payload.end() || !it->is_string()) {
        throw std::invalid_argument(std::string("payload lacks string field '") + name + "'");
    }
    return it->get<std::string>();
}
plugin::Date date_field(const nlohmann::json& payload, const char* name) {
    const auto day = plugin::parse_iso_date(field(payload, name));
    if (!day) {
        throw std::invalid_argument(std::string("payload field '") + name + "' is not a day");
    }
    return *day;
}
std::optional<plugin::Date> optional_date_field(const nlohmann::json& payload, const char* name) {
    return payload.contains(name) ? std::optional<plugin::Date>(date_field(payload, name))
                                  : std::nullopt;
}
}  // namespace

CaseEvent to_case_event(const std::string& kind, const std::string& event_id,
                        const std::string& child_id, plugin::Date occurred_on,
                        const nlohmann::json& p) {
    const plugin::EventHeader h{event_id, child_id, occurred_on};
    const auto k = plugin::event_kind_from_string(kind);
    if (!k) {
        throw std::invalid_argument("unknown event kind '" + kind + "'");
    }
    switch (*k) {
        case plugin::EventKind::entered_care:
            return plugin::EnteredCare{h, field(p, "legal_status"), field(p, "placement")};
        case plugin::EventKind::episode_changed:
            return plugin::EpisodeChanged{h, field(p, "reason_new_episode"),
                                          field(p, "legal_status"), field(p, "placement")};
        case plugin::EventKind::legal_status_changed:
            return plugin::LegalStatusChanged{h, field(p, "previous"), field(p, "current")};
        case plugin::EventKind::placement_changed:
            return plugin::PlacementChanged{h, field(p, "previous"), field(p, "current")};
        case plugin::EventKind::review_held:
            return plugin::ReviewHeld{h, field(p, "review_id"), field(p, "participation"),
                                      p.value("rag", std::string())};
        case plugin::EventKind::allocation_changed:
            return plugin::AllocationChanged{h, field(p, "role"), field(p, "worker_id"),
                                             p.value("team_id", std::string())};
        case plugin::EventKind::significant_change:
            return plugin::SignificantChange{h, field(p, "description")};
        case plugin::EventKind::left_care:
            return plugin::LeftCare{h, field(p, "reason_ceased")};
        case plugin::EventKind::daily_tick:
            return plugin::DailyTick{h};
        case plugin::EventKind::note_recorded:
            return plugin::NoteRecorded{h,
                                        field(p, "note_id"),
                                        field(p, "root_id"),
                                        field(p, "module_id"),
                                        field(p, "kind"),
                                        field(p, "author_role")};
        case plugin::EventKind::questionnaire_completed:
            return plugin::QuestionnaireCompleted{h, field(p, "response_id"), field(p, "module_id"),
                                                  field(p, "questionnaire"),
                                                  p.value("review_id", std::string())};
        case plugin::EventKind::record_removed:
            return plugin::RecordRemoved{h, field(p, "record_type"), field(p, "record_id"),
                                         p.value("source", std::string())};
        case plugin::EventKind::review_record_distributed:
            // The review as the store holds it, which intake resolved from the day it was held.
            return plugin::ReviewRecordDistributed{
                h, field(p.value("resolved", nlohmann::json::object()), "review_id"),
                date_field(p, "review_held_on"), field(p, "document")};
        case plugin::EventKind::review_date_changed:
            return plugin::ReviewDateChanged{h, field(p, "change"), date_field(p, "planned_on"),
                                             optional_date_field(p, "new_date"),
                                             p.value("reason", std::string())};
    }
    throw std::invalid_argument("unknown event kind '" + kind + "'");
}

int pending_case_events(store::Database& db) {
    auto stmt = db.prepare("SELECT count(*) FROM case_events WHERE dispatched_at IS NULL");
    stmt.step();
    return static_cast<int>(stmt.integer(0));
}

DrainReport drain_case_events(store::Database& db, modules::ModuleRegistry& registry,
                              const plugin::Clock& clock, int max_events) {
    DrainReport report;
    while (report.events < max_events) {
        // Each event is claimed, delivered and marked in one unit that holds the store's write
        // lock throughout: another process draining the same store (a CLI command beside the
        // serving host) waits, then finds the event marked, so no event reaches a module twice.
        // The hooks' writes commit with the mark: a crash in between leaves the event pending
        // and nothing of its delivery behind, and it is delivered once on the next drain.
        store::Savepoint unit(db);
        std::int64_t seq = 0;
        std::string event_id;
        std::string kind;
        std::string child;
        std::string day;
        std::string payload;
        {
            store::CachedUse next(
                db,
                "SELECT seq, event_id, kind, child_id, occurred_on, payload FROM case_events "
                "WHERE dispatched_at IS NULL ORDER BY seq LIMIT 1");
            if (!next->step()) {
                return report;
            }
            seq = next->integer(0);
            event_id = next->text(1);
            kind = next->text(2);
            child = next->text(3);
            day = next->text(4);
            payload = next->text(5);
        }
        ++report.events;
        try {
            const auto date = plugin::parse_iso_date(day);
            if (!date) {
                throw std::invalid_argument("occurred_on '" + day + "' is not a date");
            }
            const auto event =
                to_case_event(kind, event_id, child, *date, nlohmann::json::parse(payload));
            const auto dispatched = registry.dispatch(event);
            report.hook_failures += static_cast<int>(dispatched.failures.size());
            for (const auto& [module, error] : dispatched.failures) {
                if (report.failures.size() < 20) {
                    report.failures.emplace_back(module).append(": ").append(error);
                }
            }
        } catch (const std::exception& e) {
            ++report.undeliverable;
            spdlog::error("event=case_event_undeliverable seq={} event_id={} error=\"{}\"", seq,
                          event_id, e.what());
        }
        {
            store::CachedUse mark(db, "UPDATE case_events SET dispatched_at = ? WHERE seq = ?");
            mark->bind(1, clock::utc_timestamp(clock.now())).bind(2, seq);
            mark->run();
        }
        unit.commit();
    }
    return report;
}

}  // namespace iro::dispatch
