#include "importers/import_record.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "events/case_event_queue.hpp"

namespace iro::importers {

namespace fs = std::filesystem;

ImportEvents::ImportEvents(store::Database& db, std::string source, std::string received_at,
                           bool enabled, std::map<std::string, int>& counts)
    : db_(db),
      source_(std::move(source)),
      received_at_(std::move(received_at)),
      enabled_(enabled),
      counts_(counts) {}

void ImportEvents::push(const std::string& kind, const std::string& child, const std::string& day,
                        const std::string& detail, const nlohmann::json& payload) {
    if (!enabled_) {
        return;
    }
    const bool added = store::enqueue_case_event(
        db_, {source_ + ":" + kind + ":" + child + ":" + day + (detail.empty() ? "" : ":" + detail),
              kind, child, day, payload, source_, received_at_});
    counts_[kind] += added ? 1 : 0;
}

std::int64_t latest_import_id(store::Database& db) {
    auto latest = db.prepare("SELECT coalesce(max(import_id), 0) FROM imports");
    latest.step();
    return latest.integer(0);
}

std::vector<std::int64_t> latest_import_of_each_kind(store::Database& db) {
    auto latest = db.prepare("SELECT max(import_id) FROM imports GROUP BY kind ORDER BY 1");
    std::vector<std::int64_t> ids;
    while (latest.step()) {
        ids.push_back(latest.integer(0));
    }
    return ids;
}

int count_rows(store::Database& db, std::string_view sql) {
    auto stmt = db.prepare(sql);
    stmt.step();
    return static_cast<int>(stmt.integer(0));
}

int delete_rows(store::Database& db, std::string_view from_where) {
    db.exec("DELETE FROM " + std::string(from_where));
    return db.changes();
}

void check_removals(store::Database& db, const PlannedRemovals& planned,
                    const RemovalPolicy& policy, std::vector<ImportIssue>& fatal) {
    if (policy.confirmed) {
        return;
    }
    const int count = count_rows(db, "SELECT count(*) FROM " + planned.rows_table);
    if (count == 0) {
        return;
    }
    const int outside =
        planned.outside_window.empty()
            ? 0
            : count_rows(db, fmt::format("SELECT count(*) FROM {} WHERE {}", planned.rows_table,
                                         planned.outside_window));
    const double share = planned.stored > 0 ? static_cast<double>(count) / planned.stored : 1.0;
    if (outside == 0 && share <= policy.max_share) {
        return;
    }
    std::string examples;
    auto first = db.prepare(fmt::format(
        "SELECT child_id, record_id FROM {} {} ORDER BY child_id, day LIMIT 3", planned.rows_table,
        outside > 0 ? "WHERE " + planned.outside_window : std::string()));
    while (first.step()) {
        examples += fmt::format("{}child {} {} {}", examples.empty() ? "" : "; ", first.text(0),
                                planned.record_type, first.text(1));
    }
    const std::string why =
        outside > 0 ? fmt::format("{} of them lie outside the extract's window", outside)
                    : fmt::format(
                          "that is {:.1f}% of the {} stored, more than the {:.0f}% an import may "
                          "remove unconfirmed",
                          share * 100.0, planned.stored, policy.max_share * 100.0);
    fatal.push_back(
        {planned.file, 0, 0, "removals", "",
         fmt::format("the extract lacks {} {} the store holds ({}), so applying it would remove "
                     "them: {}. A cut or partial file looks like this; if the council really "
                     "removed them, import again with --allow-removals",
                     count, planned.table, examples, why)});
}

int announce_removals(store::Database& db, const PlannedRemovals& planned, ImportEvents& events,
                      const std::string& source) {
    auto rows = db.prepare("SELECT child_id, day, record_id FROM " + planned.rows_table +
                           " ORDER BY child_id, day");
    int count = 0;
    while (rows.step()) {
        ++count;
        events.push("record_removed", rows.text(0), rows.text(1),
                    planned.record_type + ":" + rows.text(2) + ":" + source,
                    {{"record_type", planned.record_type},
                     {"record_id", rows.text(2)},
                     {"source", source}});
    }
    return count;
}

namespace {

nlohmann::json tables_json(const ImportSummary& summary) {
    nlohmann::json tables = nlohmann::json::object();
    for (const auto& [name, c] : summary.tables) {
        tables[name] = {
            {"read", c.read}, {"added", c.added}, {"changed", c.changed}, {"removed", c.removed}};
    }
    return tables;
}

}  // namespace

namespace {

// import_warnings.warning_id is import_id * kWarningsPerImport + the warning's number (see the
// schema's migration 3).
constexpr std::int64_t kWarningsPerImport = std::int64_t{1} << 32;

// The same normal form begin_import stores the source in.
fs::path normal_absolute(const fs::path& path) {
    return fs::absolute(path).lexically_normal();
}

}  // namespace

WarningSink::WarningSink(store::Database& db, std::int64_t import_id, const fs::path& source)
    : insert_(db.prepare(
          "INSERT INTO import_warnings (warning_id, import_id, file, line, col, rule, child_id, "
          "message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")),
      import_id_(import_id),
      source_(normal_absolute(source)) {}

void WarningSink::push_back(const ImportIssue& issue) {
    if (issue.file != last_file_ || count_ == 0) {
        last_file_ = issue.file;
        const fs::path file = normal_absolute(issue.file);
        const fs::path relative = file.lexically_relative(source_);
        const bool inside = !relative.empty() && *relative.begin() != "..";
        stored_file_ = inside ? relative.string() : file.string();
        whole_file_ = (source_ / stored_file_).string();
    }
    ++count_;
    insert_.bind(1, import_id_ * kWarningsPerImport + count_).bind(2, import_id_);
    insert_.bind_static(3, stored_file_);
    insert_.bind(4, static_cast<std::int64_t>(issue.line))
        .bind(5, static_cast<std::int64_t>(issue.column));
    insert_.bind_static(6, issue.rule).bind_static(7, issue.child_id);
    insert_.bind_static(8, issue.message);
    insert_.run();
    insert_.reset();
    ++by_rule_[issue.rule];
    keep(issue);
}

bool WarningSink::by_place(const Kept& a, const Kept& b) {
    return std::tie(a.stored_file, a.issue.line, a.issue.column, a.seq) <
           std::tie(b.stored_file, b.issue.line, b.issue.column, b.seq);
}

void WarningSink::keep(const ImportIssue& issue) {
    Kept kept{stored_file_, count_, {}};
    kept.issue.line = issue.line;
    kept.issue.column = issue.column;
    if (first_.size() == kShownWarnings) {
        if (!by_place(kept, first_.front())) {
            return;  // most warnings stop here, before anything is copied
        }
        std::pop_heap(first_.begin(), first_.end(), by_place);
        first_.pop_back();
    }
    kept.issue = issue;
    kept.issue.file = whole_file_;
    first_.push_back(std::move(kept));
    std::push_heap(first_.begin(), first_.end(), by_place);
}

std::vector<ImportIssue> WarningSink::first() const {
    auto sorted = first_;
    std::sort_heap(sorted.begin(), sorted.end(), by_place);
    std::vector<ImportIssue> out;
    out.reserve(sorted.size());
    for (auto& k : sorted) {
        out.push_back(std::move(k.issue));
    }
    return out;
}

std::vector<ImportIssue> stored_warnings(store::Database& db, std::int64_t import_id,
                                         const WarningQuery& query) {
    auto stmt = db.prepare(
        "SELECT i.source, w.file, w.line, w.col, w.rule, w.child_id, w.message "
        "FROM import_warnings w JOIN imports i USING (import_id) "
        "WHERE w.warning_id BETWEEN ?1 AND ?2 AND (?3 = '' OR w.rule = ?3) "
        "AND (?4 = '' OR w.child_id = ?4) ORDER BY w.file, w.line, w.col, w.warning_id LIMIT ?5");
    stmt.bind(1, import_id * kWarningsPerImport).bind(2, (import_id + 1) * kWarningsPerImport - 1);
    stmt.bind(3, query.rule).bind(4, query.child_id);
    stmt.bind(5, static_cast<std::int64_t>(query.limit));
    std::vector<ImportIssue> out;
    while (stmt.step()) {
        out.push_back({(fs::path(stmt.text(0)) / stmt.text(1)).string(),
                       static_cast<std::size_t>(stmt.integer(2)),
                       static_cast<std::size_t>(stmt.integer(3)), stmt.text(4), stmt.text(5),
                       stmt.text(6)});
    }
    return out;
}

std::int64_t begin_import(store::Database& db, const std::string& kind, const fs::path& source,
                          const store::Change& change) {
    db.prepare(
          "INSERT INTO imports (kind, source, actor, started_at, outcome, summary) VALUES "
          "(?, ?, ?, ?, 'unchanged', '{}')")
        .bind(1, kind)
        .bind(2, fs::absolute(source).lexically_normal().string())
        .bind(3, change.actor)
        .bind(4, change.at)
        .run();
    return db.last_insert_rowid();
}

void finish_import(store::Database& db, const WarningSink& warnings, ImportSummary& summary) {
    for (const auto& [name, counts] : summary.tables) {
        summary.changed_anything |= counts.added + counts.changed + counts.removed > 0;
    }
    summary.warning_count = warnings.count();
    summary.warnings_by_rule = warnings.by_rule();
    const nlohmann::json record{{"baseline", summary.baseline},
                                {"scope", summary.scope},
                                {"tables", tables_json(summary)},
                                {"warnings_by_rule", summary.warnings_by_rule},
                                {"events_by_kind", summary.events_by_kind}};
    db.prepare("UPDATE imports SET outcome = ?, summary = ? WHERE import_id = ?")
        .bind(1, summary.changed_anything ? "applied" : "unchanged")
        .bind(2, record.dump())
        .bind(3, summary.import_id)
        .run();
    summary.warnings = warnings.first();
}

nlohmann::json issue_json(const ImportIssue& issue) {
    return {{"file", issue.file}, {"line", issue.line},      {"column", issue.column},
            {"rule", issue.rule}, {"child", issue.child_id}, {"message", issue.message}};
}

nlohmann::json summary_json(const ImportSummary& summary) {
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& w : summary.warnings) {
        warnings.push_back(issue_json(w));
    }
    return {{"kind", summary.kind},
            {"scope", summary.scope},
            {"import_id", summary.import_id},
            {"baseline", summary.baseline},
            {"changed", summary.changed_anything},
            {"tables", tables_json(summary)},
            {"warning_count", summary.warning_count},
            {"warnings_by_rule", summary.warnings_by_rule},
            {"events_by_kind", summary.events_by_kind},
            {"warnings", warnings}};
}

}  // namespace iro::importers
