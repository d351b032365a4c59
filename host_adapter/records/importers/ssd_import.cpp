#include "importers/ssd_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "importers/contact_fields.hpp"
#include "importers/csv_reader.hpp"
#include "importers/extract_files.hpp"
#include "importers/ssda903_codes.hpp"
#include "text/ascii_case.hpp"

namespace iro::importers {

namespace fs = std::filesystem;
using plugin::Date;
using plugin::to_iso;

namespace {

const std::vector<FileSpec>& file_specs() {
    // Optional columns are the SSD's own (and two contact columns a council may add); names are
    // listed so they are recognised, and only those staged below are read.
    static const std::vector<FileSpec> kSpecs{
        {"ssd_person",
         {"pers_person_id", "pers_dob"},
         {"pers_sex", "pers_gender", "pers_ethnicity", "pers_upn", "pers_legacy_id",
          "pers_forename", "pers_surname", "pers_common_child_id", "pers_upn_unknown",
          "pers_send_flag", "pers_expected_dob", "pers_death_date", "pers_is_mother",
          "pers_nationality"},
         true,
         "INSERT OR IGNORE INTO s_person VALUES (?, ?, ?, ?, ?, ?, ?)"},
        {"ssd_professionals",
         {"prof_professional_id", "prof_professional_name"},
         {"prof_professional_job_title", "prof_professional_department", "prof_staff_id",
          "prof_social_worker_registration_no", "prof_agency_worker_flag",
          "prof_professional_caseload", "prof_full_time_equivalency",
          // not the SSD's: a council's own addition, for the panel's "how to contact"
          "prof_professional_email", "prof_professional_phone"},
         false,
         "INSERT OR IGNORE INTO s_prof VALUES (?, ?, ?, ?, ?, ?, ?, ?)"},
        {"ssd_involvements",
         {"invo_person_id", "invo_professional_id", "invo_professional_role_id",
          "invo_involvement_start_date"},
         {"invo_involvements_id", "invo_professional_team", "invo_involvement_end_date",
          "invo_worker_change_reason", "invo_referral_id"},
         false,
         "INSERT OR IGNORE INTO s_invo VALUES (?, ?, ?, ?, ?, ?, ?)"},
        {"ssd_cla_episodes",
         {"clae_cla_episode_id", "clae_person_id", "clae_cla_episode_start_date", "clae_cla_id"},
         {"clae_cla_episode_ceased_date", "clae_cla_episode_start_reason",
          "clae_cla_episode_ceased_reason", "clae_cla_primary_need_code",
          "clae_cla_last_iro_contact_date", "clae_cla_placement_id", "clae_entered_care_date",
          "clae_referral_id"},
         false,
         "INSERT OR IGNORE INTO s_clae VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {"ssd_cla_reviews",
         {"clar_cla_review_id", "clar_cla_id", "clar_cla_review_date"},
         {"clar_cla_review_due_date", "clar_cla_review_cancelled", "clar_cla_review_participation"},
         false,
         "INSERT OR IGNORE INTO s_clar VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)"},
    };
    return kSpecs;
}

constexpr std::string_view kStaging = R"sql(
CREATE TEMP TABLE s_person (child_id TEXT PRIMARY KEY, sex TEXT, dob TEXT, ethnicity TEXT,
    upn TEXT, line INTEGER, dob_col INTEGER);
CREATE TEMP TABLE s_prof (worker_id TEXT PRIMARY KEY, name TEXT, job_title TEXT, team TEXT,
    line INTEGER, email TEXT, phone TEXT, fte REAL);
CREATE TEMP TABLE s_invo (child_id TEXT, worker_id TEXT, role TEXT, team TEXT, start_date TEXT,
    end_date TEXT, line INTEGER, PRIMARY KEY (child_id, worker_id, role, start_date));
CREATE TEMP TABLE s_clae (episode_id TEXT PRIMARY KEY, child_id TEXT, cla_id TEXT,
    start_date TEXT, end_date TEXT, rne TEXT, rec TEXT, cin TEXT, line INTEGER,
    UNIQUE (child_id, start_date));
CREATE TEMP TABLE s_clar (review_id TEXT PRIMARY KEY, cla_id TEXT, child_id TEXT, held_on TEXT,
    due_on TEXT, cancelled INTEGER, participation TEXT, line INTEGER, cla_col INTEGER);
)sql";

constexpr std::string_view kDropStaging =
    "DROP TABLE IF EXISTS temp.s_person; DROP TABLE IF EXISTS temp.s_prof; "
    "DROP TABLE IF EXISTS temp.s_invo; DROP TABLE IF EXISTS temp.s_clae; "
    "DROP TABLE IF EXISTS temp.s_clar; DROP TABLE IF EXISTS temp.s_review_match; "
    "DROP TABLE IF EXISTS temp.s_gone_allocations;";

// The SSD records sex as M/F (some exports keep the 903's 1/2); the store keeps the 903 code.
std::optional<std::string> sex_code(const std::string& value) {
    const std::string v = text::ascii_lower(value);
    if (v == "1" || v == "m" || v == "male") {
        return "1";
    }
    if (v == "2" || v == "f" || v == "female") {
        return "2";
    }
    return std::nullopt;
}

bool truthy(const std::string& value) {
    const std::string v = text::ascii_lower(value);
    return v == "1" || v == "y" || v == "yes" || v == "true";
}

class Stager final : public RowStager {
  public:
    Stager(store::Database& db, Date today, WarningSink& warnings, std::vector<ImportIssue>& fatal)
        : RowStager(db, warnings, fatal), today_(today) {}

