#include "importers/ssda903_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <tuple>

#include "importers/csv_reader.hpp"
#include "importers/extract_files.hpp"
#include "importers/ssda903_codes.hpp"

namespace iro::importers {

namespace fs = std::filesystem;
using plugin::Date;
using plugin::to_iso;

namespace {

// ---- files and columns ------------------------------------------------------------------------

const std::vector<FileSpec>& file_specs() {
    static const std::vector<FileSpec> kSpecs{
        {"header",
         {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"},
         {},
         true,
         "INSERT OR IGNORE INTO s_children VALUES (?, ?, ?, ?, ?, ?, ?)"},
        {"episodes",
         {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
          "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"},
         {},
         true,
         "INSERT OR IGNORE INTO s_episodes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {"reviews",
         {"CHILD", "DOB", "REVIEW", "REVIEW_CODE"},
         {},
         true,
         "INSERT OR IGNORE INTO s_reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {"uasc",
         {"CHILD", "SEX", "DOB", "DUC"},
         {},
         false,
         "INSERT OR IGNORE INTO s_uasc VALUES (?, ?, ?)"},
        {"missing",
         {"CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"},
         {},
         false,
         "INSERT OR IGNORE INTO s_missing VALUES (?, ?, ?, ?, ?)"},
    };
    return kSpecs;
}

// ---- staging ----------------------------------------------------------------------------------

constexpr std::string_view kStaging = R"sql(
CREATE TEMP TABLE s_children (child_id TEXT PRIMARY KEY, sex TEXT, date_of_birth TEXT,
    ethnicity TEXT, upn TEXT, line INTEGER, dob_col INTEGER) WITHOUT ROWID;
CREATE TEMP TABLE s_episodes (child_id TEXT, start_date TEXT, end_date TEXT, rne TEXT, ls TEXT,
    cin TEXT, place TEXT, provider TEXT, rec TEXT, rpc TEXT, home_post TEXT, pl_post TEXT,
    urn TEXT, line INTEGER, PRIMARY KEY (child_id, start_date)) WITHOUT ROWID;
CREATE TEMP TABLE s_reviews (review_id TEXT PRIMARY KEY, child_id TEXT, held_on TEXT, dob TEXT,
    participation TEXT, line INTEGER, review_col INTEGER, code_col INTEGER, dob_col INTEGER)
    WITHOUT ROWID;
CREATE TEMP TABLE s_uasc (child_id TEXT PRIMARY KEY, ceased TEXT, line INTEGER);
CREATE TEMP TABLE s_missing (child_id TEXT, type TEXT, start_date TEXT, end_date TEXT,
    line INTEGER, PRIMARY KEY (child_id, start_date));
)sql";

constexpr std::string_view kDropStaging =
    "DROP TABLE IF EXISTS temp.s_children; DROP TABLE IF EXISTS temp.s_episodes; "
    "DROP TABLE IF EXISTS temp.s_reviews; DROP TABLE IF EXISTS temp.s_uasc; "
    "DROP TABLE IF EXISTS temp.s_missing;";

class Stager final : public RowStager {
  public:
    Stager(store::Database& db, Date today, WarningSink& warnings, std::vector<ImportIssue>& fatal)
        : RowStager(db, warnings, fatal), today_(today) {}

  private:
    void stage_row(const std::string& file, const Row& row) override {
        if (file == "header") {
            header(row);
        } else if (file == "episodes") {
            episode(row);
        } else if (file == "reviews") {
            review(row);
        } else if (file == "uasc") {
            uasc(row);
        } else {
            missing(row);
        }
    }

    // A code that must come from `valid`; blank allowed when `optional`.
    void check_code(const Row& row, const std::string& column, const std::string& child,
                    bool (*valid)(std::string_view), bool optional) {
        const std::string value = row.get(column);
        if (value.empty() ? !optional : !valid(value)) {
            warn(row.issue(column, "code", child,
                           value.empty() ? column + " is blank"
                                         : "unknown " + column + " code '" + value + "'"));
        }
    }

