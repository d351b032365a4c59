#include "module_store/case_records_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "oversight_notes/note_store.hpp"
#include "qaf/response_store.hpp"
#include "store/read_ahead.hpp"

namespace iro::store {

namespace {

// Dates are stored as ISO text written by the host, so a parse failure means a damaged file.
plugin::Date required_date(const Statement& stmt, int column) {
    const std::string_view text = stmt.text_view(column);
    if (auto date = plugin::parse_iso_date(text)) {
        return *date;
    }
    throw plugin::HostError("case record holds an invalid date '" + std::string(text) + "'");
}

std::optional<plugin::Date> optional_date(const Statement& stmt, int column) {
    if (stmt.is_null(column)) {
        return std::nullopt;
    }
    return required_date(stmt, column);
}

}  // namespace

std::optional<plugin::Child> CaseRecordsReader::child(std::string_view child_id) const {
    auto stmt = db_.prepare("SELECT child_id, sex, date_of_birth FROM children WHERE child_id = ?");
    stmt.bind(1, child_id);
    if (!stmt.step()) {
        return std::nullopt;
    }
    return plugin::Child{stmt.text(0), stmt.text(1), optional_date(stmt, 2)};
}

std::vector<plugin::Episode> CaseRecordsReader::episodes(std::string_view child_id) const {
    auto stmt = db_.prepare(
        "SELECT child_id, start_date, end_date, reason_new_episode, legal_status, placement, "
        "reason_ceased FROM episodes WHERE child_id = ? ORDER BY start_date");
    stmt.bind(1, child_id);
    std::vector<plugin::Episode> result;
    while (stmt.step()) {
        result.push_back({stmt.text(0), required_date(stmt, 1), optional_date(stmt, 2),
                          stmt.text(3), stmt.text(4), stmt.text(5), stmt.text(6)});
    }
    return result;
}

std::vector<plugin::Review> CaseRecordsReader::reviews(std::string_view child_id) const {
    auto stmt = db_.prepare(
        "SELECT review_id, child_id, held_on, due_on, participation, cancelled FROM reviews "
        "WHERE child_id = ? ORDER BY coalesce(held_on, due_on), review_id");
    stmt.bind(1, child_id);
    std::vector<plugin::Review> result;
    while (stmt.step()) {
        result.push_back({stmt.text(0), stmt.text(1), optional_date(stmt, 2),
                          optional_date(stmt, 3), stmt.text(4), stmt.integer(5) != 0});
    }
    return result;
}

std::optional<plugin::Review> CaseRecordsReader::review(std::string_view review_id) const {
    auto stmt = db_.prepare(
        "SELECT review_id, child_id, held_on, due_on, participation, cancelled FROM reviews "
        "WHERE review_id = ?");
    stmt.bind(1, review_id);
    if (!stmt.step()) {
        // A review recorded from a case event keeps the CMS's id behind "event:".
        stmt.reset();
        if (review_id.substr(0, 6) == "event:") {
            return std::nullopt;
        }
        return review("event:" + std::string(review_id));
    }
    plugin::Review r{stmt.text(0),           stmt.text(1), optional_date(stmt, 2),
                     optional_date(stmt, 3), stmt.text(4), stmt.integer(5) != 0};
    stmt.reset();
    return r;
}

std::vector<plugin::ReviewDistribution> CaseRecordsReader::review_distributions(
    std::string_view child_id) const {
    // Joined on the child and the day held: the review as the store holds it now. Cached: a
    // tick asks once for each child with a review the prompts cover.
    store::CachedUse stmt(
        db_,
        "SELECT r.review_id, d.held_on, max(CASE d.document WHEN 'decisions' THEN d.sent_on END), "
        "max(CASE d.document WHEN 'record' THEN d.sent_on END) FROM review_distributions d JOIN "
        "reviews r ON r.child_id = d.child_id AND r.held_on = d.held_on AND r.cancelled = 0 WHERE "
        "d.child_id = ? GROUP BY r.review_id ORDER BY d.held_on, r.review_id");
    stmt->bind(1, child_id);
    std::vector<plugin::ReviewDistribution> result;
    while (stmt->step()) {
        result.push_back({stmt->text(0), required_date(*stmt, 1), optional_date(*stmt, 2),
                          optional_date(*stmt, 3)});
    }
    return result;
}

std::vector<plugin::Allocation> CaseRecordsReader::allocations(std::string_view child_id) const {
    auto stmt = db_.prepare(
        "SELECT child_id, worker_id, role, team_id, start_date, end_date FROM allocations "
        "WHERE child_id = ? ORDER BY start_date, role");
    stmt.bind(1, child_id);
    std::vector<plugin::Allocation> result;
    while (stmt.step()) {
        result.push_back({stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3),
                          required_date(stmt, 4), optional_date(stmt, 5)});
    }
    return result;
}