  private:
    void stage_row(const std::string& file, const Row& row) override {
        if (file == "ssd_person") {
            person(row);
        } else if (file == "ssd_professionals") {
            professional(row);
        } else if (file == "ssd_involvements") {
            involvement(row);
        } else if (file == "ssd_cla_episodes") {
            episode(row);
        } else {
            review(row);
        }
    }

    bool present(const Row& row, const std::string& column, std::string& value,
                 const std::string& child) {
        value = row.get(column);
        if (value.empty()) {
            warn(row.issue(column, "blank", child, column + " is blank; row ignored"));
            return false;
        }
        return true;
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
        auto parsed = parse_ssd_date(value);
        if (!parsed) {
            warn(row.issue(column, rule, child,
                           column + " '" + value + "' is not a date (yyyy-mm-dd or dd/mm/yyyy)"));
        }
        return parsed;
    }

    // An end date before the start is dropped with a warning.
    std::optional<Date> end_date(const Row& row, const std::string& column,
                                 const std::string& child, Date start) {
        auto end = date(row, column, child, "date", true);
        if (end && *end < start) {
            warn(row.issue(column, "end_before_start", child,
                           "ends (" + to_iso(*end) + ") before it starts (" + to_iso(start) +
                               "); end date ignored"));
            end.reset();
        }
        return end;
    }

    void person(const Row& row) {
        std::string child;
        if (!present(row, "pers_person_id", child, "")) {
            return;
        }
        const auto dob = date(row, "pers_dob", child, "date", false);
        if (dob && *dob > today_) {
            warn(row.issue("pers_dob", "date", child,
                           "pers_dob " + to_iso(*dob) + " is in the future"));
        }
        const std::string sex_text = row.get("pers_sex");
        const auto sex = sex_code(sex_text);
        if (!sex_text.empty() && !sex) {
            warn(row.issue("pers_sex", "code", child,
                           "unknown pers_sex '" + sex_text + "' (expected M, F, 1 or 2)"));
        }
        auto& stmt = statement();
        stmt.bind(1, child).bind(2, sex.value_or("")).bind(3, iso_or_null(dob));
        stmt.bind(4, row.get("pers_ethnicity")).bind(5, row.get("pers_upn"));
        stmt.bind(6, static_cast<std::int64_t>(row.line())).bind(7, row.column("pers_dob"));
        if (!insert()) {
            warn(row.issue("pers_person_id", "duplicate", child,
                           "person " + child + " appears twice; this row is ignored"));
        }
    }

