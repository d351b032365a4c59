#include "importers/ssda903_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "calendar/financial_periods.hpp"
#include "importers/csv_reader.hpp"
#include "importers/extract_files.hpp"
#include "importers/ssda903_codes.hpp"

namespace iro::importers {

namespace fs = std::filesystem;
using plugin::Date;
using plugin::to_iso;

namespace {

// ---- files and columns ------------------------------------------------------------------------

using namespace std::string_view_literals;

constexpr std::array kHeaderColumns{"CHILD"sv, "SEX"sv,    "DOB"sv,   "ETHNIC"sv,
                                    "UPN"sv,   "MOTHER"sv, "MC_DOB"sv};
constexpr std::array kEpisodeColumns{
    "CHILD"sv,     "DECOM"sv,          "RNE"sv, "LS"sv,  "CIN"sv,
    "PLACE"sv,     "PLACE_PROVIDER"sv, "DEC"sv, "REC"sv, "REASON_PLACE_CHANGE"sv,
    "HOME_POST"sv, "PL_POST"sv,        "URN"sv};
constexpr std::array kReviewColumns{"CHILD"sv, "DOB"sv, "REVIEW"sv, "REVIEW_CODE"sv};
constexpr std::array kUascColumns{"CHILD"sv, "SEX"sv, "DOB"sv, "DUC"sv};
constexpr std::array kMissingColumns{"CHILD"sv, "DOB"sv, "MISSING"sv, "MIS_START"sv, "MIS_END"sv};

// Every file's first column is CHILD.
constexpr SpecColumn kChild = spec_column(kHeaderColumns, "CHILD");
static_assert(spec_column(kEpisodeColumns, "CHILD").number == kChild.number &&
              spec_column(kReviewColumns, "CHILD").number == kChild.number &&
              spec_column(kUascColumns, "CHILD").number == kChild.number &&
              spec_column(kMissingColumns, "CHILD").number == kChild.number);

namespace header_col {
constexpr SpecColumn kSex = spec_column(kHeaderColumns, "SEX");
constexpr SpecColumn kDob = spec_column(kHeaderColumns, "DOB");
constexpr SpecColumn kEthnic = spec_column(kHeaderColumns, "ETHNIC");
constexpr SpecColumn kUpn = spec_column(kHeaderColumns, "UPN");
}  // namespace header_col

namespace episode_col {
constexpr SpecColumn kDecom = spec_column(kEpisodeColumns, "DECOM");
constexpr SpecColumn kDec = spec_column(kEpisodeColumns, "DEC");
constexpr SpecColumn kRne = spec_column(kEpisodeColumns, "RNE");
constexpr SpecColumn kLs = spec_column(kEpisodeColumns, "LS");
constexpr SpecColumn kCin = spec_column(kEpisodeColumns, "CIN");
constexpr SpecColumn kPlace = spec_column(kEpisodeColumns, "PLACE");
constexpr SpecColumn kProvider = spec_column(kEpisodeColumns, "PLACE_PROVIDER");
constexpr SpecColumn kRec = spec_column(kEpisodeColumns, "REC");
// Stored as read, in the order of the staging INSERT from its fourth value on.
constexpr std::array kStored{kRne,
                             kLs,
                             kCin,
                             kPlace,
                             kProvider,
                             kRec,
                             spec_column(kEpisodeColumns, "REASON_PLACE_CHANGE"),
                             spec_column(kEpisodeColumns, "HOME_POST"),
                             spec_column(kEpisodeColumns, "PL_POST"),
                             spec_column(kEpisodeColumns, "URN")};
}  // namespace episode_col

namespace review_col {
constexpr SpecColumn kDob = spec_column(kReviewColumns, "DOB");
constexpr SpecColumn kReview = spec_column(kReviewColumns, "REVIEW");
constexpr SpecColumn kCode = spec_column(kReviewColumns, "REVIEW_CODE");
}  // namespace review_col

template <std::size_t N>
std::vector<std::string> titles(const std::array<std::string_view, N>& columns) {
    return {columns.begin(), columns.end()};
}

const std::vector<FileSpec>& file_specs() {
    // Header comes first and Episodes before Reviews: each row is checked against the files
    // already loaded (its child's Header row, the child's episodes), so no check needs a second
    // pass over the extract.
    static const std::vector<FileSpec> kSpecs{
        {"header", titles(kHeaderColumns), {}, true, ""},
        {"episodes", titles(kEpisodeColumns), {}, true, ""},
        {"reviews", titles(kReviewColumns), {}, true, ""},
        {"uasc", titles(kUascColumns), {}, false, "INSERT OR IGNORE INTO s_uasc VALUES (?, ?)"},
        {"missing",
         titles(kMissingColumns),
         {},
         false,
         "INSERT OR IGNORE INTO s_missing VALUES (?, ?, ?, ?)"},
    };
    return kSpecs;
}

// ---- where rows go ----------------------------------------------------------------------------

// The baseline goes into an empty store, where every row is new: it loads straight into the
// case-record tables. A later extract is staged in temporary tables with the same columns and
// applied as a difference, so that what changed can be counted and turned into case events.
struct Tables {
    std::string children;
    std::string episodes;
    std::string reviews;
};

Tables tables_for(bool baseline) {
    if (baseline) {
        return {"children", "episodes", "reviews"};
    }
    return {"s_children", "s_episodes", "s_reviews"};
}

constexpr std::string_view kEpisodeTableColumns =
    "child_id, start_date, end_date, reason_new_episode, legal_status, category_of_need, "
    "placement, placement_provider, reason_ceased, reason_place_change, home_postcode, "
    "placement_postcode, urn";

constexpr std::string_view kStaging = R"sql(
CREATE TEMP TABLE s_children (child_id TEXT PRIMARY KEY, sex TEXT, date_of_birth TEXT,
    ethnicity TEXT, upn TEXT) WITHOUT ROWID;
CREATE TEMP TABLE s_episodes (child_id TEXT, start_date TEXT, end_date TEXT,
    reason_new_episode TEXT, legal_status TEXT, category_of_need TEXT, placement TEXT,
    placement_provider TEXT, reason_ceased TEXT, reason_place_change TEXT, home_postcode TEXT,
    placement_postcode TEXT, urn TEXT, PRIMARY KEY (child_id, start_date)) WITHOUT ROWID;
CREATE TEMP TABLE s_reviews (review_id TEXT PRIMARY KEY, child_id TEXT, held_on TEXT,
    participation TEXT) WITHOUT ROWID;
CREATE TEMP TABLE s_uasc (child_id TEXT PRIMARY KEY, ceased TEXT);
CREATE TEMP TABLE s_missing (child_id TEXT, type TEXT, start_date TEXT, end_date TEXT,
    PRIMARY KEY (child_id, start_date));
)sql";

constexpr std::string_view kDropStaging =
    "DROP TABLE IF EXISTS temp.s_children; DROP TABLE IF EXISTS temp.s_episodes; "
    "DROP TABLE IF EXISTS temp.s_reviews; DROP TABLE IF EXISTS temp.s_uasc; "
    "DROP TABLE IF EXISTS temp.s_missing; DROP TABLE IF EXISTS temp.s_known; "
    "DROP TABLE IF EXISTS temp.s_gone_episodes; DROP TABLE IF EXISTS temp.s_gone_reviews; "
    "DROP TABLE IF EXISTS temp.s_gone_missing;";

// ---- loading and checking rows ----------------------------------------------------------------

// What the checks across files need of an episode this import loaded.
struct LoadedEpisode {
    Date start;
    std::optional<Date> end;
    bool short_break;  // legal status V3 or V4
};

// What this import loaded of a child in Header: its date of birth and its episodes so far, in
// order of start. Kept in memory, a few dozen bytes a child: looking them up in the store once
// per run of a child's rows cost 2 to 7 ms of the sample's import.
struct LoadedChild {
    std::optional<Date> dob;
    std::vector<LoadedEpisode> episodes;
};

// True when two episodes of one child overlap; an episode may end on the day the next begins.
bool overlap(const LoadedEpisode& a, Date b_start, const std::optional<Date>& b_end) {
    if (a.start < b_start) {
        return !a.end || *a.end > b_start;
    }
    return !b_end || *b_end > a.start;
}

class Stager final : public RowStager {
  public:
    Stager(store::Database& db, Tables tables, Date today, WarningSink& warnings,
           std::vector<ImportIssue>& fatal)
        : RowStager(db, warnings, fatal), tables_(std::move(tables)), today_(today) {}