namespace {

// One ordered read of a record kind: rows come in child id order, and take() hands over the rows
// of one child at a time.
class ChildStream {
  public:
    ChildStream(Database& db, const std::string& sql, int child_column, bool wanted)
        : child_column_(child_column) {
        if (wanted) {
            stmt_.emplace(db.prepare(sql));
            has_row_ = stmt_->step();
        }
    }

    template <class Read>
    void take(std::string_view child_id, Read&& read) {
        while (has_row_ && stmt_->text_view(child_column_) == child_id) {
            read(*stmt_);
            has_row_ = stmt_->step();
        }
    }

  private:
    std::optional<Statement> stmt_;
    int child_column_;
    bool has_row_ = false;
};

// Reads the case file of every child in care on or after `since`, in child id order, and hands
// each to `take`, which may move from it.
template <class Take>
void read_case_files(Database& db, plugin::Date since, const ScanParts& parts, Take&& take) {
    // The children to visit, once: every stream below walks this table in key order and looks up
    // each child's records in their index. CROSS JOIN fixes that order: left to itself, SQLite
    // reads every review and probes this table for each, then sorts them all in a temporary
    // b-tree.
    db.exec(
        "CREATE TEMP TABLE IF NOT EXISTS scan_children (child_id TEXT PRIMARY KEY) "
        "WITHOUT ROWID");
    db.exec("DELETE FROM temp.scan_children");
    db.prepare(
          "INSERT INTO temp.scan_children SELECT child_id FROM episodes GROUP BY child_id "
          "HAVING max(coalesce(end_date, '9999-12-31')) >= ?")
        .bind(1, plugin::to_iso(since))
        .run();
    auto children = db.prepare(
        "SELECT s.child_id, c.sex, c.date_of_birth FROM temp.scan_children s "
        "CROSS JOIN children c ON c.child_id = s.child_id ORDER BY s.child_id");
    ChildStream episodes(
        db,
        "SELECT s.child_id, e.start_date, e.end_date, e.reason_new_episode, "
        "e.legal_status, e.placement, e.reason_ceased "
        "FROM temp.scan_children s CROSS JOIN episodes e ON e.child_id = s.child_id "
        "ORDER BY s.child_id, e.start_date",
        0, parts.episodes);
    ChildStream reviews(
        db,
        "SELECT s.child_id, r.review_id, r.held_on, r.due_on, r.participation, "
        "r.cancelled FROM temp.scan_children s "
        "CROSS JOIN reviews r ON r.child_id = s.child_id ORDER BY s.child_id, r.held_on",
        0, parts.reviews);
    ChildStream allocations(db,
                            "SELECT s.child_id, a.worker_id, a.role, a.team_id, a.start_date, "
                            "a.end_date FROM temp.scan_children s "
                            "CROSS JOIN allocations a ON a.child_id = s.child_id "
                            "ORDER BY s.child_id, a.start_date, a.role",
                            0, parts.allocations);
    ChildStream notes(db,
                      "SELECT " + std::string(notes::note_columns()) +
                          " FROM notes n WHERE n.child_id IN (SELECT child_id FROM "
                          "temp.scan_children) AND n.version = (SELECT max(version) FROM notes m "
                          "WHERE m.root_id = n.root_id) "
                          "ORDER BY n.child_id, n.occurred_on, n.note_id",
                      5, parts.notes);
    ChildStream responses(db,
                          "SELECT " + std::string(questionnaires::response_columns()) +
                              " FROM questionnaire_responses q WHERE q.child_id IN (SELECT "
                              "child_id FROM temp.scan_children) ORDER BY q.child_id, "
                              "q.response_id",
                          3, parts.responses);
    plugin::CaseFile file;
    while (children.step()) {
        file.child = plugin::Child{children.text(0), children.text(1), optional_date(children, 2)};
        const std::string_view id = file.child.id;
        file.episodes.clear();
        file.reviews.clear();
        file.allocations.clear();
        file.notes.clear();
        file.responses.clear();
        episodes.take(id, [&](const Statement& r) {
            file.episodes.push_back({file.child.id, required_date(r, 1), optional_date(r, 2),
                                     r.text(3), r.text(4), r.text(5), r.text(6)});
        });
        reviews.take(id, [&](const Statement& r) {
            file.reviews.push_back({r.text(1), file.child.id, optional_date(r, 2),
                                    optional_date(r, 3), r.text(4), r.integer(5) != 0});
        });
        allocations.take(id, [&](const Statement& r) {
            file.allocations.push_back({file.child.id, r.text(1), r.text(2), r.text(3),
                                        required_date(r, 4), optional_date(r, 5)});
        });
        notes.take(id, [&](const Statement& r) { file.notes.push_back(notes::read_note(r)); });
        responses.take(id, [&](const Statement& r) {
            file.responses.push_back(questionnaires::read_response(r));
        });
        // The per-child query orders reviews by held day, else due day; the index orders
        // undated ones first, so put them where the single-child read would.
        const auto by_day = [](const plugin::Review& a, const plugin::Review& b) {
            const auto day = [](const plugin::Review& r) {
                return r.held_on ? r.held_on : r.due_on;
            };
            return day(a) < day(b);
        };
        if (!std::is_sorted(file.reviews.begin(), file.reviews.end(), by_day)) {
            std::stable_sort(file.reviews.begin(), file.reviews.end(), by_day);
        }
        take(file);
    }
}

}  // namespace

