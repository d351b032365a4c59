#include "importers/import_record.hpp"

#include <algorithm>
#include <tuple>

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

void record_import(store::Database& db, const fs::path& dir, const store::Change& change,
                   ImportSummary& summary) {
    for (const auto& [name, counts] : summary.tables) {
        summary.changed_anything |= counts.added + counts.changed + counts.removed > 0;
    }
    std::stable_sort(summary.warnings.begin(), summary.warnings.end(),
                     [](const ImportIssue& a, const ImportIssue& b) {
                         return std::tie(a.file, a.line, a.column) <
                                std::tie(b.file, b.line, b.column);
                     });
    summary.warnings_by_rule.clear();
    for (const auto& w : summary.warnings) {
        ++summary.warnings_by_rule[w.rule];
    }
    const nlohmann::json record{{"baseline", summary.baseline},
                                {"tables", tables_json(summary)},
                                {"warnings_by_rule", summary.warnings_by_rule},
                                {"events_by_kind", summary.events_by_kind}};
    db.prepare(
          "INSERT INTO imports (kind, source, actor, started_at, outcome, summary) VALUES "
          "(?, ?, ?, ?, ?, ?)")
        .bind(1, summary.kind)
        .bind(2, fs::absolute(dir).lexically_normal().string())
        .bind(3, change.actor)
        .bind(4, change.at)
        .bind(5, summary.changed_anything ? "applied" : "unchanged")
        .bind(6, record.dump())
        .run();
    summary.import_id = db.last_insert_rowid();
    auto insert_warning = db.prepare(
        "INSERT INTO import_warnings (import_id, file, line, col, rule, child_id, message) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& w : summary.warnings) {
        insert_warning.bind(1, summary.import_id).bind(2, w.file);
        insert_warning.bind(3, static_cast<std::int64_t>(w.line))
            .bind(4, static_cast<std::int64_t>(w.column));
        insert_warning.bind(5, w.rule).bind(6, w.child_id).bind(7, w.message);
        insert_warning.run();
        insert_warning.reset();
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
            {"warnings_by_rule", summary.warnings_by_rule},
            {"events_by_kind", summary.events_by_kind},
            {"warnings", warnings}};
}

}  // namespace iro::importers