    void professional(const Row& row) {
        std::string id;
        if (!present(row, "prof_professional_id", id, "")) {
            return;
        }
        auto& stmt = statement();
        stmt.bind(1, id).bind(2, row.get("prof_professional_name"));
        stmt.bind(3, row.get("prof_professional_job_title"));
        stmt.bind(4, row.get("prof_professional_department"));
        stmt.bind(5, static_cast<std::int64_t>(row.line()));
        stmt.bind(6, contact(row, "prof_professional_email", plausible_email, "an email address"));
        stmt.bind(7,
                  contact(row, "prof_professional_phone", plausible_phone, "a telephone number"));
        if (const auto fte = full_time_equivalence(row)) {
            stmt.bind_real(8, *fte);
        } else {
            stmt.bind(8, std::nullopt);
        }
        if (!insert()) {
            warn(row.issue("prof_professional_id", "duplicate", "",
                           "professional " + id + " appears twice; this row is ignored"));
        }
    }

    // prof_full_time_equivalency: a share of full time, above 0 and at most 1; else none, with a
    // warning (the annual report then counts the professional as full time).
    std::optional<double> full_time_equivalence(const Row& row) {
        const std::string text = row.get("prof_full_time_equivalency");
        if (text.empty()) {
            return std::nullopt;
        }
        double value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() ||
            !(value > 0 && value <= 1)) {
            warn(row.issue("prof_full_time_equivalency", "fte", "",
                           "prof_full_time_equivalency '" + text +
                               "' is not a share of full time (above 0, at most 1); not kept"));
            return std::nullopt;
        }
        return value;
    }

    // A contact column's value when it is plainly what it says; else empty, with a warning.
    std::string contact(const Row& row, const std::string& column,
                        bool (*plausible)(std::string_view), std::string_view what) {
        std::string value = row.get(column);
        if (!value.empty() && !plausible(value)) {
            warn(row.issue(column, "contact", "",
                           fmt::format("{} is not {}; it is not kept", column, what)));
            value.clear();
        }
        return value;
    }

    void involvement(const Row& row) {
        std::string child;
        std::string worker;
        if (!present(row, "invo_person_id", child, "") ||
            !present(row, "invo_professional_id", worker, child)) {
            return;
        }
        const std::string role_text = row.get("invo_professional_role_id");
        const auto role = allocation_role(role_text);
        if (!role) {
            warn(row.issue("invo_professional_role_id", "other_role", child,
                           "role '" + role_text +
                               "' is not an IRO, social worker or team manager; row ignored"));
            return;
        }
        const auto start = date(row, "invo_involvement_start_date", child, "date", false);
        if (!start) {
            return;
        }
        const auto end = end_date(row, "invo_involvement_end_date", child, *start);
        auto& stmt = statement();
        stmt.bind(1, child).bind(2, worker).bind(3, *role).bind(4,
                                                                row.get("invo_professional_team"));
        stmt.bind(5, to_iso(*start)).bind(6, iso_or_null(end));
        stmt.bind(7, static_cast<std::int64_t>(row.line()));
        if (!insert()) {
            warn(row.issue("invo_involvement_start_date", "duplicate", child,
                           "the same involvement appears twice; this row is ignored"));
        }
    }

    void episode(const Row& row) {
        std::string id;
        std::string child;
        std::string cla;
        if (!present(row, "clae_cla_episode_id", id, "") ||
            !present(row, "clae_person_id", child, "") ||
            !present(row, "clae_cla_id", cla, child)) {
            return;
        }
        const auto start = date(row, "clae_cla_episode_start_date", child, "date", false);
        if (!start) {
            return;
        }
        const auto end = end_date(row, "clae_cla_episode_ceased_date", child, *start);
        const std::string rne = row.get("clae_cla_episode_start_reason");
        const std::string rec = row.get("clae_cla_episode_ceased_reason");
        if (!rne.empty() && !ssda903::is_reason_new_episode(rne)) {
            warn(row.issue("clae_cla_episode_start_reason", "code", child,
                           "unknown start reason '" + rne + "'"));
        }
        if (!rec.empty() && !ssda903::is_reason_ceased(rec)) {
            warn(row.issue("clae_cla_episode_ceased_reason", "code", child,
                           "unknown ceased reason '" + rec + "'"));
        }
        auto& stmt = statement();
        stmt.bind(1, id).bind(2, child).bind(3, cla).bind(4, to_iso(*start));
        stmt.bind(5, iso_or_null(end)).bind(6, rne).bind(7, rec);
        stmt.bind(8, row.get("clae_cla_primary_need_code"));
        stmt.bind(9, static_cast<std::int64_t>(row.line()));
        if (!insert()) {
            warn(row.issue("clae_cla_episode_id", "duplicate", child,
                           "episode " + id + " repeats an episode id or a start date of person " +
                               child + "; this row is ignored"));
        }
    }

