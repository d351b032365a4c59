#include "audit/audit_log.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "auth/crypto.hpp"
#include "store/conditions.hpp"

namespace iro::audit {

namespace {

constexpr const char* kColumns =
    "seq, at, actor, role, action, child_id, request_id, outcome, detail, prev_hash, hash "
    "FROM audit_log";

Entry read_entry(const store::Statement& row) {
    Entry e;
    e.seq = row.integer(0);
    e.fields = {row.text(1), row.text(2), row.text(3), row.text(4),
                row.text(5), row.text(6), row.text(7), row.text(8)};
    e.prev_hash = row.text(9);
    e.hash = row.text(10);
    return e;
}

}  // namespace

std::string entry_hash(std::int64_t seq, const NewEntry& f, const std::string& prev_hash) {
    // A JSON array is an unambiguous encoding: no field's text can pass for a separator.
    const nlohmann::json canonical = {"iro-audit-v1", seq,      f.at,       f.actor,
                                      f.role,         f.action, f.child_id, f.request_id,
                                      f.outcome,      f.detail, prev_hash};
    return auth::sha256_hex(canonical.dump());
}

Entry append(store::Database& db, const NewEntry& entry) {
    store::Savepoint sp(db);
    Entry out;
    out.fields = entry;
    out.prev_hash = std::string(kGenesisHash);
    out.seq = 1;
    {
        auto& last = db.cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            out.seq = last.integer(0) + 1;
            out.prev_hash = last.text(1);
        }
        last.reset();
    }
    out.hash = entry_hash(out.seq, entry, out.prev_hash);
    db.cached(
          "INSERT INTO audit_log (seq, at, actor, role, action, child_id, request_id, outcome, "
          "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, out.seq)
        .bind(2, entry.at)
        .bind(3, entry.actor)
        .bind(4, entry.role)
        .bind(5, entry.action)
        .bind(6, entry.child_id)
        .bind(7, entry.request_id)
        .bind(8, entry.outcome)
        .bind(9, entry.detail)
        .bind(10, out.prev_hash)
        .bind(11, out.hash)
        .run();
    sp.commit();
    return out;
}

VerifyReport verify(store::Database& db, const std::optional<std::string>& expected_head) {
    VerifyReport report;
    auto stmt = db.prepare(fmt::format("SELECT {} ORDER BY seq", kColumns));
    std::int64_t expected_seq = 1;
    std::string prev{kGenesisHash};
    while (stmt.step()) {
        const Entry e = read_entry(stmt);
        ++report.entries;
        if (e.seq != expected_seq) {
            report.problems.push_back(fmt::format(
                "entry {}: expected entry {} here: {} entr{} removed", e.seq, expected_seq,
                e.seq - expected_seq, e.seq - expected_seq == 1 ? "y was" : "ies were"));
        }
        if (e.prev_hash != prev) {
            report.problems.push_back(fmt::format(
                "entry {}: does not follow the entry before it (removed, reordered or edited "
                "entries before it)",
                e.seq));
        }
        if (entry_hash(e.seq, e.fields, e.prev_hash) != e.hash) {
            report.problems.push_back(
                fmt::format("entry {}: its content does not match its hash (edited)", e.seq));
        }
        prev = e.hash;
        expected_seq = e.seq + 1;
        report.head_seq = e.seq;
        report.head_hash = e.hash;
    }
    if (expected_head) {
        const auto colon = expected_head->find(':');
        const std::string seq_text = expected_head->substr(0, colon);
        const std::string hash = colon == std::string::npos ? "" : expected_head->substr(colon + 1);
        std::int64_t seq = 0;
        try {
            seq = std::stoll(seq_text);
        } catch (const std::exception&) {
            throw std::invalid_argument("--expect-head '" + *expected_head +
                                        "' is not SEQ:HASH as `audit verify` prints it");
        }
        auto at = db.prepare("SELECT hash FROM audit_log WHERE seq = ?");
        at.bind(1, seq);
        if (!at.step()) {
            report.problems.push_back(fmt::format(
                "the recorded head, entry {}, is missing: entries were removed from the end "
                "(the log now ends at entry {})",
                seq, report.head_seq));
        } else if (at.text(0) != hash) {
            report.problems.push_back(
                fmt::format("entry {} no longer has the recorded head hash", seq));
        }
    }
    return report;
}

std::vector<Entry> search(store::Database& db, const Query& query) {
    store::Conditions where;
    if (!query.child_id.empty()) {
        // Repeats the partial index's own condition, so SQLite knows it may use it.
        where.add("child_id = ? AND child_id <> ''", {query.child_id});
    }
    where.equal_if_set("actor", query.actor);
    if (!query.from.empty()) {
        where.add("at >= ?", {query.from});
    }
    if (!query.to.empty()) {
        // "to" is inclusive of its whole day: after every time of that day, before the next.
        where.add("at < ?", {query.to + "T99"});
    }
    auto stmt =
        db.prepare(fmt::format("SELECT {}{} ORDER BY seq LIMIT ?", kColumns, where.where()));
    stmt.bind(where.bind(stmt), static_cast<std::int64_t>(query.limit));
    std::vector<Entry> out;
    while (stmt.step()) {
        out.push_back(read_entry(stmt));
    }
    return out;
}

}  // namespace iro::audit