    std::optional<Date> date(const Row& row, const std::string& column, const std::string& child,
                             const std::string& rule, bool optional) {
        const std::string value = row.get(column);
        if (value.empty()) {
            if (!optional) {
                warn(row.issue(column, rule, child, column + " is blank"));
            }
            return std::nullopt;
        }
        auto parsed = ssda903::parse_date(value);
        if (!parsed) {
            warn(row.issue(column, rule, child,
                           column + " '" + value + "' is not a date in dd/mm/yyyy"));
        }
        return parsed;
    }

    bool child_present(const Row& row, std::string& child) {
        child = row.get("CHILD");
        if (child.empty()) {
            warn(row.issue("CHILD", "child", "", "CHILD is blank; row ignored"));
            return false;
        }
        return true;
    }

    void header(const Row& row) {
        std::string child;
        if (!child_present(row, child)) {
            return;
        }
        check_code(row, "SEX", child, ssda903::is_sex, false);
        const auto dob = date(row, "DOB", child, "date", false);
        if (dob && *dob > today_) {
            warn(row.issue("DOB", "date", child, "DOB " + to_iso(*dob) + " is in the future"));
        }
        auto& stmt = statement();
        stmt.bind(1, child).bind(2, row.get("SEX")).bind(3, iso_or_null(dob));
        stmt.bind(4, row.get("ETHNIC")).bind(5, row.get("UPN"));
        stmt.bind(6, static_cast<std::int64_t>(row.line()));
        stmt.bind(7, row.column("DOB"));
        if (!insert()) {
            warn(row.issue("CHILD", "duplicate", child,
                           "child " + child + " appears twice in Header; this row is ignored"));
        }
    }

    void episode(const Row& row) {
        std::string child;
        if (!child_present(row, child)) {
            return;
        }
        const auto start = date(row, "DECOM", child, "date", false);
        if (!start) {
            warn(row.issue("DECOM", "date", child, "episode without a start date ignored"));
            return;
        }
        auto end = date(row, "DEC", child, "date", true);
        if (end && *end < *start) {
            warn(row.issue("DEC", "end_before_start", child,
                           "episode ends (" + to_iso(*end) + ") before it starts (" +
                               to_iso(*start) + "); end date ignored"));
            end.reset();
        }
        check_code(row, "RNE", child, ssda903::is_reason_new_episode, false);
        check_code(row, "LS", child, ssda903::is_legal_status, false);
        check_code(row, "CIN", child, ssda903::is_category_of_need, false);
        check_code(row, "PLACE", child, ssda903::is_placement, false);
        check_code(row, "PLACE_PROVIDER", child, ssda903::is_placement_provider, true);
        check_code(row, "REC", child, ssda903::is_reason_ceased, !end.has_value());
        auto& stmt = statement();
        stmt.bind(1, child).bind(2, to_iso(*start)).bind(3, iso_or_null(end));
        int i = 4;
        for (const char* column : {"RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "REC",
                                   "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"}) {
            stmt.bind(i++, row.get(column));
        }
        stmt.bind(14, static_cast<std::int64_t>(row.line()));
        if (!insert()) {
            warn(row.issue("DECOM", "duplicate", child,
                           "second episode for child " + child + " starting " + to_iso(*start) +
                               "; this row is ignored"));
        }
    }