    void review(const Row& row) {
        std::string id;
        std::string cla;
        if (!present(row, "clar_cla_review_id", id, "") || !present(row, "clar_cla_id", cla, "")) {
            return;
        }
        const bool cancelled = truthy(row.get("clar_cla_review_cancelled"));
        const auto held = date(row, "clar_cla_review_date", "", "166", true);  // not yet held
        const auto due = date(row, "clar_cla_review_due_date", "", "date", true);
        if (!held && !cancelled && !due) {
            warn(row.issue("clar_cla_review_date", "166", "",
                           "review " + id + " has neither a date held nor a due date; ignored"));
            return;
        }
        if (held && *held > today_) {
            warn(row.issue("clar_cla_review_date", "review_in_future", "",
                           "review dated " + to_iso(*held) + ", after today"));
        }
        const std::string code = row.get("clar_cla_review_participation");
        if (held && !cancelled && !ssda903::is_participation(code)) {
            warn(row.issue("clar_cla_review_participation", "167", "",
                           code.empty() ? "participation code is blank"
                                        : "participation code '" + code + "' is not PN0-PN7"));
        }
        auto& stmt = statement();
        stmt.bind(1, "ssd:" + id).bind(2, cla).bind(3, iso_or_null(held)).bind(4, iso_or_null(due));
        stmt.bind(5, std::int64_t{cancelled ? 1 : 0});
        stmt.bind(6, ssda903::is_participation(code) ? code : "");
        stmt.bind(7, static_cast<std::int64_t>(row.line())).bind(8, row.column("clar_cla_id"));
        if (!insert()) {
            warn(row.issue("clar_cla_review_id", "duplicate", "",
                           "review " + id + " appears twice; this row is ignored"));
        }
    }

    Date today_;
};

// ---- checks across files ----------------------------------------------------------------------

// Reports and drops staged rows that `orphan_sql` selects as (id, line, message).
void drop_orphans(store::Database& db, const std::map<std::string, fs::path>& files,
                  const std::string& file, const std::string& rule, const std::string& select,
                  const std::string& remove, WarningSink& warnings) {
    const auto path = files.find(file);
    if (path == files.end()) {
        return;
    }
    auto stmt = db.prepare(select);
    while (stmt.step()) {
        warnings.push_back({path->second.string(), static_cast<std::size_t>(stmt.integer(1)), 1,
                            rule, stmt.text(0), stmt.text(2)});
    }
    db.exec(remove);
}

constexpr std::string_view kKnownPerson =
    "(SELECT child_id FROM s_person UNION SELECT child_id FROM children)";

