#include "audit/audit_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "crypto/crypto.hpp"
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

std::string entry_hash(std::int64_t seq, const NewEntry& f, const std::string& prev_hash,
                       const ChainKey* key) {
    const bool keyed = key != nullptr && seq >= key->keyed_from;
    // A JSON array is an unambiguous encoding: no field's text can pass for a separator.
    const nlohmann::json canonical = {keyed ? "iro-audit-v2" : "iro-audit-v1",
                                      seq,
                                      f.at,
                                      f.actor,
                                      f.role,
                                      f.action,
                                      f.child_id,
                                      f.request_id,
                                      f.outcome,
                                      f.detail,
                                      prev_hash};
    return keyed ? auth::to_hex(auth::hmac_sha256(key->secret, canonical.dump()))
                 : auth::sha256_hex(canonical.dump());
}

Entry append(store::Database& db, const NewEntry& entry) {
    store::Savepoint sp(db);  // the key's first entry is fixed with the write lock held
    const auto key = load_or_create_chain_key(db.path().parent_path(), db);
    auto out = append(db, key, entry);
    sp.commit();
    return out;
}

std::pair<std::int64_t, std::string> head(store::Database& db) {
    store::CachedUse last(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (last->step()) {
        return {last->integer(0), last->text(1)};
    }
    return {0, std::string(kGenesisHash)};
}

std::vector<std::string> parse_anchors(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = text.substr(start, end - start);
        start = end + 1;
        if (const auto at = line.find("head="); at != std::string::npos) {
            line = line.substr(at + 5);
        }
        const auto stop = line.find_first_of(" \t\r");
        line = line.substr(0, stop);
        const auto colon = line.find(':');
        if (colon != std::string::npos && colon > 0 &&
            line.find_first_not_of("0123456789") == colon && line.size() == colon + 65) {
            out.push_back(line);
        }
    }
    return out;
}

Entry append(store::Database& db, const ChainKey& key, const NewEntry& entry) {
    store::Savepoint sp(db);
    Entry out;
    out.fields = entry;
    auto [last_seq, last_hash] = head(db);
    out.seq = last_seq + 1;
    out.prev_hash = std::move(last_hash);
    out.hash = entry_hash(out.seq, entry, out.prev_hash, &key);
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

VerifyReport verify(store::Database& db, const std::optional<ChainKey>& key,
                    const std::vector<std::string>& anchors) {
    VerifyReport report;
    auto stmt = db.prepare(fmt::format("SELECT {} ORDER BY seq", kColumns));
    std::int64_t expected_seq = 1;
    std::string prev{kGenesisHash};
    const ChainKey* k = key ? &*key : nullptr;
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
        if (entry_hash(e.seq, e.fields, e.prev_hash, k) != e.hash) {
            report.problems.push_back(
                fmt::format("entry {}: its hash does not match its content ({})", e.seq,
                            k == nullptr ? "edited or forged, or written with the chain key, "
                                           "audit-chain.key, which was not found"
                                         : "edited or forged, or the chain recomputed without "
                                           "its key"));
        }
        if (!report.problems.empty() && report.first_broken == 0) {
            report.first_broken = e.seq;
        }
        prev = e.hash;
        expected_seq = e.seq + 1;
        report.head_seq = e.seq;
        report.head_hash = e.hash;
    }
    for (const auto& anchor : anchors) {
        const auto colon = anchor.find(':');
        const std::string hash = colon == std::string::npos ? "" : anchor.substr(colon + 1);
        std::int64_t seq = 0;
        try {
            seq = std::stoll(anchor.substr(0, colon));
        } catch (const std::exception&) {
            throw std::invalid_argument("the anchor '" + anchor +
                                        "' is not SEQ:HASH as `audit verify` prints it");
        }
        auto at = db.prepare("SELECT hash FROM audit_log WHERE seq = ?");
        at.bind(1, seq);
        const auto found = at.step() ? std::optional(at.text(0)) : std::nullopt;
        if (found == hash) {
            continue;
        }
        if (!found) {
            report.problems.push_back(fmt::format(
                "the recorded head, entry {}, is missing: entries were removed from the end "
                "(the log now ends at entry {})",
                seq, report.head_seq));
        } else {
            report.problems.push_back(fmt::format(
                "entry {}: no longer has the hash recorded for it (the chain was rewritten)", seq));
        }
        // Removed from the end: the first missing entry; rewritten: at the latest, this one.
        const auto broken = std::min(seq, report.head_seq + 1);
        if (report.first_broken == 0 || broken < report.first_broken) {
            report.first_broken = broken;
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
