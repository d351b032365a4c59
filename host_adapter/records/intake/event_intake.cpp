#include "intake/event_intake.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <vector>

#include "events/case_event_queue.hpp"
#include "importers/ssda903_codes.hpp"
#include "schema/json_schema.hpp"
#include "schema/json_text.hpp"
#include "text/utf8.hpp"

namespace iro::intake {

namespace {

using importers::ImportIssue;
using nlohmann::json;
using plugin::Date;

// Where a queued event's payload keeps what the host resolved from the case records, beside the
// data as sent (e.g. the store's id of the review a review_record_distributed names by its day).
// No kind's schema allows a field of that name, so a CMS cannot send one.
constexpr const char* kResolved = "resolved";

// One event is a few hundred bytes; these bound what a hostile or broken line can cost.
constexpr std::size_t kMaxEventBytes = std::size_t{256} * 1024;
constexpr int kMaxEventDepth = 32;

// Reads one line into `body`, keeping at most kMaxEventBytes + 1 of its bytes (the rest is
// skipped, and the line refused as too long), so no line can fill memory; false at the end.
bool read_bounded_line(std::istream& in, std::string& body) {
    body.clear();
    auto* buf = in.rdbuf();
    bool any = false;
    for (;;) {
        const int c = buf->sbumpc();
        if (c == std::char_traits<char>::eof()) {
            return any;
        }
        any = true;
        if (c == '\n') {
            return true;
        }
        if (body.size() <= kMaxEventBytes) {
            body.push_back(static_cast<char>(c));
        }
    }
}

struct Event {
    std::size_t line = 0;
    std::string id;
    std::string kind;
    std::string child;
    std::string day;
    std::string source;
    json data;
};

// The compiled schemas: the envelope and one per kind.
class EventSchemas {
  public:
    EventSchemas() : envelope_(compile("events/envelope.schema.json")) {
        for (const char* kind : {"entered_care", "episode_changed", "review_held",
                                 "allocation_changed", "significant_change", "left_care",
                                 "review_record_distributed", "review_date_changed"}) {
            data_.emplace(kind, compile(std::string("events/") + kind + ".schema.json"));
        }
    }
    const schema::JsonSchema& envelope() const { return envelope_; }
    const schema::JsonSchema& data(const std::string& kind) const { return data_.at(kind); }