void cross_checks(store::Database& db, const std::map<std::string, fs::path>& files,
                  WarningSink& warnings) {
    const std::string known(kKnownPerson);
    drop_orphans(db, files, "ssd_involvements", "unknown_person",
                 "SELECT child_id, line, 'person ' || child_id || ' is in neither ssd_person nor "
                 "the store; involvement ignored' FROM s_invo WHERE child_id NOT IN " +
                     known + " ORDER BY line",
                 "DELETE FROM s_invo WHERE child_id NOT IN " + known, warnings);
    drop_orphans(db, files, "ssd_involvements", "unknown_professional",
                 "SELECT child_id, line, 'professional ' || worker_id || ' is in neither "
                 "ssd_professionals nor the store; involvement ignored' FROM s_invo WHERE "
                 "worker_id NOT IN (SELECT worker_id FROM s_prof UNION SELECT worker_id FROM "
                 "workers) ORDER BY line",
                 "DELETE FROM s_invo WHERE worker_id NOT IN (SELECT worker_id FROM s_prof UNION "
                 "SELECT worker_id FROM workers)",
                 warnings);
    drop_orphans(db, files, "ssd_cla_episodes", "unknown_person",
                 "SELECT child_id, line, 'person ' || child_id || ' is in neither ssd_person nor "
                 "the store; episode ignored' FROM s_clae WHERE child_id NOT IN " +
                     known + " ORDER BY line",
                 "DELETE FROM s_clae WHERE child_id NOT IN " + known, warnings);
    db.exec(
        "UPDATE s_clar SET child_id = (SELECT e.child_id FROM s_clae e WHERE e.cla_id = "
        "s_clar.cla_id ORDER BY e.start_date LIMIT 1)");
    drop_orphans(db, files, "ssd_cla_reviews", "unknown_cla",
                 "SELECT '', line, 'CLA id ' || cla_id || ' is in no row of ssd_cla_episodes; "
                 "review ignored' FROM s_clar WHERE child_id IS NULL ORDER BY line",
                 "DELETE FROM s_clar WHERE child_id IS NULL", warnings);

    if (files.count("ssd_person") != 0) {
        auto dob = db.prepare(
            "SELECT s.child_id, s.line, s.dob_col, s.dob, c.date_of_birth FROM s_person s JOIN "
            "children c USING (child_id) WHERE s.dob IS NOT NULL AND c.date_of_birth IS NOT NULL "
            "AND s.dob <> c.date_of_birth ORDER BY s.line");
        while (dob.step()) {
            warnings.push_back(
                {files.at("ssd_person").string(), static_cast<std::size_t>(dob.integer(1)),
                 static_cast<std::size_t>(dob.integer(2)), "dob_differs", dob.text(0),
                 "pers_dob " + dob.text(3) + " differs from the stored " + dob.text(4) +
                     " (from an SSDA903 Header); the SSD's is kept"});
        }
    }

    // Two IROs (or social workers) for one child at once is an allocation error to fix at source.
    if (files.count("ssd_involvements") != 0) {
        auto overlap = db.prepare(
            "SELECT child_id, line, role, start_date, LAG(end_date) OVER w, LAG(start_date) OVER "
            "w, LAG(line) OVER w FROM s_invo "
            "WINDOW w AS (PARTITION BY child_id, role ORDER BY start_date) ORDER BY line");
        while (overlap.step()) {
            if (overlap.is_null(5)) {
                continue;
            }
            const auto previous_end = overlap.optional_text(4);
            if (!previous_end || *previous_end > overlap.text(3)) {
                warnings.push_back(
                    {files.at("ssd_involvements").string(),
                     static_cast<std::size_t>(overlap.integer(1)), 1, "overlap", overlap.text(0),
                     overlap.text(2) + " allocation starting " + overlap.text(3) +
                         " overlaps the one on line " + std::to_string(overlap.integer(6))});
            }
        }
    }
}

// ---- applying ---------------------------------------------------------------------------------

void apply_people(store::Database& db, TableCounts& children, TableCounts& workers) {
    children.added = count_rows(
        db, "SELECT count(*) FROM s_person WHERE child_id NOT IN (SELECT child_id FROM children)");
    children.changed =
        count_rows(db,
                   "SELECT count(*) FROM s_person s JOIN children c USING (child_id) WHERE "
                   "(s.sex <> '' AND s.sex IS NOT c.sex) OR (s.dob IS NOT NULL AND s.dob IS NOT "
                   "c.date_of_birth) OR (s.ethnicity <> '' AND s.ethnicity IS NOT c.ethnicity) OR "
                   "(s.upn <> '' AND s.upn IS NOT c.upn)");
    // Blank SSD fields never erase what another extract supplied.
    db.exec(
        "INSERT INTO children (child_id, sex, date_of_birth, ethnicity, upn) "
        "SELECT child_id, sex, dob, ethnicity, upn FROM s_person WHERE true "
        "ON CONFLICT (child_id) DO UPDATE SET "
        "sex = coalesce(nullif(excluded.sex, ''), sex), "
        "date_of_birth = coalesce(excluded.date_of_birth, date_of_birth), "
        "ethnicity = coalesce(nullif(excluded.ethnicity, ''), ethnicity), "
        "upn = coalesce(nullif(excluded.upn, ''), upn)");

    db.exec(
        "INSERT OR IGNORE INTO teams (team_id, name) SELECT team, team FROM s_prof WHERE team <> "
        "'' UNION SELECT team, team FROM s_invo WHERE team <> ''");
    workers.added = count_rows(
        db, "SELECT count(*) FROM s_prof WHERE worker_id NOT IN (SELECT worker_id FROM workers)");
    workers.changed = count_rows(
        db,
        "SELECT count(*) FROM s_prof s JOIN workers w USING (worker_id) WHERE s.name IS NOT "
        "w.name OR s.job_title IS NOT w.job_title OR nullif(s.team, '') IS NOT w.team_id OR "
        "(s.email <> '' AND s.email IS NOT w.email) OR (s.phone <> '' AND s.phone IS NOT w.phone) "
        "OR (s.fte IS NOT NULL AND s.fte IS NOT w.fte)");
    // A blank contact never erases one given before: the columns are a local addition that
    // another extract of the same professionals may not carry.
    db.exec(
        "INSERT INTO workers (worker_id, name, job_title, team_id, email, phone, fte) "
        "SELECT worker_id, name, job_title, nullif(team, ''), email, phone, fte FROM s_prof "
        "WHERE true "
        "ON CONFLICT (worker_id) DO UPDATE SET name = excluded.name, job_title = "
        "excluded.job_title, team_id = excluded.team_id, "
        "email = coalesce(nullif(excluded.email, ''), email), "
        "phone = coalesce(nullif(excluded.phone, ''), phone), fte = coalesce(excluded.fte, fte)");
}

