// A council's history loaded as its DfE annual returns, year after year, must give the store the
// same history as loading it at once: the shared sample is cut into the returns a council would
// have sent (each year's episodes open in it, with a blank end date where it ended after the
// year; the reviews held in it; its missing episodes), loaded in order, and compared row by row
// and schedule by schedule with the sample loaded whole. A corrected return then changes only
// what falls inside its year.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "calendar/working_day_calendar.hpp"
#include "importers/ssda903_import.hpp"
#include "iro/plugin_api/review_schedule.hpp"
#include "reviews/review_measures.hpp"
#include "store/migrations.hpp"
#include "support/store_queries.hpp"
#include "support/temp_dir.hpp"

namespace iro::importers {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

const plugin::Date kToday{std::chrono::year{2031} / 1 / 1};

fs::path sample_dir() {
    return fs::path(IRO_SHARED_DIR) / "data" / "ssda903-sample";
}

// A CSV file of the sample (it has no quoted fields): its header line and rows split on commas.
struct Table {
    std::string header;
    std::vector<std::vector<std::string>> rows;
};

Table read_table(const fs::path& file) {
    std::ifstream in(file);
    Table t;
    std::getline(in, t.header);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::stringstream ss(line);
        std::string field;
        while (std::getline(ss, field, ',')) {
            fields.push_back(field);
        }
        if (!line.empty() && line.back() == ',') {
            fields.emplace_back();
        }
        t.rows.push_back(std::move(fields));
    }
    return t;
}

// dd/mm/yyyy as yyyy-mm-dd, so days compare as text; empty stays empty.
std::string iso(const std::string& day) {
    return day.empty() ? day : day.substr(6, 4) + "-" + day.substr(3, 2) + "-" + day.substr(0, 2);
}

int collection_year(const std::string& iso_day) {
    const int year = std::stoi(iso_day.substr(0, 4));
    return std::stoi(iso_day.substr(5, 2)) >= 4 ? year : year - 1;
}

void write_table(const fs::path& file, const std::string& header,
                 const std::vector<std::vector<std::string>>& rows) {
    std::ofstream out(file, std::ios::binary);
    out << header << "\n";
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            out << (i == 0 ? "" : ",") << row[i];
        }
        out << "\n";
    }
}

// The sample cut into annual returns in `root`, one folder a year; returns the folders in order.
std::vector<std::pair<int, fs::path>> split_into_returns(const fs::path& root) {
    const Table header = read_table(sample_dir() / "header.csv");
    const Table episodes = read_table(sample_dir() / "episodes.csv");
    const Table reviews = read_table(sample_dir() / "reviews.csv");
    const Table missing = read_table(sample_dir() / "missing.csv");
    const Table uasc = read_table(sample_dir() / "uasc.csv");
    int first = 9999;
    int last = 0;
    for (const auto& e : episodes.rows) {
        first = std::min(first, collection_year(iso(e[1])));
    }
    for (const auto& r : reviews.rows) {
        first = std::min(first, collection_year(iso(r[2])));
        last = std::max(last, collection_year(iso(r[2])));
    }
    std::vector<std::pair<int, fs::path>> out;
    std::set<std::string> placed;  // children given a Header row in some return
    for (int year = first; year <= last; ++year) {
        const std::string from = fmt::format("{}-04-01", year);
        const std::string to = fmt::format("{}-03-31", year + 1);
        std::set<std::string> children;
        std::vector<std::vector<std::string>> year_episodes;
        for (auto e : episodes.rows) {
            // DECOM at 1, DEC at 7, REC at 8
            if (iso(e[1]) > to || (!e[7].empty() && iso(e[7]) < from)) {
                continue;
            }
            if (!e[7].empty() && iso(e[7]) > to) {
                e[7].clear();  // still looked after when the year ended
                e[8].clear();
            }
            children.insert(e[0]);
            year_episodes.push_back(std::move(e));
        }
        std::vector<std::vector<std::string>> year_reviews;
        for (const auto& r : reviews.rows) {
            if (iso(r[2]) >= from && iso(r[2]) <= to) {
                children.insert(r[0]);
                year_reviews.push_back(r);
            }
        }
        std::vector<std::vector<std::string>> year_missing;
        for (auto m : missing.rows) {
            if (iso(m[3]) > to || (!m[4].empty() && iso(m[4]) < from)) {
                continue;
            }
            if (!m[4].empty() && iso(m[4]) > to) {
                m[4].clear();
            }
            year_missing.push_back(std::move(m));
        }
        std::vector<std::vector<std::string>> year_header;
        std::vector<std::vector<std::string>> year_uasc;
        for (const auto& h : header.rows) {
            // A child with no episode or review anywhere goes in the last return.
            if (children.count(h[0]) != 0 || (year == last && placed.count(h[0]) == 0)) {
                year_header.push_back(h);
                placed.insert(h[0]);
            }
        }
        for (const auto& u : uasc.rows) {
            if (children.count(u[0]) != 0) {
                year_uasc.push_back(u);
            }
        }
        const fs::path dir = root / fmt::format("return-{}", year);
        fs::create_directories(dir);
        write_table(dir / "header.csv", header.header, year_header);
        write_table(dir / "episodes.csv", episodes.header, year_episodes);
        write_table(dir / "reviews.csv", reviews.header, year_reviews);
        write_table(dir / "missing.csv", missing.header, year_missing);
        write_table(dir / "uasc.csv", uasc.header, year_uasc);
        out.emplace_back(year, dir);
    }
    return out;
}