  private:
    static schema::JsonSchema compile(const std::string& path) {
        return schema::JsonSchema::compile(schema::embedded_schema(path));
    }
    schema::JsonSchema envelope_;
    std::map<std::string, schema::JsonSchema> data_;
};

std::string text(const json& data, const char* field) {
    return data.value(field, std::string());
}

// Checks one line; the event, or nullopt after adding its problems to `issues`.
std::optional<Event> parse_line(const EventSchemas& schemas, const std::string& name,
                                std::size_t line, const std::string& body, Date today,
                                std::vector<ImportIssue>& issues) {
    auto problem = [&](std::string rule, std::string child, std::string message,
                       std::size_t column = 1) {
        issues.push_back(
            {name, line, column, std::move(rule), std::move(child), std::move(message)});
    };
    if (body.size() > kMaxEventBytes) {
        problem("size", "",
                fmt::format("the line is {} bytes, over the limit of {} for one event", body.size(),
                            kMaxEventBytes));
        return std::nullopt;
    }
    // Checked before parsing, so the message gives the character a person can find.
    if (const auto fault = text::find_utf8_fault(body)) {
        problem("utf8", "", fault->reason, fault->column);
        return std::nullopt;
    }
    json doc;
    try {
        // An event is a few levels deep; a line nested deeper is hostile or broken.
        doc = schema::parse_json_input(body, kMaxEventDepth);
    } catch (const schema::JsonInputRefused& e) {
        // The line and column are the issue's own; the reason is enough after them.
        if (e.byte() == 0) {
            problem("json", "", e.reason());
        } else {
            problem("json", "", "not a JSON object: " + e.reason(), e.byte());
        }
        return std::nullopt;
    }
    if (const auto v = schemas.envelope().validate(doc); !v.empty()) {
        problem("schema", "", "event: " + schema::describe(v));
        return std::nullopt;
    }
    Event e{line,
            doc["event_id"].get<std::string>(),
            doc["kind"].get<std::string>(),
            doc["child_id"].get<std::string>(),
            doc["occurred_on"].get<std::string>(),
            doc.value("source", std::string("intake")),
            doc["data"]};
    if (const auto v = schemas.data(e.kind).validate(e.data); !v.empty()) {
        problem("schema", e.child, e.kind + " data: " + schema::describe(v));
        return std::nullopt;
    }
    const auto day = plugin::parse_iso_date(e.day);
    if (!day) {
        problem("date", e.child, "occurred_on " + e.day + " is not a day of the calendar");
        return std::nullopt;
    }
    if (*day > today) {
        problem("date", e.child,
                "occurred_on " + e.day + " is after today (" + plugin::to_iso(today) + ")");
        return std::nullopt;
    }
    bool ok = true;
    auto code = [&](const char* field, bool (*valid)(std::string_view)) {
        if (e.data.contains(field) && !valid(text(e.data, field))) {
            problem("code", e.child,
                    std::string("unknown ") + field + " code '" + text(e.data, field) + "'");
            ok = false;
        }
    };
    code("legal_status", importers::ssda903::is_legal_status);
    code("placement", importers::ssda903::is_placement);
    code("reason_ceased", importers::ssda903::is_reason_ceased);
    for (const char* field : {"date_of_birth", "review_held_on", "planned_on", "new_date"}) {
        if (e.data.contains(field) && !plugin::parse_iso_date(text(e.data, field))) {
            problem(
                "date", e.child,
                std::string(field) + " " + text(e.data, field) + " is not a day of the calendar");
            ok = false;
        }
    }
    return ok ? std::optional<Event>(std::move(e)) : std::nullopt;
}

// Applies events to the case records and queues them, inside the caller's transaction.
class Applier {
  public:
    Applier(store::Database& db, std::string received_at, const std::string& name,
            std::vector<ImportIssue>& issues)
        : db_(db), received_at_(std::move(received_at)), name_(name), issues_(issues) {}

    enum class Outcome { applied, replayed, refused };  // refused: a problem was recorded

    Outcome apply(const Event& e) {
        auto existing = db_.prepare(
            "SELECT kind, child_id, occurred_on, payload FROM case_events WHERE event_id = ?");
        existing.bind(1, e.id);
        if (existing.step()) {
            // What the host resolved from the records is kept beside what was sent (kResolved):
            // the same event sent again is the same data as sent.
            auto stored = json::parse(existing.text(3));
            stored.erase(kResolved);
            if (existing.text(0) == e.kind && existing.text(1) == e.child &&
                existing.text(2) == e.day && stored == e.data) {
                return Outcome::replayed;
            }
            refuse(e, "conflict",
                   "event_id " + e.id + " was already received with different content");
            return Outcome::refused;
        }
        json payload = e.data;
        const bool ok = e.kind == "entered_care"          ? entered_care(e)
                        : e.kind == "episode_changed"     ? episode_changed(e)
                        : e.kind == "review_held"         ? review_held(e)
                        : e.kind == "allocation_changed"  ? allocation_changed(e)
                        : e.kind == "left_care"           ? left_care(e)
                        : e.kind == "review_date_changed" ? review_date_changed(e)
                        : e.kind == "review_record_distributed"
                            ? review_record_distributed(e, payload)
                            : known_child(e);
        if (!ok) {
            return Outcome::refused;
        }
        queue(e.id, e.kind, e, payload);
        return Outcome::applied;
    }

    std::map<std::string, int>& queued() { return queued_; }

  private:
    void refuse(const Event& e, std::string rule, std::string message) {
        issues_.push_back({name_, e.line, 1, std::move(rule), e.child, std::move(message)});
    }

    void queue(const std::string& id, const std::string& kind, const Event& e,
               const json& payload) {
        if (store::enqueue_case_event(
                db_, {id, kind, e.child, e.day, payload, e.source, received_at_})) {
            ++queued_[kind];
        }
    }