// The allocations of the children in ssd_involvements that it no longer lists: who may see a
// child follows them, so none is removed unless the import is told to (--allow-removals).
PlannedRemovals plan_allocation_removals(store::Database& db, const fs::path& file) {
    db.exec(
        "CREATE TEMP TABLE s_gone_allocations AS SELECT t.child_id, t.worker_id, t.role, "
        "t.start_date AS day, t.role || ':' || t.worker_id || ':' || t.start_date AS record_id "
        "FROM allocations t WHERE t.child_id IN (SELECT child_id FROM s_invo) AND NOT EXISTS "
        "(SELECT 1 FROM s_invo s WHERE s.child_id = t.child_id AND s.worker_id = t.worker_id AND "
        "s.role = t.role AND s.start_date = t.start_date)");
    // ssd_involvements holds history (ended allocations keep their end date), so an allocation
    // it no longer lists is outside anything the extract speaks for: always confirmed first.
    return {"allocations",
            "allocation",
            file.string(),
            "s_gone_allocations",
            count_rows(db, "SELECT count(*) FROM allocations"),
            "1"};
}

void apply_allocations(store::Database& db, ImportEvents& events, TableCounts& counts) {
    auto added = db.prepare(
        "SELECT s.child_id, s.worker_id, s.role, s.team, s.start_date FROM s_invo s "
        "WHERE NOT EXISTS (SELECT 1 FROM allocations a WHERE a.child_id = s.child_id AND "
        "a.worker_id = s.worker_id AND a.role = s.role AND a.start_date = s.start_date) "
        "ORDER BY s.child_id, s.start_date");
    while (added.step()) {
        ++counts.added;
        events.push(
            "allocation_changed", added.text(0), added.text(4), added.text(2) + ":" + added.text(1),
            {{"role", added.text(2)}, {"worker_id", added.text(1)}, {"team_id", added.text(3)}});
    }
    counts.changed = count_rows(
        db,
        "SELECT count(*) FROM s_invo s JOIN allocations a ON a.child_id = s.child_id AND "
        "a.worker_id = s.worker_id AND a.role = s.role AND a.start_date = s.start_date "
        "WHERE s.end_date IS NOT a.end_date OR s.team IS NOT a.team_id");
    db.exec(
        "DELETE FROM allocations WHERE (child_id, worker_id, role, start_date) IN (SELECT "
        "child_id, worker_id, role, day FROM s_gone_allocations)");
    db.exec(
        "INSERT INTO allocations (child_id, worker_id, role, team_id, start_date, end_date) "
        "SELECT child_id, worker_id, role, team, start_date, end_date FROM s_invo WHERE true "
        "ON CONFLICT (child_id, worker_id, role, start_date) DO UPDATE SET team_id = "
        "excluded.team_id, end_date = excluded.end_date");
}

