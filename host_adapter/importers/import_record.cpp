#include "importers/import_record.hpp"

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
    auto stmt = db_.prepare(
        "INSERT OR IGNORE INTO case_events (event_id, kind, child_id, occurred_on, payload, "
        "source, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    stmt.bind(
        1, source_ + ":" + kind + ":" + child + ":" + day + (detail.empty() ? "" : ":" + detail));
    stmt.bind(2, kind).bind(3, child).bind(4, day).bind(5, payload.dump());
    stmt.bind(6, source_).bind(7, received_at_);
    stmt.run();
    counts_[kind] += db_.changes();
}

int count_rows(store::Database& db, std::string_view sql) {
    auto stmt = db.prepare(sql);
    stmt.step();
    return static_cast<int>(stmt.integer(0));
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

WarningSink::WarningSink(store::Database& db, std::int64_t import_id)
    : insert_(db.prepare(
          "INSERT INTO import_warnings (import_id, file, line, col, rule, child_id, message) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)")),
      import_id_(import_id) {}

void WarningSink::push_back(const ImportIssue& issue) {
    insert_.bind(1, import_id_).bind(2, issue.file);
    insert_.bind(3, static_cast<std::int64_t>(issue.line))
        .bind(4, static_cast<std::int64_t>(issue.column));
    insert_.bind(5, issue.rule).bind(6, issue.child_id).bind(7, issue.message);
    insert_.run();
    insert_.reset();
    ++count_;
    ++by_rule_[issue.rule];
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
                                {"tables", tables_json(summary)},
                                {"warnings_by_rule", summary.warnings_by_rule},
                                {"events_by_kind", summary.events_by_kind}};
    db.prepare("UPDATE imports SET outcome = ?, summary = ? WHERE import_id = ?")
        .bind(1, summary.changed_anything ? "applied" : "unchanged")
        .bind(2, record.dump())
        .bind(3, summary.import_id)
        .run();
    auto first = db.prepare(
        "SELECT file, line, col, rule, child_id, message FROM import_warnings WHERE import_id = "
        "? ORDER BY file, line, col, rowid LIMIT ?");
    first.bind(1, summary.import_id).bind(2, static_cast<std::int64_t>(kShownWarnings));
    summary.warnings.clear();
    while (first.step()) {
        summary.warnings.push_back({first.text(0), static_cast<std::size_t>(first.integer(1)),
                                    static_cast<std::size_t>(first.integer(2)), first.text(3),
                                    first.text(4), first.text(5)});
    }
}

nlohmann::json summary_json(const ImportSummary& summary) {
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& w : summary.warnings) {
        warnings.push_back({{"file", w.file},
                            {"line", w.line},
                            {"column", w.column},
                            {"rule", w.rule},
                            {"child", w.child_id},
                            {"message", w.message}});
    }
    return {{"kind", summary.kind},
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