    /// Rows loaded (not ignored) from the file `spec_name`.
    int loaded(const std::string& spec_name) const {
        const auto it = loaded_.find(spec_name);
        return it == loaded_.end() ? 0 : it->second;
    }

  private:
    std::string insert_sql(const FileSpec& spec) const override {
        if (spec.name == "header") {
            return "INSERT OR IGNORE INTO " + tables_.children +
                   " (child_id, sex, date_of_birth, ethnicity, upn) VALUES (?, ?, ?, ?, ?)";
        }
        if (spec.name == "episodes") {
            return fmt::format("INSERT OR IGNORE INTO {} ({}) VALUES ({})", tables_.episodes,
                               kEpisodeTableColumns, "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
        }
        if (spec.name == "reviews") {
            return "INSERT OR IGNORE INTO " + tables_.reviews +
                   " (review_id, child_id, held_on, participation) VALUES (?, ?, ?, ?)";
        }
        return spec.staging_insert;
    }

    void stage_row(const std::string& file, const Row& row) override {
        if (file != file_) {
            file_ = file;
        }
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

    bool load() {
        if (!insert()) {
            return false;
        }
        ++loaded_[file_];
        return true;
    }

    // Whether `child` is in Header; `facts_` is then what this import loaded of them. Rows
    // usually come grouped by child, so this finds the child once per group.
    bool look_up(const std::string& child) {
        if (facts_child_ != child) {
            facts_child_ = child;
            const auto it = children_.find(child);
            facts_ = it == children_.end() ? nullptr : &it->second;
        }
        return facts_ != nullptr;
    }

    // A code that must come from `valid`; blank allowed when `optional`.
    void check_code(const Row& row, const SpecColumn& column, const std::string& child,
                    bool (*valid)(std::string_view), bool optional) {
        const std::string_view value = row.view(column);
        if (value.empty() ? !optional : !valid(value)) {
            warn(row.issue(column, "code", child,
                           value.empty()
                               ? fmt::format("{} is blank", column.title)
                               : fmt::format("unknown {} code '{}'", column.title, value)));
        }
    }

    std::optional<Date> date(const Row& row, const SpecColumn& column, const std::string& child,
                             bool optional) {
        const std::string_view value = row.view(column);
        if (value.empty()) {
            if (!optional) {
                warn(row.issue(column, "date", child, fmt::format("{} is blank", column.title)));
            }
            return std::nullopt;
        }
        auto parsed = ssda903::parse_date(value);
        if (!parsed) {
            warn(
                row.issue(column, "date", child,
                          fmt::format("{} '{}' is not a date in dd/mm/yyyy", column.title, value)));
        }
        return parsed;
    }

    bool child_present(const Row& row, std::string& child) {
        child = row.view(kChild);
        if (child.empty()) {
            warn(row.issue(kChild, "child", "", "CHILD is blank; row ignored"));
            return false;
        }
        return true;
    }

    // INT08: rows of Episodes and Reviews must belong to a child in Header.
    bool in_header(const Row& row, const std::string& child) {
        if (look_up(child)) {
            return true;
        }
        const bool review = file_ == "reviews";
        warn(
            row.issue(kChild, "INT08", child,
                      fmt::format("child {} has {} but is not in Header; {} ignored", child,
                                  review ? "reviews" : "episodes", review ? "review" : "episode")));
        return false;
    }

    void header(const Row& row) {
        std::string child;
        if (!child_present(row, child)) {
            return;
        }
        using namespace header_col;
        check_code(row, kSex, child, ssda903::is_sex, false);
        const auto dob = date(row, kDob, child, false);
        if (dob && *dob > today_) {
            warn(row.issue(kDob, "date", child, "DOB " + to_iso(*dob) + " is in the future"));
        }
        // Bound without copying: the row and `child` outlive the insert.
        auto& stmt = statement();
        stmt.bind_static(1, child).bind_static(2, row.view(kSex)).bind(3, iso_or_null(dob));
        stmt.bind_static(4, row.view(kEthnic)).bind_static(5, row.view(kUpn));
        if (!load()) {
            warn(row.issue(kChild, "duplicate", child,
                           "child " + child + " appears twice in Header; this row is ignored"));
            return;
        }
        children_.try_emplace(child, LoadedChild{dob, {}});
    }

    void episode(const Row& row) {
        std::string child;
        if (!child_present(row, child)) {
            return;
        }
        using namespace episode_col;
        const auto start_day = date(row, kDecom, child, false);
        if (!start_day) {
            warn(row.issue(kDecom, "date", child, "episode without a start date ignored"));
            return;
        }
        const std::string start = to_iso(*start_day);
        auto end_day = date(row, kDec, child, true);
        if (end_day && *end_day < *start_day) {
            warn(row.issue(kDec, "end_before_start", child,
                           "episode ends (" + to_iso(*end_day) + ") before it starts (" + start +
                               "); end date ignored"));
            end_day.reset();
        }
        check_code(row, kRne, child, ssda903::is_reason_new_episode, false);
        check_code(row, kLs, child, ssda903::is_legal_status, false);
        check_code(row, kCin, child, ssda903::is_category_of_need, false);
        check_code(row, kPlace, child, ssda903::is_placement, false);
        check_code(row, kProvider, child, ssda903::is_placement_provider, true);
        check_code(row, kRec, child, ssda903::is_reason_ceased, !end_day.has_value());
        if (!in_header(row, child)) {
            return;
        }
        const auto end = iso_or_null(end_day);
        auto& stmt = statement();
        stmt.bind_static(1, child).bind_static(2, start).bind(3, end);
        int i = 4;
        for (const auto& column : kStored) {
            stmt.bind_static(i++, row.view(column));
        }
        if (!load()) {
            warn(row.issue(kDecom, "duplicate", child,
                           "second episode for child " + child + " starting " + start +
                               "; this row is ignored"));
            return;
        }
        // Episodes of one child must not overlap.
        auto& episodes = facts_->episodes;
        for (const auto& other : episodes) {
            if (overlap(other, *start_day, end_day)) {
                warn(row.issue(
                    kDecom, "overlap", child,
                    "episode starting " + start + " overlaps the episode starting " +
                        to_iso(other.start) + " (" +
                        (other.end ? "ended " + to_iso(*other.end) : std::string("still open")) +
                        ")"));
                break;
            }
        }
        const LoadedEpisode loaded{*start_day, end_day, ssda903::is_short_break(row.view(kLs))};
        episodes.insert(std::upper_bound(episodes.begin(), episodes.end(), loaded,
                                         [](const LoadedEpisode& a, const LoadedEpisode& b) {
                                             return a.start < b.start;
                                         }),
                        loaded);
    }

    void review(const Row& row) {
        std::string child;
        if (!child_present(row, child)) {
            return;
        }
        const std::string held_text = std::string(row.view(review_col::kReview));
        const auto held_day = ssda903::parse_date(held_text);
        const std::string code = std::string(row.view(review_col::kCode));
        if (!held_day) {
            warn(row.issue(review_col::kReview, "166", child,
                           held_text.empty()
                               ? "review date is blank; review ignored"
                               : "review date '" + held_text +
                                     "' is not a date in dd/mm/yyyy; review ignored"));
            return;
        }
        const std::string held = to_iso(*held_day);
        const bool valid_code = ssda903::is_participation(code);
        if (!valid_code) {
            warn(row.issue(review_col::kCode, "167", child,
                           code.empty() ? "participation code is blank"
                                        : "participation code '" + code + "' is not PN0-PN7"));
        }
        if (*held_day > today_) {
            warn(row.issue(review_col::kReview, "review_in_future", child,
                           "review dated " + held + ", after today"));
        }
        if (!in_header(row, child)) {
            return;
        }
        const std::string review_id = "903:" + child + ":" + held;
        auto& stmt = statement();
        stmt.bind_static(1, review_id).bind_static(2, child).bind_static(3, held);
        stmt.bind_static(4, valid_code ? std::string_view(code) : std::string_view());
        if (!load()) {
            warn(row.issue(
                review_col::kReview, "duplicate", child,
                "second review for child " + child + " on " + held + "; this row is ignored"));
            return;
        }
        // INT17: the DOB given with a review must be Header's.
        const auto review_dob = ssda903::parse_date(row.view(review_col::kDob));
        if (review_dob != facts_->dob) {
            warn(row.issue(review_col::kDob, "INT17", child,
                           "DOB " + iso_or_null(review_dob).value_or("(blank)") +
                               " differs from Header's " +
                               iso_or_null(facts_->dob).value_or("(blank)")));
        }
        check_age(row, child, *held_day, valid_code ? code : "");
        check_in_care(row, child, *held_day);
    }

    // 440 / 441: PN0 means "under 4 at the review", and only then.
    void check_age(const Row& row, const std::string& child, Date held, const std::string& code) {
        if (!facts_->dob || code.empty()) {
            return;
        }
        const int years = ssda903::age_on(*facts_->dob, held);
        if (code == "PN0" && years >= 4) {
            warn(row.issue(review_col::kCode, "440", child,
                           fmt::format("PN0 (under 4) but the child was {} at the review on {}",
                                       years, to_iso(held))));
        } else if (code != "PN0" && years < 4) {
            warn(row.issue(review_col::kCode, "441", child,
                           fmt::format("{} but the child was under 4 ({}) at the review on {}; "
                                       "expected PN0",
                                       code, years, to_iso(held))));
        }
    }

    // 399: no reg. 33 reviews for short breaks; and a review must fall within a period of care.
    void check_in_care(const Row& row, const std::string& child, Date held) {
        const auto& episodes = facts_->episodes;
        const LoadedEpisode* covering = nullptr;
        std::size_t short_breaks = 0;
        for (const auto& e : episodes) {
            short_breaks += e.short_break ? 1U : 0U;
            if (e.start <= held && (!e.end || *e.end >= held)) {
                covering = &e;
            }
        }
        if ((covering && covering->short_break) ||
            (!episodes.empty() && short_breaks == episodes.size())) {
            warn(row.issue(review_col::kReview, "399", child,
                           "review on " + to_iso(held) +
                               " for a child in short-break care (V3/V4), which is not reviewed "
                               "under reg. 33"));
        } else if (!covering) {
            warn(row.issue(review_col::kReview, "review_outside_care", child,
                           "review on " + to_iso(held) +
                               " falls outside every episode of care in the extract"));
        }
    }

    void uasc(const Row& row) {
        std::string child;
        if (!child_present(row, child)) {
            return;
        }
        const auto ceased = date(row, spec_column(kUascColumns, "DUC"), child, true);
        statement().bind(1, child).bind(2, iso_or_null(ceased));
        load();
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
        const auto start = date(row, spec_column(kMissingColumns, "MIS_START"), child, false);
        if (!start) {
            return;
        }
        auto end = date(row, spec_column(kMissingColumns, "MIS_END"), child, true);
        if (end && *end < *start) {
            warn(row.issue("MIS_END", "end_before_start", child,
                           "missing episode ends before it starts; end date ignored"));
            end.reset();
        }
        statement().bind(1, child).bind(2, type).bind(3, to_iso(*start)).bind(4, iso_or_null(end));
        load();
    }

    Tables tables_;
    Date today_;
    std::string file_;
    std::map<std::string, int> loaded_;
    std::unordered_map<std::string, LoadedChild> children_;  // by child id: those in Header
    std::optional<std::string> facts_child_;                 // the child looked up last
    LoadedChild* facts_ = nullptr;  // and what was loaded of them; null: not in Header
};

// ---- applying a later extract as a difference ------------------------------------------------

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

void apply_episodes(store::Database& db, ImportEvents& events, TableCounts& counts) {
    // The episode before a new one may be in the extract or, for an annual return, only in the
    // history already held.
    db.exec(
        "CREATE TEMP TABLE s_known AS SELECT child_id, start_date, legal_status, placement FROM "
        "s_episodes UNION ALL SELECT child_id, start_date, legal_status, placement FROM episodes "
        "e WHERE e.child_id IN (SELECT child_id FROM s_children) AND NOT EXISTS (SELECT 1 FROM "
        "s_episodes s WHERE s.child_id = e.child_id AND s.start_date = e.start_date)");
    db.exec("CREATE INDEX temp.s_known_child ON s_known (child_id, start_date)");
    // New and changed episodes of the children in the extract, with what they replace.
    auto diff = db.prepare(
        "SELECT s.child_id, s.start_date, s.end_date, s.reason_new_episode, s.legal_status, "
        "  s.placement, s.reason_ceased, e.start_date IS NULL AS is_new, e.end_date, "
        "  (SELECT p.legal_status FROM s_known p WHERE p.child_id = s.child_id AND "
        "     p.start_date < s.start_date ORDER BY p.start_date DESC LIMIT 1), "
        "  (SELECT p.placement FROM s_known p WHERE p.child_id = s.child_id AND "
        "     p.start_date < s.start_date ORDER BY p.start_date DESC LIMIT 1) "
        "FROM s_episodes s LEFT JOIN episodes e ON e.child_id = s.child_id AND e.start_date = "
        "s.start_date WHERE e.start_date IS NULL OR s.end_date IS NOT e.end_date OR "
        "s.reason_new_episode IS NOT e.reason_new_episode OR s.legal_status IS NOT "
        "e.legal_status OR s.category_of_need IS NOT e.category_of_need OR s.placement IS NOT "
        "e.placement OR s.placement_provider IS NOT e.placement_provider OR s.reason_ceased IS "
        "NOT e.reason_ceased OR s.reason_place_change IS NOT e.reason_place_change OR "
        "s.home_postcode IS NOT e.home_postcode OR s.placement_postcode IS NOT "
        "e.placement_postcode OR s.urn IS NOT e.urn "
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
    db.exec(fmt::format(
        "INSERT INTO episodes ({0}) SELECT {0} FROM s_episodes WHERE true "
        "ON CONFLICT (child_id, start_date) DO UPDATE SET end_date = excluded.end_date, "
        "reason_new_episode = excluded.reason_new_episode, legal_status = excluded.legal_status, "
        "category_of_need = excluded.category_of_need, placement = excluded.placement, "
        "placement_provider = excluded.placement_provider, reason_ceased = excluded.reason_ceased, "
        "reason_place_change = excluded.reason_place_change, home_postcode = "
        "excluded.home_postcode, placement_postcode = excluded.placement_postcode, urn = "
        "excluded.urn",
        kEpisodeTableColumns));
}

void apply_reviews(store::Database& db, ImportEvents& events, TableCounts& counts) {
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
    db.exec(
        "INSERT INTO reviews (review_id, child_id, held_on, participation) "
        "SELECT review_id, child_id, held_on, participation FROM s_reviews WHERE true "
        "ON CONFLICT (review_id) DO UPDATE SET participation = excluded.participation");
}

// UASC: one row a child, updated in place; a return that no longer lists a child removes nothing.
void apply_uasc(store::Database& db, const Tables& tables, TableCounts& counts) {
    db.exec("DELETE FROM s_uasc WHERE child_id NOT IN (SELECT child_id FROM " + tables.children +
            ")");  // no Header row: ignored
    counts.added = count_rows(
        db, "SELECT count(*) FROM s_uasc s WHERE child_id NOT IN (SELECT child_id FROM uasc)");
    counts.changed = count_rows(db,
                                "SELECT count(*) FROM s_uasc s JOIN uasc t USING (child_id) WHERE "
                                "t.ceased_uasc_on IS NOT s.ceased");
    db.exec(
        "INSERT INTO uasc SELECT child_id, ceased FROM s_uasc WHERE true ON CONFLICT (child_id) "
        "DO UPDATE SET ceased_uasc_on = excluded.ceased_uasc_on");
}

// Missing episodes by child and start; those the extract lacks were removed by plan first.
void apply_missing(store::Database& db, const Tables& tables, TableCounts& counts) {
    db.exec("DELETE FROM s_missing WHERE child_id NOT IN (SELECT child_id FROM " + tables.children +
            ")");
    counts.added = count_rows(db,
                              "SELECT count(*) FROM s_missing s WHERE NOT EXISTS (SELECT 1 FROM "
                              "missing_episodes t WHERE t.child_id = s.child_id AND t.start_date "
                              "= s.start_date)");
    counts.changed = count_rows(
        db,
        "SELECT count(*) FROM s_missing s JOIN missing_episodes t ON t.child_id = s.child_id AND "
        "t.start_date = s.start_date WHERE t.end_date IS NOT s.end_date OR t.missing_type IS NOT "
        "s.type");
    db.exec(
        "INSERT INTO missing_episodes SELECT child_id, type, start_date, end_date FROM s_missing "
        "WHERE true ON CONFLICT (child_id, start_date) DO UPDATE SET missing_type = "
        "excluded.missing_type, end_date = excluded.end_date");
}

// ---- what the extract covers ------------------------------------------------------------------

// The collection year an ISO day falls in: 1 April to 31 March, named by its first year.
int collection_year(std::string_view iso) {
    const int year = std::stoi(std::string(iso.substr(0, 4)));
    const int month = std::stoi(std::string(iso.substr(5, 2)));
    return month >= 4 ? year : year - 1;
}

std::string year_from(int year) {
    return fmt::format("{:04}-04-01", year);
}
std::string year_to(int year) {
    return fmt::format("{:04}-03-31", year + 1);
}

// An annual return for the year, or a full history when `year` is absent.
struct Scope {
    std::optional<int> year;
    std::string describe() const {
        return year ? "annual return " + return_year_label(*year) : "full history";
    }
};

// Whether the staged extract is one collection year's return: every review held in one year and
// every episode open at some time in it (docs/case-records.md, "Annual returns").
Scope scope_from_content(store::Database& db, const Tables& t) {
    auto reviews = db.prepare("SELECT min(held_on), max(held_on) FROM " + t.reviews);
    reviews.step();
    auto episodes = db.prepare(
        "SELECT max(start_date), min(coalesce(end_date, '9999-12-31')) FROM " + t.episodes);
    episodes.step();
    int year = 0;
    if (!reviews.is_null(0)) {
        year = collection_year(reviews.text(0));
        if (collection_year(reviews.text(1)) != year) {
            return {};
        }
    } else if (!episodes.is_null(0)) {
        year = collection_year(episodes.text(0));
    } else {
        return {};  // no episodes and no reviews: nothing says which year
    }
    if (!episodes.is_null(0) &&
        (episodes.text(0) > year_to(year) || episodes.text(1) < year_from(year))) {
        return {};
    }
    return {year};
}

// Refuses an extract declared an annual return that holds rows from outside its year.
void check_declared_year(store::Database& db, const Tables& t, int year, const fs::path& dir,
                         std::vector<ImportIssue>& fatal) {
    const std::string from = year_from(year);
    const std::string to = year_to(year);
    const std::string label = return_year_label(year);
    // Rows of `table` meeting `outside`, reported with the first of them.
    const auto refuse = [&](const std::string& file, const std::string& table,
                            const std::string& day, const std::string& outside, const char* what) {
        auto first = db.prepare(fmt::format(
            "SELECT child_id, {0}, (SELECT count(*) FROM {1} WHERE {2}) FROM {1} WHERE {2} "
            "ORDER BY child_id LIMIT 1",
            day, table, outside));
        if (first.step()) {
            fatal.push_back({(dir / file).string(), 0, 0, "return_year", first.text(0),
                             fmt::format(fmt::runtime(what), first.integer(2), label, first.text(0),
                                         first.text(1))});
        }
    };
    refuse("episodes.csv", t.episodes, "start_date",
           fmt::format("start_date > '{}' OR coalesce(end_date, '9999-12-31') < '{}'", to, from),
           "{} episodes are not open at any time in {} (e.g. child {}'s starting {}): an annual "
           "return holds only the episodes open in its year; is this a full history "
           "(--full-history)?");
    refuse("reviews.csv", t.reviews, "held_on",
           fmt::format("held_on < '{}' OR held_on > '{}'", from, to),
           "{} reviews were not held in {} (e.g. child {}'s on {}): an annual return holds only "
           "the reviews held in its year; is this a full history (--full-history)?");
}

// ---- removals ---------------------------------------------------------------------------------

// The rows the extract would remove, in temp tables: a full history replaces the records of the
// children it holds; an annual return replaces only what falls inside its year (the episodes open
// in it, the reviews held in it, the missing episodes open in it), whoever's they are.
std::vector<PlannedRemovals> plan_removals(store::Database& db, const Scope& scope,
                                           const fs::path& dir) {
    std::string episodes_in;
    std::string reviews_in;
    std::string missing_in;
    std::string outside;  // a full history's window: from its earliest day on
    if (scope.year) {
        const std::string from = year_from(*scope.year);
        const std::string to = year_to(*scope.year);
        episodes_in = fmt::format(
            "t.start_date <= '{}' AND (t.end_date IS NULL OR t.end_date >= '{}')", to, from);
        reviews_in = fmt::format("t.held_on BETWEEN '{}' AND '{}'", from, to);
        missing_in = fmt::format(
            "t.start_date <= '{}' AND (t.end_date IS NULL OR t.end_date >= '{}')", to, from);
    } else {
        const std::string in_extract = "t.child_id IN (SELECT child_id FROM s_children)";
        episodes_in = reviews_in = missing_in = in_extract;
        auto earliest = db.prepare(
            "SELECT min(day) FROM (SELECT min(start_date) AS day FROM s_episodes UNION ALL "
            "SELECT min(held_on) FROM s_reviews)");
        earliest.step();
        outside = earliest.is_null(0) ? "1" : "day < '" + earliest.text(0) + "'";
    }
    db.exec(fmt::format(
        "CREATE TEMP TABLE s_gone_episodes AS SELECT t.child_id, t.start_date AS day, "
        "t.start_date AS record_id FROM episodes t WHERE ({}) AND NOT EXISTS (SELECT 1 FROM "
        "s_episodes s WHERE s.child_id = t.child_id AND s.start_date = t.start_date)",
        episodes_in));
    db.exec(fmt::format(
        "CREATE TEMP TABLE s_gone_reviews AS SELECT t.child_id, t.held_on AS day, t.review_id AS "
        "record_id FROM reviews t WHERE t.review_id LIKE '903:%' AND ({}) AND t.review_id NOT IN "
        "(SELECT review_id FROM s_reviews)",
        reviews_in));
    db.exec(fmt::format(
        "CREATE TEMP TABLE s_gone_missing AS SELECT t.child_id, t.start_date AS day, "
        "t.start_date AS record_id FROM missing_episodes t WHERE ({}) AND NOT EXISTS (SELECT 1 "
        "FROM s_missing s WHERE s.child_id = t.child_id AND s.start_date = t.start_date)",
        missing_in));
    return {
        {"episodes", "episode", (dir / "episodes.csv").string(), "s_gone_episodes",
         count_rows(db, "SELECT count(*) FROM episodes"), outside},
        {"reviews", "review", (dir / "reviews.csv").string(), "s_gone_reviews",
         count_rows(db, "SELECT count(*) FROM reviews WHERE review_id LIKE '903:%'"), outside},
        {"missing", "missing_episode", (dir / "missing.csv").string(), "s_gone_missing",
         count_rows(db, "SELECT count(*) FROM missing_episodes"), outside},
    };
}

void remove_planned(store::Database& db, const std::vector<PlannedRemovals>& plans,
                    ImportEvents& events, const std::string& source, ImportSummary& summary) {
    for (const auto& plan : plans) {
        summary.tables[plan.table].removed = announce_removals(db, plan, events, source);
    }
    db.exec(
        "DELETE FROM episodes WHERE (child_id, start_date) IN (SELECT child_id, day FROM "
        "s_gone_episodes)");
    db.exec("DELETE FROM reviews WHERE review_id IN (SELECT record_id FROM s_gone_reviews)");
    db.exec(
        "DELETE FROM missing_episodes WHERE (child_id, start_date) IN (SELECT child_id, day FROM "
        "s_gone_missing)");
}

// A blank DEC (or MIS_END) in an annual return means "still open at the end of its year": an
// end the store already holds from a later return is kept, with its reason.
void keep_later_ends(store::Database& db, int year) {
    db.exec(fmt::format(
        "UPDATE s_episodes SET end_date = e.end_date, reason_ceased = e.reason_ceased FROM "
        "episodes e WHERE e.child_id = s_episodes.child_id AND e.start_date = "
        "s_episodes.start_date AND s_episodes.end_date IS NULL AND e.end_date > '{}'",
        year_to(year)));
    db.exec(fmt::format(
        "UPDATE s_missing SET end_date = m.end_date FROM missing_episodes m WHERE m.child_id = "
        "s_missing.child_id AND m.start_date = s_missing.start_date AND s_missing.end_date IS "
        "NULL AND m.end_date > '{}'",
        year_to(year)));
}

// Each period of care must start at an RNE S episode for its reviews to be timed: the first
// review is due 20 working days from that start. A period whose first episode held is another
// kind (the first row of an annual return, say) has an unknown start. A period starts at a child's
// first episode and at any episode that begins after the one before it ended.
//
// One pass over the episodes in key order (child, start), each compared with the one before:
// SQLite's lag() over the same rows sorted them again and took several times as long.
void warn_unknown_starts(store::Database& db, const Tables& tables, const fs::path& dir,
                         WarningSink& warnings) {
    auto episodes = db.prepare(fmt::format(
        "SELECT child_id, start_date, end_date, reason_new_episode FROM episodes WHERE child_id "
        "IN (SELECT child_id FROM {}) ORDER BY child_id, start_date",
        tables.children));
    const std::string file = (dir / "episodes.csv").string();
    std::optional<std::string> previous_child;
    std::optional<std::string> previous_end;  // of the child's episode before this one
    while (episodes.step()) {
        std::string child = episodes.text(0);
        const std::string start = episodes.text(1);
        const bool starts_period =
            previous_child != child || (previous_end.has_value() && *previous_end < start);
        if (starts_period && episodes.text(3) != "S") {
            warnings.push_back(
                {file, 0, 0, "period_start_unknown", child,
                 fmt::format("child {}'s period of care starting {} begins with an RNE {} "
                             "episode, not S: when the child entered care is not known, so the "
                             "first review's due date is not either (load the earlier returns, "
                             "or the full history, to complete it)",
                             child, start, episodes.text(3))});
        }
        previous_end = episodes.optional_text(2);
        previous_child = std::move(child);
    }
}

}  // namespace

std::string return_year_label(int year) {
    return reports::financial_periods(year, false).back().label;
}

ImportSummary import_ssda903(store::Database& db, const fs::path& dir, const store::Change& change,
                             Date today, const Ssda903Options& options) {
    ImportSummary summary;
    summary.kind = "ssda903";
    std::vector<ImportIssue> fatal;
    const auto files = find_extract_files(dir, file_specs(), "SSDA903", fatal);
    if (!fatal.empty()) {
        throw ImportRejected(fatal);
    }

    store::Transaction tx(db);
    summary.import_id = begin_import(db, summary.kind, dir, change);
    summary.baseline = count_rows(db, "SELECT count(*) FROM children") == 0;
    const Tables tables = tables_for(summary.baseline);
    WarningSink warnings(db, summary.import_id, dir);
    db.exec(kDropStaging);
    db.exec(kStaging);
    Stager stager(db, tables, today, warnings, fatal);
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

    Scope scope;
    if (options.return_year) {
        check_declared_year(db, tables, *options.return_year, dir, fatal);
        scope.year = options.return_year;
    } else if (!options.full_history) {
        scope = scope_from_content(db, tables);
    }
    summary.scope = scope.describe();
    if (!fatal.empty()) {
        throw ImportRejected(fatal);
    }

    if (summary.baseline) {
        summary.tables["children"].added = stager.loaded("header");
        summary.tables["episodes"].added = stager.loaded("episodes");
        summary.tables["reviews"].added = stager.loaded("reviews");
    } else {
        if (scope.year) {
            keep_later_ends(db, *scope.year);
        }
        const auto plans = plan_removals(db, scope, dir);
        for (const auto& plan : plans) {
            check_removals(db, plan, options.removals, fatal);
        }
        if (!fatal.empty()) {
            throw ImportRejected(fatal);
        }
        ImportEvents events(db, "ssda903", change.at, true, summary.events_by_kind);
        remove_planned(db, plans, events, fmt::format("ssda903 import {}", summary.import_id),
                       summary);
        apply_children(db, summary.tables["children"]);
        apply_episodes(db, events, summary.tables["episodes"]);
        apply_reviews(db, events, summary.tables["reviews"]);
    }
    apply_uasc(db, tables, summary.tables["uasc"]);
    apply_missing(db, tables, summary.tables["missing"]);
    warn_unknown_starts(db, tables, dir, warnings);

    finish_import(db, warnings, summary);
    db.exec(kDropStaging);
    tx.commit();
    return summary;
}

}  // namespace iro::importers