void apply_episodes(store::Database& db, ImportEvents& events, TableCounts& counts) {
    auto fresh = db.prepare(
        "SELECT s.child_id, s.start_date, s.end_date, s.rec, "
        "  EXISTS (SELECT 1 FROM episodes p WHERE p.child_id = s.child_id AND p.start_date < "
        "s.start_date) "
        "FROM s_clae s WHERE NOT EXISTS (SELECT 1 FROM episodes e WHERE e.child_id = s.child_id "
        "AND e.start_date = s.start_date) ORDER BY s.child_id, s.start_date");
    while (fresh.step()) {
        ++counts.added;
        if (fresh.integer(4) == 0) {
            events.push("entered_care", fresh.text(0), fresh.text(1), "",
                        {{"legal_status", ""}, {"placement", ""}});
        }
        if (!fresh.is_null(2) && fresh.text(3) != "X1") {
            events.push("left_care", fresh.text(0), fresh.text(2), "",
                        {{"reason_ceased", fresh.text(3)}});
        }
    }
    auto ended = db.prepare(
        "SELECT s.child_id, s.end_date, s.rec FROM s_clae s JOIN episodes e ON e.child_id = "
        "s.child_id AND e.start_date = s.start_date WHERE e.end_date IS NULL AND s.end_date IS "
        "NOT NULL ORDER BY s.child_id, s.start_date");
    while (ended.step()) {
        ++counts.changed;
        if (ended.text(2) != "X1") {
            events.push("left_care", ended.text(0), ended.text(1), "",
                        {{"reason_ceased", ended.text(2)}});
        }
    }
    db.exec(
        "UPDATE episodes SET end_date = s.end_date, reason_ceased = s.rec FROM s_clae s WHERE "
        "s.child_id = episodes.child_id AND s.start_date = episodes.start_date AND "
        "episodes.end_date IS NULL AND s.end_date IS NOT NULL");
    db.exec(
        "INSERT OR IGNORE INTO episodes (child_id, start_date, end_date, reason_new_episode, "
        "category_of_need, reason_ceased) SELECT child_id, start_date, end_date, rne, cin, rec "
        "FROM s_clae");
}

void apply_reviews(store::Database& db, ImportEvents& events, TableCounts& counts) {
    // A held review the store already has (from the SSDA903 return) is the same review: the SSD
    // completes it with its due date and cancellation rather than adding a second one.
    db.exec(
        "CREATE TEMP TABLE s_review_match AS SELECT s.review_id AS ssd_id, coalesce((SELECT "
        "r.review_id FROM reviews r WHERE r.child_id = s.child_id AND r.held_on = s.held_on AND "
        "r.review_id NOT LIKE 'ssd:%' LIMIT 1), s.review_id) AS store_id FROM s_clar s");
    auto diff = db.prepare(
        "SELECT m.store_id, s.child_id, s.held_on, s.participation, r.review_id IS NULL, "
        "s.cancelled FROM s_clar s JOIN s_review_match m ON m.ssd_id = s.review_id LEFT JOIN "
        "reviews r ON r.review_id = m.store_id WHERE r.review_id IS NULL OR s.due_on IS NOT "
        "r.due_on OR s.cancelled IS NOT r.cancelled OR (s.participation <> '' AND "
        "s.participation IS NOT r.participation) OR s.held_on IS NOT r.held_on "
        "ORDER BY s.child_id, s.held_on");
    while (diff.step()) {
        if (diff.integer(4) != 0) {
            ++counts.added;
            if (!diff.is_null(2) && diff.integer(5) == 0) {
                events.push(
                    "review_held", diff.text(1), diff.text(2), "",
                    {{"review_id", diff.text(0)}, {"participation", diff.text(3)}, {"rag", ""}});
            }
        } else {
            ++counts.changed;
        }
    }
    db.exec(
        "INSERT INTO reviews (review_id, child_id, held_on, due_on, participation, cancelled) "
        "SELECT m.store_id, s.child_id, s.held_on, s.due_on, s.participation, s.cancelled FROM "
        "s_clar s JOIN s_review_match m ON m.ssd_id = s.review_id WHERE true "
        "ON CONFLICT (review_id) DO UPDATE SET held_on = excluded.held_on, due_on = "
        "excluded.due_on, cancelled = excluded.cancelled, participation = "
        "coalesce(nullif(excluded.participation, ''), participation)");
}

}  // namespace