    bool known_child(const Event& e) {
        auto stmt = db_.prepare("SELECT 1 FROM children WHERE child_id = ?");
        stmt.bind(1, e.child);
        if (!stmt.step()) {
            refuse(e, "unknown_child",
                   "child " + e.child +
                       " is not in the case records (import them, or send "
                       "entered_care first)");
            return false;
        }
        return true;
    }

    struct OpenEpisode {
        std::string start;
        std::string legal_status;
        std::string placement;
        std::string category_of_need;
    };

    std::optional<OpenEpisode> open_episode(const std::string& child) {
        auto stmt = db_.prepare(
            "SELECT start_date, legal_status, placement, category_of_need FROM episodes WHERE "
            "child_id = ? AND end_date IS NULL ORDER BY start_date DESC LIMIT 1");
        stmt.bind(1, child);
        if (!stmt.step()) {
            return std::nullopt;
        }
        return OpenEpisode{stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3)};
    }

    // The open episode, which must have started before the event's day.
    std::optional<OpenEpisode> open_before(const Event& e) {
        if (!known_child(e)) {
            return std::nullopt;
        }
        auto open = open_episode(e.child);
        if (!open) {
            refuse(e, "not_in_care", "child " + e.child + " has no open episode of care");
        } else if (open->start >= e.day) {
            refuse(e, "before_episode",
                   e.kind + " on " + e.day + " is not after the open episode's start (" +
                       open->start + ")");
            open.reset();
        }
        return open;
    }

    void close_episode(const std::string& child, const std::string& start, const std::string& end,
                       const std::string& reason) {
        db_.prepare(
               "UPDATE episodes SET end_date = ?, reason_ceased = ? WHERE child_id = ? AND "
               "start_date = ?")
            .bind(1, end)
            .bind(2, reason)
            .bind(3, child)
            .bind(4, start)
            .run();
    }

