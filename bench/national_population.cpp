// iro-bench-national-population: writes a national-scale store for the tick benchmark, straight
// into a migrated iro-host SQLite file. Synthetic and seeded: 100,000 children by default, each
// looked after for a run of reviews held roughly on the reg. 33 schedule (2 to 22 reviews, about
// 12 on average: 1.2 million in all), one in ten having left care, and oversight notes (mid-point
// checks and consultations) on about half of the current cycles, as of the day given.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <random>

#include "clock/timestamps.hpp"
#include "iro/plugin_api/review_schedule.hpp"
#include "store/migrations.hpp"
#include "store/sqlite.hpp"

namespace {

using iro::plugin::Date;

Date plus_days(Date day, int days) {
    return Date{std::chrono::sys_days{day} + std::chrono::days{days}};
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Writes a national-scale synthetic store for the tick benchmark"};
    std::string path;
    int children = 100000;
    std::string as_of_text = "2020-03-15";
    unsigned seed = 903;
    app.add_option("--db", path, "SQLite file to create (must not exist)")->required();
    app.add_option("--children", children, "Children (default 100000)");
    app.add_option("--as-of", as_of_text, "The day the population is drawn up to");
    app.add_option("--seed", seed, "Random seed");
    CLI11_PARSE(app, argc, argv);
    const auto as_of = iro::plugin::parse_iso_date(as_of_text);
    if (!as_of || std::filesystem::exists(path)) {
        fmt::print(stderr, "--as-of must be a day and --db must not exist yet\n");
        return 2;
    }
    iro::store::configure_sqlite();
    auto db = iro::store::Database::open(path);
    iro::store::migrate(db, "2020-01-01T00:00:00Z");
    db.exec("PRAGMA synchronous = OFF");
    std::mt19937 random(seed);
    const auto between = [&](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(random);
    };
    iro::store::Transaction tx(db);
    auto child = db.prepare("INSERT INTO children (child_id, sex, date_of_birth) VALUES (?, ?, ?)");
    auto episode = db.prepare(
        "INSERT INTO episodes (child_id, start_date, end_date, reason_new_episode, legal_status, "
        "placement, reason_ceased) VALUES (?, ?, ?, 'S', 'C2', 'U1', ?)");
    auto review = db.prepare(
        "INSERT INTO reviews (review_id, child_id, held_on, participation) VALUES (?, ?, ?, "
        "'PN1')");
    auto note = db.prepare(
        "INSERT INTO notes (note_id, root_id, version, module_id, kind, child_id, occurred_on, "
        "author_id, author_role, body, recorded_at) "
        "VALUES (?1, ?1, 1, 'oversight-notes', ?2, ?3, ?4, 'IRO1', 'iro', ?5, ?6)");
    std::int64_t reviews = 0;
    std::int64_t notes = 0;
    for (int i = 0; i < children; ++i) {
        const std::string id = fmt::format("N{:06}", i);
        const int count = between(2, 22);
        // Review days back from near the "as of" day: 6 months apart, the second 3 after the
        // first, each up to 20 days either side of schedule.
        std::vector<Date> held(static_cast<std::size_t>(count));
        Date day = plus_days(*as_of, -between(5, 175));
        for (int k = count - 1; k >= 0; --k) {
            held[static_cast<std::size_t>(k)] = day;
            day = plus_days(day, -(k == 1 ? 91 : 182) + between(-20, 20));
        }
        const Date entry = plus_days(held[0], -between(15, 30));
        const bool left = between(1, 10) == 1;
        child.bind(1, id)
            .bind(2, between(1, 2) == 1 ? "1" : "2")
            .bind(3, iro::plugin::to_iso(plus_days(entry, -between(100, 5000))))
            .run();
        child.reset();
        episode.bind(1, id).bind(2, iro::plugin::to_iso(entry));
        if (left) {
            episode.bind(3, iro::plugin::to_iso(plus_days(held.back(), between(1, 4))))
                .bind(4, "E11");
        } else {
            episode.bind(3, std::nullopt).bind(4, "");
        }
        episode.run();
        episode.reset();
        for (int k = 0; k < count; ++k) {
            review.bind(1, fmt::format("{}-R{}", id, k + 1))
                .bind(2, id)
                .bind(3, iro::plugin::to_iso(held[static_cast<std::size_t>(k)]))
                .run();
            review.reset();
            ++reviews;
        }
        // Oversight in the current cycle for about half of the children.
        const auto add_note = [&](const char* kind, Date on) {
            ++notes;
            note.bind(1, notes)
                .bind(2, kind)
                .bind(3, id)
                .bind(4, iro::plugin::to_iso(on))
                .bind(5, fmt::format(R"({{"date":"{}","summary":"synthetic"}})",
                                     iro::plugin::to_iso(on)))
                .bind(6, "2020-01-01T00:00:00Z")
                .run();
            note.reset();
        };
        const int since = static_cast<int>(
            (std::chrono::sys_days{*as_of} - std::chrono::sys_days{held.back()}).count());
        if (!left && since > 2 && between(1, 2) == 1) {
            add_note("midpoint", plus_days(held.back(), between(1, since - 1)));
        }
        if (!left && since > 2 && between(1, 3) == 1) {
            add_note("consultation", plus_days(held.back(), between(1, since - 1)));
        }
    }
    tx.commit();
    db.exec("ANALYZE");
    fmt::print("{}: {} children, {} reviews, {} notes, as of {}\n", path, children, reviews, notes,
               as_of_text);
    return 0;
}