    void review(const Row& row) {
        std::string child;
        if (!child_present(row, child)) {
            return;
        }
        const std::string held_text = row.get("REVIEW");
        const auto held = ssda903::parse_date(held_text);
        const std::string code = row.get("REVIEW_CODE");
        if (!held) {
            warn(row.issue("REVIEW", "166", child,
                           held_text.empty()
                               ? "review date is blank; review ignored"
                               : "review date '" + held_text +
                                     "' is not a date in dd/mm/yyyy; review ignored"));
            return;
        }
        if (!ssda903::is_participation(code)) {
            warn(row.issue("REVIEW_CODE", "167", child,
                           code.empty() ? "participation code is blank"
                                        : "participation code '" + code + "' is not PN0-PN7"));
        }
        if (*held > today_) {
            warn(row.issue("REVIEW", "review_in_future", child,
                           "review dated " + to_iso(*held) + ", after today"));
        }
        const auto dob = ssda903::parse_date(row.get("DOB"));
        auto& stmt = statement();
        stmt.bind(1, "903:" + child + ":" + to_iso(*held)).bind(2, child).bind(3, to_iso(*held));
        stmt.bind(4, iso_or_null(dob)).bind(5, ssda903::is_participation(code) ? code : "");
        stmt.bind(6, static_cast<std::int64_t>(row.line()));
        stmt.bind(7, row.column("REVIEW"));
        stmt.bind(8, row.column("REVIEW_CODE"));
        stmt.bind(9, row.column("DOB"));
        if (!insert()) {
            warn(row.issue("REVIEW", "duplicate", child,
                           "second review for child " + child + " on " + to_iso(*held) +
                               "; this row is ignored"));
        }
    }

    void uasc(const Row& row) {
        std::string child;
        if (!child_present(row, child)) {
            return;
        }
        const auto ceased = date(row, "DUC", child, "date", true);
        statement()
            .bind(1, child)
            .bind(2, iso_or_null(ceased))
            .bind(3, static_cast<std::int64_t>(row.line()));
        insert();
    }

    void missing(const Row& row) {
        std::string child;
        if (!child_present(row, child)) {
            return;
        }
        const std::string type = row.get("MISSING");
        if (type != "M" && type != "A") {
            warn(row.issue("MISSING", "code", child, "MISSING must be M or A, not '" + type + "'"));
        }
        const auto start = date(row, "MIS_START", child, "date", false);
        if (!start) {
            return;
        }
        auto end = date(row, "MIS_END", child, "date", true);
        if (end && *end < *start) {
            warn(row.issue("MIS_END", "end_before_start", child,
                           "missing episode ends before it starts; end date ignored"));
            end.reset();
        }
        statement().bind(1, child).bind(2, type).bind(3, to_iso(*start)).bind(4, iso_or_null(end));
        statement().bind(5, static_cast<std::int64_t>(row.line()));
        insert();
    }