std::vector<std::string> dump(store::Database& db) {
    std::vector<std::string> rows;
    for (const char* sql :
         {"SELECT * FROM children ORDER BY child_id", "SELECT * FROM episodes ORDER BY 1, 2",
          "SELECT * FROM reviews ORDER BY review_id", "SELECT * FROM uasc ORDER BY child_id",
          "SELECT * FROM missing_episodes ORDER BY 1, 3"}) {
        auto stmt = db.prepare(sql);
        while (stmt.step()) {
            std::string row = sql;
            for (int i = 0; i < stmt.column_count(); ++i) {
                row += "|" + (stmt.is_null(i) ? std::string("NULL") : stmt.text(i));
            }
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

// Every child's periods of care, reviews with their numbers, due dates and timeliness, and the
// next review due, as of `as_of`.
std::vector<std::string> schedules(store::Database& db, plugin::Date as_of) {
    const calendar::EnglandWalesCalendar calendar;
    std::vector<std::string> out;
    for (const auto& [child, history] : reports::load_histories(db)) {
        const auto s =
            schedule::compute_review_schedule(history.episodes, history.reviews, calendar, as_of);
        for (const auto& p : s.periods) {
            out.push_back(fmt::format("{} period {} to {} reviewable from {} next {}", child,
                                      plugin::to_iso(p.start), p.end ? plugin::to_iso(*p.end) : "-",
                                      p.reviewable_from ? plugin::to_iso(*p.reviewable_from) : "-",
                                      p.next_due ? plugin::to_iso(*p.next_due) : "-"));
            for (const auto& r : p.reviews) {
                out.push_back(fmt::format("{} review {} #{} due {} {}", child, r.review_id,
                                          r.number, plugin::to_iso(r.due_by),
                                          r.on_time ? "on time" : "late"));
            }
        }
    }
    return out;
}

class AnnualReturnsTest : public testing::Test {
  protected:
    AnnualReturnsTest()
        : whole(store::Database::open(root.path() / "whole.sqlite3")),
          yearly(store::Database::open(root.path() / "yearly.sqlite3")) {
        store::migrate(whole, "2030-06-30T00:00:00Z");
        store::migrate(yearly, "2030-06-30T00:00:00Z");
    }

    static ImportSummary load(store::Database& db, const fs::path& dir,
                              const Ssda903Options& options = {}) {
        return import_ssda903(db, dir, {"tester", "2030-06-30T09:00:00Z"}, kToday, options);
    }

    test::TempDir root;
    store::Database whole;
    store::Database yearly;
};

TEST_F(AnnualReturnsTest, ReturnsLoadedYearByYearGiveTheStoreOfTheWholeHistory) {
    const auto whole_summary = load(whole, sample_dir(), {std::nullopt, true, {}});
    EXPECT_EQ(whole_summary.scope, "full history");
    const auto returns = split_into_returns(root.path());
    ASSERT_GE(returns.size(), 5U);
    for (const auto& [year, dir] : returns) {
        const auto s = load(yearly, dir);
        EXPECT_EQ(s.scope, "annual return " + return_year_label(year)) << dir;
        for (const auto& [table, counts] : s.tables) {
            EXPECT_EQ(counts.removed, 0) << dir << " " << table;
        }
    }
    EXPECT_EQ(dump(yearly), dump(whole));
    for (const auto& as_of : {plugin::Date{std::chrono::year{2017} / 3 / 31},
                              plugin::Date{std::chrono::year{2018} / 3 / 31},
                              plugin::Date{std::chrono::year{2020} / 6 / 30}}) {
        EXPECT_EQ(schedules(yearly, as_of), schedules(whole, as_of)) << plugin::to_iso(as_of);
    }
    // Loading any return again changes nothing.
    for (const auto& [year, dir] : returns) {
        const auto again = load(yearly, dir);
        EXPECT_FALSE(again.changed_anything) << dir << "\n" << summary_json(again)["tables"];
    }
    EXPECT_EQ(dump(yearly), dump(whole));
}

TEST_F(AnnualReturnsTest, ACorrectedReturnChangesOnlyWhatFallsInsideItsYear) {
    const auto returns = split_into_returns(root.path());
    for (const auto& [year, dir] : returns) {
        load(yearly, dir);
    }
    const auto before = dump(yearly);
    // The council corrects its 2016-17 return: one review's participation code, one review
    // withdrawn (recorded in error), and one episode's placement.
    const auto it =
        std::find_if(returns.begin(), returns.end(), [](const auto& r) { return r.first == 2016; });
    ASSERT_NE(it, returns.end());
    const fs::path corrected = root.path() / "corrected-2016";
    fs::create_directories(corrected);
    for (const auto& file : fs::directory_iterator(it->second)) {
        fs::copy_file(file.path(), corrected / file.path().filename());
    }
    Table reviews = read_table(corrected / "reviews.csv");
    ASSERT_GE(reviews.rows.size(), 3U);
    const auto recoded = reviews.rows[0];
    reviews.rows[0][3] = recoded[3] == "PN3" ? "PN5" : "PN3";
    const auto withdrawn = reviews.rows[1];
    reviews.rows.erase(reviews.rows.begin() + 1);
    write_table(corrected / "reviews.csv", reviews.header, reviews.rows);
    Table episodes = read_table(corrected / "episodes.csv");
    const auto moved = episodes.rows[0];
    episodes.rows[0][5] = moved[5] == "U1" ? "U2" : "U1";
    write_table(corrected / "episodes.csv", episodes.header, episodes.rows);

    const auto s = load(yearly, corrected);
    EXPECT_EQ(s.scope, "annual return 2016-17");
    EXPECT_EQ(s.tables.at("reviews").changed, 1);
    EXPECT_EQ(s.tables.at("reviews").removed, 1);
    EXPECT_EQ(s.tables.at("episodes").changed, 1);
    EXPECT_EQ(s.tables.at("episodes").removed, 0);
    EXPECT_EQ(s.events_by_kind.at("record_removed"), 1);
    const std::string withdrawn_id = "903:" + withdrawn[0] + ":" + iso(withdrawn[2]);
    EXPECT_THAT(
        test::query_rows(yearly, "SELECT payload FROM case_events WHERE kind = 'record_removed'"),
        testing::ElementsAre(HasSubstr(withdrawn_id)));

    // Everything else is as it was: the rows that differ are exactly the three corrected.
    const auto after = dump(yearly);
    std::vector<std::string> gone;
    std::vector<std::string> added;
    std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                        std::back_inserter(gone));
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                        std::back_inserter(added));
    EXPECT_EQ(gone.size(), 3U) << testing::PrintToString(gone);
    EXPECT_EQ(added.size(), 2U) << testing::PrintToString(added);
    EXPECT_THAT(gone, testing::Contains(HasSubstr("|" + withdrawn_id + "|")));
    EXPECT_THAT(added, testing::Contains(HasSubstr("|" + reviews.rows[0][3] + "|")));
}

TEST_F(AnnualReturnsTest, ADeclaredYearMustHoldOnlyThatYearsRows) {
    const auto problems = [&] {
        try {
            load(yearly, sample_dir(), {2016, false, {}});
        } catch (const ImportRejected& e) {
            return e.problems();
        }
        return std::vector<ImportIssue>{};
    }();
    ASSERT_EQ(problems.size(), 2U);
    EXPECT_THAT(problems[0].message, HasSubstr("episodes are not open at any time in 2016-17"));
    EXPECT_THAT(problems[1].message, HasSubstr("reviews were not held in 2016-17"));
    EXPECT_EQ(test::query_rows(yearly, "SELECT count(*) FROM imports"),
              std::vector<std::string>{"0"});
}

}  // namespace
}  // namespace iro::importers