    void insert_episode(const Event& e, const std::string& rne, const std::string& cin) {
        db_.prepare(
               "INSERT INTO episodes (child_id, start_date, reason_new_episode, legal_status, "
               "category_of_need, placement) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(1, e.child)
            .bind(2, e.day)
            .bind(3, rne)
            .bind(4, text(e.data, "legal_status"))
            .bind(5, cin)
            .bind(6, text(e.data, "placement"))
            .run();
    }

    bool entered_care(const Event& e) {
        db_.prepare(
               "INSERT INTO children (child_id, sex, date_of_birth) VALUES (?, ?, ?) "
               "ON CONFLICT (child_id) DO UPDATE SET sex = coalesce(nullif(excluded.sex, ''), "
               "sex), date_of_birth = coalesce(excluded.date_of_birth, date_of_birth)")
            .bind(1, e.child)
            .bind(2, text(e.data, "sex"))
            .bind(3, e.data.contains("date_of_birth")
                         ? std::optional<std::string>(text(e.data, "date_of_birth"))
                         : std::nullopt)
            .run();
        if (const auto open = open_episode(e.child)) {
            refuse(e, "already_in_care",
                   "child " + e.child + " is already looked after (episode open since " +
                       open->start + "); send left_care first, or episode_changed");
            return false;
        }
        auto last = db_.prepare("SELECT max(end_date) FROM episodes WHERE child_id = ?");
        last.bind(1, e.child);
        last.step();
        if (const auto end = last.optional_text(0); end && *end > e.day) {
            refuse(e, "before_episode",
                   "entered_care on " + e.day + " is before the last episode ended (" + *end + ")");
            return false;
        }
        insert_episode(e, "S", text(e.data, "category_of_need"));
        return true;
    }

    bool episode_changed(const Event& e) {
        const auto open = open_before(e);
        if (!open) {
            return false;
        }
        close_episode(e.child, open->start, e.day, "X1");
        const std::string cin = e.data.value("category_of_need", open->category_of_need);
        insert_episode(e, text(e.data, "reason_new_episode"), cin);
        // Derived events, so modules subscribed to them hear of changes from every source.
        if (open->legal_status != text(e.data, "legal_status")) {
            queue(e.id + "/legal_status_changed", "legal_status_changed", e,
                  {{"previous", open->legal_status}, {"current", text(e.data, "legal_status")}});
        }
        if (open->placement != text(e.data, "placement")) {
            queue(e.id + "/placement_changed", "placement_changed", e,
                  {{"previous", open->placement}, {"current", text(e.data, "placement")}});
        }
        return true;
    }

    bool left_care(const Event& e) {
        const auto open = open_before(e);
        if (!open) {
            return false;
        }
        close_episode(e.child, open->start, e.day, text(e.data, "reason_ceased"));
        return true;
    }

    bool review_held(const Event& e) {
        if (!known_child(e)) {
            return false;
        }
        const std::string id = "event:" + text(e.data, "review_id");
        auto clash = db_.prepare("SELECT child_id, held_on FROM reviews WHERE review_id = ?");
        clash.bind(1, id);
        if (clash.step()) {
            refuse(e, "conflict",
                   "review_id " + text(e.data, "review_id") + " is already recorded (child " +
                       clash.text(0) + ", held " + clash.optional_text(1).value_or("-") + ")");
            return false;
        }
        // The same review may already be in the store from an extract: complete it instead.
        auto same = db_.prepare(
            "UPDATE reviews SET participation = ?, cancelled = 0 WHERE child_id = ? AND held_on "
            "= ?");
        same.bind(1, text(e.data, "participation")).bind(2, e.child).bind(3, e.day).run();
        if (db_.changes() == 0) {
            db_.prepare(
                   "INSERT INTO reviews (review_id, child_id, held_on, participation) VALUES "
                   "(?, ?, ?, ?)")
                .bind(1, id)
                .bind(2, e.child)
                .bind(3, e.day)
                .bind(4, text(e.data, "participation"))
                .run();
        }
        return true;
    }

    // The decisions or the record of a review held on review_held_on were sent on the event's day.
    // The first day each was sent stands (an earlier day arriving late replaces a later one).
    // `payload` gains the review's id as the store holds it, under kResolved.
    bool review_record_distributed(const Event& e, json& payload) {
        if (!known_child(e)) {
            return false;
        }
        const std::string held = text(e.data, "review_held_on");
        const std::string given = text(e.data, "review_id");
        auto review = db_.prepare(
            "SELECT review_id FROM reviews WHERE child_id = ? AND held_on = ? AND cancelled = 0 "
            "ORDER BY review_id");
        review.bind(1, e.child).bind(2, held);
        std::string review_id;
        std::vector<std::string> ids;
        while (review.step()) {
            ids.push_back(review.text(0));
        }
        for (const auto& id : ids) {
            if (given.empty() || id == given || id == "event:" + given) {
                review_id = id;
                break;
            }
        }
        if (review_id.empty()) {
            refuse(e, "unknown_review",
                   ids.empty() ? "child " + e.child + " has no review held on " + held
                               : "the review held on " + held + " for child " + e.child +
                                     " is not review_id " + given);
            return false;
        }
        if (e.day < held) {
            refuse(e, "before_review",
                   "the " + text(e.data, "document") + " cannot be sent on " + e.day +
                       ", before the review was held (" + held + ")");
            return false;
        }
        db_.prepare(
               "INSERT INTO review_distributions (child_id, held_on, document, sent_on, "
               "event_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (child_id, held_on, document) DO "
               "UPDATE SET sent_on = excluded.sent_on, event_id = excluded.event_id WHERE "
               "excluded.sent_on < sent_on")
            .bind(1, e.child)
            .bind(2, held)
            .bind(3, text(e.data, "document"))
            .bind(4, e.day)
            .bind(5, e.id)
            .run();
        payload[kResolved] = {{"review_id", review_id}};
        return true;
    }

    bool review_date_changed(const Event& e) {
        if (!known_child(e)) {
            return false;
        }
        const std::string change = text(e.data, "change");
        const std::string planned = text(e.data, "planned_on");
        std::optional<std::string> moved_to;
        if (e.data.contains("new_date")) {
            moved_to = text(e.data, "new_date");
            if (change != "rearranged") {
                refuse(e, "new_date", "only a rearranged review has a new_date, not one " + change);
                return false;
            }
            if (*moved_to == planned) {
                refuse(e, "new_date", "new_date " + *moved_to + " is the day already planned");
                return false;
            }
        }
        db_.prepare(
               "INSERT INTO review_date_changes (event_id, child_id, changed_on, change, "
               "planned_on, new_date, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(1, e.id)
            .bind(2, e.child)
            .bind(3, e.day)
            .bind(4, change)
            .bind(5, planned)
            .bind(6, moved_to)
            .bind(7, text(e.data, "reason"))
            .run();
        return true;
    }

    bool allocation_changed(const Event& e) {
        if (!known_child(e)) {
            return false;
        }
        const std::string team = text(e.data, "team_id");
        if (!team.empty()) {
            db_.prepare("INSERT OR IGNORE INTO teams (team_id, name) VALUES (?, ?)")
                .bind(1, team)
                .bind(2, team)
                .run();
        }
        // A worker the SSD has not supplied yet: known by id until the next SSD import names them.
        db_.prepare("INSERT OR IGNORE INTO workers (worker_id) VALUES (?)")
            .bind(1, text(e.data, "worker_id"))
            .run();
        db_.prepare(
               "UPDATE allocations SET end_date = ? WHERE child_id = ? AND role = ? AND end_date "
               "IS NULL AND start_date < ? AND worker_id <> ?")
            .bind(1, e.day)
            .bind(2, e.child)
            .bind(3, text(e.data, "role"))
            .bind(4, e.day)
            .bind(5, text(e.data, "worker_id"))
            .run();
        db_.prepare(
               "INSERT OR IGNORE INTO allocations (child_id, worker_id, role, team_id, "
               "start_date) VALUES (?, ?, ?, ?, ?)")
            .bind(1, e.child)
            .bind(2, text(e.data, "worker_id"))
            .bind(3, text(e.data, "role"))
            .bind(4, team)
            .bind(5, e.day)
            .run();
        return true;
    }

    store::Database& db_;
    std::string received_at_;
    const std::string& name_;
    std::vector<ImportIssue>& issues_;
    std::map<std::string, int> queued_;
};

}  // namespace

IntakeSummary ingest_events(store::Database& db, std::istream& in, const std::string& name,
                            const store::Change& change, Date today) {
    static const EventSchemas kSchemas;
    std::vector<ImportIssue> issues;
    std::vector<Event> events;
    std::string body;
    std::size_t line = 0;
    while (read_bounded_line(in, body)) {
        ++line;
        if (!body.empty() && body.back() == '\r') {
            body.pop_back();
        }
        if (line == 1 && body.rfind("\xEF\xBB\xBF", 0) == 0) {
            body.erase(0, 3);
        }
        if (body.size() <= kMaxEventBytes && body.find_first_not_of(" \t") == std::string::npos) {
            continue;  // a blank line (one cut at the limit is refused as too long)
        }
        if (auto e = parse_line(kSchemas, name, line, body, today, issues)) {
            events.push_back(std::move(*e));
        }
    }
    if (!issues.empty()) {
        throw importers::ImportRejected(issues);
    }

    IntakeSummary summary;
    summary.record.kind = "events";
    store::Savepoint tx(db);  // nestable: an idempotent API write holds the outer unit
    summary.record.import_id = importers::begin_import(db, "events", name, change);
    const importers::WarningSink no_warnings(db, summary.record.import_id, name);
    Applier applier(db, change.at, name, issues);
    auto& counts = summary.record.tables["events"];
    counts.read = static_cast<int>(events.size());
    for (const Event& e : events) {
        const auto outcome = applier.apply(e);
        counts.added += outcome == Applier::Outcome::applied ? 1 : 0;
        summary.replayed += outcome == Applier::Outcome::replayed ? 1 : 0;
    }
    if (!issues.empty()) {
        throw importers::ImportRejected(issues);  // rolls back every event of the batch
    }
    summary.record.events_by_kind = applier.queued();
    importers::finish_import(db, no_warnings, summary.record);
    tx.commit();
    return summary;
}

}  // namespace iro::intake