    Date today_;
};

// ---- checks across files ----------------------------------------------------------------------

struct StagedEpisode {
    std::string start;
    std::optional<std::string> end;
    std::string legal_status;
};

// 440 / 441 (PN0 means "under 4 at the review") and 399 (no reg. 33 reviews for short breaks),
// and reviews outside every episode: one pass over the reviews and episodes, both in child order,
// rather than a lookup per review.
void review_checks(store::Database& db, const std::string& reviews, WarningSink& warnings) {
    auto review = db.prepare(
        "SELECT r.child_id, r.line, r.review_col, r.code_col, r.held_on, r.participation, "
        "c.date_of_birth FROM s_reviews r JOIN s_children c USING (child_id) "
        "ORDER BY r.child_id, r.held_on");
    auto episode = db.prepare(
        "SELECT child_id, start_date, end_date, ls FROM s_episodes ORDER BY child_id, "
        "start_date");
    bool more_episodes = episode.step();
    std::string child;
    std::vector<StagedEpisode> episodes;  // of `child`
    while (review.step()) {
        if (review.text(0) != child) {
            child = review.text(0);
            episodes.clear();
            while (more_episodes && episode.text(0) < child) {
                more_episodes = episode.step();
            }
            while (more_episodes && episode.text(0) == child) {
                episodes.push_back({episode.text(1), episode.optional_text(2), episode.text(3)});
                more_episodes = episode.step();
            }
        }
        const auto line = static_cast<std::size_t>(review.integer(1));
        const auto review_col = static_cast<std::size_t>(review.integer(2));
        const auto code_col = static_cast<std::size_t>(review.integer(3));
        const std::string held = review.text(4);
        const std::string code = review.text(5);

        if (const auto dob = review.optional_text(6); dob && !code.empty()) {
            const int years =
                ssda903::age_on(*plugin::parse_iso_date(*dob), *plugin::parse_iso_date(held));
            if (code == "PN0" && years >= 4) {
                warnings.push_back({reviews, line, code_col, "440", child,
                                    fmt::format("PN0 (under 4) but the child was {} at the "
                                                "review on {}",
                                                years, held)});
            } else if (code != "PN0" && years < 4) {
                warnings.push_back({reviews, line, code_col, "441", child,
                                    fmt::format("{} but the child was under 4 ({}) at the review "
                                                "on {}; expected PN0",
                                                code, years, held)});
            }
        }

        const StagedEpisode* covering = nullptr;
        std::size_t short_breaks = 0;
        for (const auto& e : episodes) {
            short_breaks += ssda903::is_short_break(e.legal_status) ? 1U : 0U;
            if (e.start <= held && (!e.end || *e.end >= held)) {
                covering = &e;
            }
        }
        if ((covering && ssda903::is_short_break(covering->legal_status)) ||
            (!episodes.empty() && short_breaks == episodes.size())) {
            warnings.push_back({reviews, line, review_col, "399", child,
                                "review on " + held +
                                    " for a child in short-break care (V3/V4), which is not "
                                    "reviewed under reg. 33"});
        } else if (!covering) {
            warnings.push_back(
                {reviews, line, review_col, "review_outside_care", child,
                 "review on " + held + " falls outside every episode of care in the extract"});
        }
    }
}

void cross_checks(store::Database& db, const std::map<std::string, fs::path>& files,
                  WarningSink& warnings) {
    const std::string reviews = files.at("reviews").string();
    const std::string episodes = files.at("episodes").string();

    auto int08 = db.prepare(
        "SELECT r.child_id, r.line FROM s_reviews r LEFT JOIN s_children c USING (child_id) "
        "WHERE c.child_id IS NULL ORDER BY r.line");
    while (int08.step()) {
        warnings.push_back(
            {reviews, static_cast<std::size_t>(int08.integer(1)), 1, "INT08", int08.text(0),
             "child " + int08.text(0) + " has reviews but is not in Header; review ignored"});
    }
    db.exec("DELETE FROM s_reviews WHERE child_id NOT IN (SELECT child_id FROM s_children)");

    auto orphan_episodes = db.prepare(
        "SELECT e.child_id, e.line FROM s_episodes e LEFT JOIN s_children c USING (child_id) "
        "WHERE c.child_id IS NULL ORDER BY e.line");
    while (orphan_episodes.step()) {
        warnings.push_back({episodes, static_cast<std::size_t>(orphan_episodes.integer(1)), 1,
                            "INT08", orphan_episodes.text(0),
                            "child " + orphan_episodes.text(0) +
                                " has episodes but is not in Header; episode ignored"});
    }
    db.exec("DELETE FROM s_episodes WHERE child_id NOT IN (SELECT child_id FROM s_children)");
    for (const char* table : {"s_uasc", "s_missing"}) {
        db.exec(std::string("DELETE FROM ") + table +
                " WHERE child_id NOT IN (SELECT child_id FROM s_children)");
    }

    auto int17 = db.prepare(
        "SELECT r.child_id, r.line, r.dob_col, r.dob, c.date_of_birth FROM s_reviews r "
        "JOIN s_children c USING (child_id) WHERE r.dob IS NOT c.date_of_birth ORDER BY r.line");
    while (int17.step()) {
        warnings.push_back({reviews, static_cast<std::size_t>(int17.integer(1)),
                            static_cast<std::size_t>(int17.integer(2)), "INT17", int17.text(0),
                            "DOB " + int17.optional_text(3).value_or("(blank)") +
                                " differs from Header's " +
                                int17.optional_text(4).value_or("(blank)")});
    }

    review_checks(db, reviews, warnings);

    // Episodes of one child must not overlap.
    auto overlap = db.prepare(
        "SELECT child_id, line, start_date, "
        "  LAG(end_date) OVER w, LAG(start_date) OVER w, LAG(line) OVER w "
        "FROM s_episodes WINDOW w AS (PARTITION BY child_id ORDER BY start_date) ORDER BY line");
    while (overlap.step()) {
        if (overlap.is_null(4)) {
            continue;  // first episode of the child
        }
        const auto previous_end = overlap.optional_text(3);
        if (!previous_end || *previous_end > overlap.text(2)) {
            warnings.push_back(
                {episodes, static_cast<std::size_t>(overlap.integer(1)), 2, "overlap",
                 overlap.text(0),
                 "episode starting " + overlap.text(2) + " overlaps the episode on line " +
                     std::to_string(overlap.integer(5)) + " (started " + overlap.text(4) + ", " +
                     (previous_end ? "ended " + *previous_end : std::string("still open")) + ")"});
        }
    }
}

// ---- applying the difference ------------------------------------------------------------------

void apply_children(store::Database& db, TableCounts& counts) {
    counts.added = count_rows(
        db,
        "SELECT count(*) FROM s_children WHERE child_id NOT IN (SELECT child_id FROM children)");
    counts.changed = count_rows(
        db,
        "SELECT count(*) FROM s_children s JOIN children c USING (child_id) WHERE "
        "s.sex IS NOT c.sex OR s.date_of_birth IS NOT c.date_of_birth OR s.ethnicity IS NOT "
        "c.ethnicity OR s.upn IS NOT c.upn");
    db.exec(
        "INSERT INTO children (child_id, sex, date_of_birth, ethnicity, upn) "
        "SELECT child_id, sex, date_of_birth, ethnicity, upn FROM s_children WHERE true "
        "ON CONFLICT (child_id) DO UPDATE SET sex = excluded.sex, date_of_birth = "
        "excluded.date_of_birth, ethnicity = excluded.ethnicity, upn = excluded.upn");
}

// The baseline goes into an empty store (children, and so their episodes and reviews, are
// absent), so every staged row is new and there is no difference to work out.
void apply_episodes(store::Database& db, ImportEvents& events, TableCounts& counts, bool baseline) {
    if (baseline) {
        counts.added = count_rows(db, "SELECT count(*) FROM s_episodes");
        db.exec(
            "INSERT INTO episodes SELECT child_id, start_date, end_date, rne, ls, cin, place, "
            "provider, rec, rpc, home_post, pl_post, urn FROM s_episodes");
        return;
    }
    // New and changed episodes of the children in the extract, with what they replace.
    auto diff = db.prepare(
        "SELECT s.child_id, s.start_date, s.end_date, s.rne, s.ls, s.place, s.rec, "
        "  e.start_date IS NULL AS is_new, e.end_date, "
        "  (SELECT p.ls FROM s_episodes p WHERE p.child_id = s.child_id AND p.start_date < "
        "     s.start_date ORDER BY p.start_date DESC LIMIT 1), "
        "  (SELECT p.place FROM s_episodes p WHERE p.child_id = s.child_id AND p.start_date < "
        "     s.start_date ORDER BY p.start_date DESC LIMIT 1) "
        "FROM s_episodes s LEFT JOIN episodes e ON e.child_id = s.child_id AND e.start_date = "
        "s.start_date WHERE e.start_date IS NULL OR s.end_date IS NOT e.end_date OR s.rne IS NOT "
        "e.reason_new_episode OR s.ls IS NOT e.legal_status OR s.cin IS NOT e.category_of_need OR "
        "s.place IS NOT e.placement OR s.provider IS NOT e.placement_provider OR s.rec IS NOT "
        "e.reason_ceased OR s.rpc IS NOT e.reason_place_change OR s.home_post IS NOT "
        "e.home_postcode OR s.pl_post IS NOT e.placement_postcode OR s.urn IS NOT e.urn "
        "ORDER BY s.child_id, s.start_date");
    while (diff.step()) {
        const std::string child = diff.text(0);
        const std::string start = diff.text(1);
        const auto end = diff.optional_text(2);
        const std::string rne = diff.text(3);
        const std::string ls = diff.text(4);
        const std::string place = diff.text(5);
        const bool is_new = diff.integer(7) != 0;
        if (is_new) {
            ++counts.added;
            const auto previous_ls = diff.optional_text(9);
            const auto previous_place = diff.optional_text(10);
            if (rne == "S" || !previous_ls) {
                events.push("entered_care", child, start, "",
                            {{"legal_status", ls}, {"placement", place}});
            } else {
                events.push(
                    "episode_changed", child, start, "",
                    {{"reason_new_episode", rne}, {"legal_status", ls}, {"placement", place}});
                if (*previous_ls != ls) {
                    events.push("legal_status_changed", child, start, "",
                                {{"previous", *previous_ls}, {"current", ls}});
                }
                if (previous_place && *previous_place != place) {
                    events.push("placement_changed", child, start, "",
                                {{"previous", *previous_place}, {"current", place}});
                }
            }
        } else {
            ++counts.changed;
        }
        const bool newly_ended = end && (is_new || diff.is_null(8));
        if (newly_ended && diff.text(6) != "X1") {
            events.push("left_care", child, *end, "", {{"reason_ceased", diff.text(6)}});
        }
    }
    counts.removed = count_rows(
        db,
        "SELECT count(*) FROM episodes e WHERE e.child_id IN (SELECT child_id FROM s_children) "
        "AND NOT EXISTS (SELECT 1 FROM s_episodes s WHERE s.child_id = e.child_id AND "
        "s.start_date = e.start_date)");
    db.exec(
        "DELETE FROM episodes WHERE child_id IN (SELECT child_id FROM s_children) AND NOT EXISTS "
        "(SELECT 1 FROM s_episodes s WHERE s.child_id = episodes.child_id AND s.start_date = "
        "episodes.start_date)");
    db.exec(
        "INSERT INTO episodes SELECT child_id, start_date, end_date, rne, ls, cin, place, "
        "provider, "
        "rec, rpc, home_post, pl_post, urn FROM s_episodes WHERE true "
        "ON CONFLICT (child_id, start_date) DO UPDATE SET end_date = excluded.end_date, "
        "reason_new_episode = excluded.reason_new_episode, legal_status = excluded.legal_status, "
        "category_of_need = excluded.category_of_need, placement = excluded.placement, "
        "placement_provider = excluded.placement_provider, reason_ceased = excluded.reason_ceased, "
        "reason_place_change = excluded.reason_place_change, home_postcode = "
        "excluded.home_postcode, placement_postcode = excluded.placement_postcode, urn = "
        "excluded.urn");
}

void apply_reviews(store::Database& db, ImportEvents& events, TableCounts& counts, bool baseline) {
    if (baseline) {
        counts.added = count_rows(db, "SELECT count(*) FROM s_reviews");
        db.exec(
            "INSERT INTO reviews (review_id, child_id, held_on, participation) "
            "SELECT review_id, child_id, held_on, participation FROM s_reviews");
        return;
    }
    auto diff = db.prepare(
        "SELECT s.review_id, s.child_id, s.held_on, s.participation, r.review_id IS NULL "
        "FROM s_reviews s LEFT JOIN reviews r USING (review_id) "
        "WHERE r.review_id IS NULL OR s.participation IS NOT r.participation ORDER BY s.review_id");
    while (diff.step()) {
        if (diff.integer(4) != 0) {
            ++counts.added;
            events.push(
                "review_held", diff.text(1), diff.text(2), "",
                {{"review_id", diff.text(0)}, {"participation", diff.text(3)}, {"rag", ""}});
        } else {
            ++counts.changed;
        }
    }
    counts.removed = count_rows(
        db,
        "SELECT count(*) FROM reviews r WHERE r.review_id LIKE '903:%' AND r.child_id IN "
        "(SELECT child_id FROM s_children) AND r.review_id NOT IN (SELECT review_id FROM "
        "s_reviews)");
    db.exec(
        "DELETE FROM reviews WHERE review_id LIKE '903:%' AND child_id IN (SELECT child_id FROM "
        "s_children) AND review_id NOT IN (SELECT review_id FROM s_reviews)");
    db.exec(
        "INSERT INTO reviews (review_id, child_id, held_on, participation) "
        "SELECT review_id, child_id, held_on, participation FROM s_reviews WHERE true "
        "ON CONFLICT (review_id) DO UPDATE SET participation = excluded.participation");
}

// Tables replaced wholesale for the children in the extract. `match` compares a stored row `t`
// with a staged row `s`.
void apply_replaced(store::Database& db, const std::string& table, const std::string& staging,
                    const std::string& match, const std::string& insert, TableCounts& counts) {
    counts.added = count_rows(db, "SELECT count(*) FROM " + staging +
                                      " s WHERE NOT EXISTS "
                                      "(SELECT 1 FROM " +
                                      table + " t WHERE " + match + ")");
    counts.removed = count_rows(db, "SELECT count(*) FROM " + table +
                                        " t WHERE t.child_id IN "
                                        "(SELECT child_id FROM s_children) AND NOT EXISTS "
                                        "(SELECT 1 FROM " +
                                        staging + " s WHERE " + match + ")");
    db.exec("DELETE FROM " + table + " WHERE child_id IN (SELECT child_id FROM s_children)");
    db.exec(insert);
}

}  // namespace

ImportSummary import_ssda903(store::Database& db, const fs::path& dir, const store::Change& change,
                             Date today) {
    ImportSummary summary;
    summary.kind = "ssda903";
    std::vector<ImportIssue> fatal;
    const auto files = find_extract_files(dir, file_specs(), "SSDA903", fatal);
    if (!fatal.empty()) {
        throw ImportRejected(fatal);
    }

    store::Transaction tx(db);
    summary.import_id = begin_import(db, summary.kind, dir, change);
    WarningSink warnings(db, summary.import_id);
    db.exec(kDropStaging);
    db.exec(kStaging);
    Stager stager(db, today, warnings, fatal);
    for (const auto& spec : file_specs()) {
        const auto it = files.find(spec.name);
        if (it == files.end()) {
            continue;
        }
        try {
            summary.tables[spec.name == "header" ? "children" : spec.name].read =
                stager.stage(spec, it->second);
        } catch (const CsvError& e) {
            fatal.push_back({it->second.string(), e.line(), e.column(), "csv", "", e.message()});
        }
    }
    if (!fatal.empty()) {
        throw ImportRejected(fatal);  // the transaction rolls back on the way out
    }
    cross_checks(db, files, warnings);

    summary.baseline = count_rows(db, "SELECT count(*) FROM children") == 0;
    ImportEvents events(db, "ssda903", change.at, !summary.baseline, summary.events_by_kind);
    apply_children(db, summary.tables["children"]);
    apply_episodes(db, events, summary.tables["episodes"], summary.baseline);
    apply_reviews(db, events, summary.tables["reviews"], summary.baseline);
    apply_replaced(db, "uasc", "s_uasc", "t.child_id = s.child_id AND t.ceased_uasc_on IS s.ceased",
                   "INSERT INTO uasc SELECT child_id, ceased FROM s_uasc", summary.tables["uasc"]);
    apply_replaced(
        db, "missing_episodes", "s_missing",
        "t.child_id = s.child_id AND t.start_date = s.start_date AND "
        "t.end_date IS s.end_date AND t.missing_type = s.type",
        "INSERT INTO missing_episodes SELECT child_id, type, start_date, end_date FROM s_missing",
        summary.tables["missing"]);

    finish_import(db, warnings, summary);
    db.exec(kDropStaging);
    tx.commit();
    return summary;
}

}  // namespace iro::importers