void CaseRecordsReader::scan(plugin::Date since, const ScanParts& parts,
                             plugin::CaseFileVisitor& visitor) const {
    // Reading every case file is half of a daily tick at national scale, and what the visitor
    // does with them (a module's planning, its prompt writes) the other half: a second,
    // read-only connection reads ahead on another core while the visitor runs here. It reads
    // what this connection would only while this connection has changed nothing; otherwise, or
    // for a store that is not a file, the scan reads here.
    if (!db_.another_connection_reads_the_same() || !std::filesystem::is_regular_file(db_.path())) {
        read_case_files(db_, since, parts, [&](plugin::CaseFile& file) { visitor.visit(file); });
        return;
    }
    constexpr std::size_t kBatch = 256;
    constexpr std::size_t kBatchesAhead = 4;
    ReadAhead<plugin::CaseFile> ahead(
        [path = db_.path(), since, parts](ReadAhead<plugin::CaseFile>::Producer& producer) {
            Database reader = Database::open_reader(path);
            // Each file read is swapped into a slot of a spent batch, so the reader's next file
            // reuses that slot's vectors rather than growing new ones.
            std::vector<plugin::CaseFile> batch = producer.reuse();
            std::size_t filled = 0;
            read_case_files(reader, since, parts, [&](plugin::CaseFile& file) {
                if (filled == batch.size()) {
                    batch.emplace_back();
                }
                std::swap(batch[filled++], file);
                if (filled == kBatch) {
                    producer.push(std::exchange(batch, producer.reuse()));
                    filled = 0;
                }
            });
            if (filled != 0) {
                batch.resize(filled);
                producer.push(std::move(batch));
            }
        },
        kBatchesAhead);
    while (auto batch = ahead.next()) {
        for (const auto& file : *batch) {
            visitor.visit(file);
        }
        ahead.give_back(std::move(*batch));
    }
}

}  // namespace iro::store