std::optional<Date> parse_ssd_date(std::string_view text) {
    const auto cut = text.find_first_of(" T");
    const std::string_view day = cut == std::string_view::npos ? text : text.substr(0, cut);
    if (day.size() == 10 && day[4] == '-') {
        return plugin::parse_iso_date(day);
    }
    return ssda903::parse_date(day);
}

std::optional<std::string> allocation_role(std::string_view ssd_role) {
    const std::string role = text::ascii_lower(ssd_role);
    if (role == "iro" || role == "independent reviewing officer") {
        return "iro";
    }
    if (role == "sw" || role == "social worker" || role == "allocated social worker") {
        return "social_worker";
    }
    if (role == "tm" || role == "team manager") {
        return "team_manager";
    }
    return std::nullopt;
}

ImportSummary import_ssd(store::Database& db, const fs::path& dir, const store::Change& change,
                         Date today, const RemovalPolicy& removals) {
    ImportSummary summary;
    summary.kind = "ssd";
    std::vector<ImportIssue> fatal;
    const auto files = find_extract_files(dir, file_specs(), "SSD", fatal);
    if (files.count("ssd_cla_reviews") != 0 && files.count("ssd_cla_episodes") == 0) {
        fatal.push_back({(dir / "ssd_cla_episodes.csv").string(), 0, 0, "file", "",
                         "ssd_cla_reviews.csv is present, so ssd_cla_episodes.csv is required "
                         "(it links each review's clar_cla_id to a child)"});
    }
    if (!fatal.empty()) {
        throw ImportRejected(fatal);
    }

    static const std::map<std::string, std::string> kTable{
        {"ssd_person", "children"},          {"ssd_professionals", "workers"},
        {"ssd_involvements", "allocations"}, {"ssd_cla_episodes", "episodes"},
        {"ssd_cla_reviews", "reviews"},
    };
    store::Transaction tx(db);
    summary.import_id = begin_import(db, summary.kind, dir, change);
    WarningSink warnings(db, summary.import_id, dir);
    db.exec(kDropStaging);
    db.exec(kStaging);
    Stager stager(db, today, warnings, fatal);
    for (const auto& spec : file_specs()) {
        const auto it = files.find(spec.name);
        if (it == files.end()) {
            continue;
        }
        try {
            summary.tables[kTable.at(spec.name)].read = stager.stage(spec, it->second);
        } catch (const CsvError& e) {
            fatal.push_back({it->second.string(), e.line(), e.column(), "csv", "", e.message()});
        }
    }
    if (!fatal.empty()) {
        throw ImportRejected(fatal);  // the transaction rolls back on the way out
    }
    cross_checks(db, files, warnings);

    summary.baseline =
        count_rows(db, "SELECT count(*) FROM imports WHERE kind = 'ssd' AND outcome = 'applied'") ==
        0;
    summary.scope = "tables as of the extract";
    std::optional<PlannedRemovals> allocation_removals;
    if (files.count("ssd_involvements") != 0) {
        allocation_removals = plan_allocation_removals(db, files.at("ssd_involvements"));
        check_removals(db, *allocation_removals, removals, fatal);
        if (!fatal.empty()) {
            throw ImportRejected(fatal);
        }
    }
    ImportEvents events(db, "ssd", change.at, !summary.baseline, summary.events_by_kind);
    if (allocation_removals) {
        summary.tables["allocations"].removed = announce_removals(
            db, *allocation_removals, events, fmt::format("ssd import {}", summary.import_id));
    }
    TableCounts workers;
    apply_people(db, summary.tables["children"], workers);
    if (files.count("ssd_professionals") != 0) {
        summary.tables["workers"].added = workers.added;
        summary.tables["workers"].changed = workers.changed;
    }
    if (files.count("ssd_involvements") != 0) {
        apply_allocations(db, events, summary.tables["allocations"]);
    }
    if (files.count("ssd_cla_episodes") != 0) {
        apply_episodes(db, events, summary.tables["episodes"]);
    }
    if (files.count("ssd_cla_reviews") != 0) {
        apply_reviews(db, events, summary.tables["reviews"]);
    }

    finish_import(db, warnings, summary);
    db.exec(kDropStaging);
    tx.commit();
    return summary;
}

}  // namespace iro::importers
