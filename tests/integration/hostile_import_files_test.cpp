// Every importer, fed what a council's file system and an attacker produce: a header line alone, a
// file cut inside its last row and halfway through, a Windows-1252 byte, a UTF-16 export, two
// files whose names differ only in letter case, a repeated column and a 50 MB field. Each is
// refused with the file, line and column and why, or applied with nothing removed; the store's
// file is byte for byte what it was; the daily tick and the reports still run.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/sqlite.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Every row of every table but the audit log, which records the refused command itself: equal
// before and after means the refusal changed no record.
std::string records_of(const fs::path& store) {
    auto db = store::Database::open(store);
    std::vector<std::string> tables;
    auto names = db.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'audit_log' ORDER BY "
        "name");
    while (names.step()) {
        tables.push_back(names.text(0));
    }
    std::string out;
    for (const auto& table : tables) {
        auto rows = db.prepare("SELECT * FROM \"" + table + "\"");
        out += table + "\n";
        while (rows.step()) {
            for (int i = 0; i < rows.column_count(); ++i) {
                out += rows.optional_text(i).value_or("NULL") + "|";
            }
            out += "\n";
        }
    }
    return out;
}

void spit(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// The lines of `text`, each with its line end.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        const auto stop = end == std::string::npos ? text.size() : end + 1;
        lines.push_back(text.substr(start, stop - start));
        start = stop;
    }
    return lines;
}

std::string join(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to && i < lines.size(); ++i) {
        out += lines[i];
    }
    return out;
}

// What a damaged file does to an input, applied to a copy of it.
struct Damage {
    std::string name;
    std::function<void(const fs::path& file)> apply;
    std::vector<std::string> expected;  ///< in the error, besides the file's path
    bool may_apply = false;             ///< applied with nothing removed is also right
};

std::vector<Damage> damages() {
    return {
        {"header line alone",
         [](const fs::path& f) { spit(f, lines_of(slurp(f)).at(0)); },
         {},
         true},
        {"cut inside its last row",
         [](const fs::path& f) {
             const auto text = slurp(f);
             const auto lines = lines_of(text);
             spit(f, join(lines, 0, lines.size() - 1) + lines.back().substr(0, 5));
         },
         {"truncated file"}},
        {"cut halfway through a row",
         [](const fs::path& f) {
             const auto text = slurp(f);
             auto cut = text.size() / 2;
             while (text[cut - 1] == '\n' || text[cut] == '\n') {
                 ++cut;  // inside a row, not at its end
             }
             spit(f, text.substr(0, cut));
         },
         {"truncated file"}},
        {"cut after half its rows",
         [](const fs::path& f) {
             const auto lines = lines_of(slurp(f));
             spit(f, join(lines, 0, lines.size() / 2 + 1));
         },
         {},
         true},
        {"a Windows-1252 byte",
         [](const fs::path& f) {
             auto lines = lines_of(slurp(f));
             auto& row = lines.at(lines.size() / 2);
             row.insert(row.find(',') + 1, "Caf\xE9 ");
             spit(f, join(lines, 0, lines.size()));
         },
         {"byte 0xE9 is not UTF-8", "Windows-1252"}},
        {"UTF-16",
         [](const fs::path& f) {
             const auto text = slurp(f);
             std::string wide = "\xFF\xFE";
             for (const char c : text) {
                 wide += c;
                 wide += '\0';
             }
             spit(f, wide);
         },
         {":1:1: ", "UTF-16"}},
        {"a repeated column",
         [](const fs::path& f) {
             auto lines = lines_of(slurp(f));
             const auto first = lines[0].substr(0, lines[0].find_first_of(",\r\n"));
             for (auto& line : lines) {
                 const bool header = &line == &lines[0];
                 const auto end = line.find_last_not_of("\r\n") + 1;
                 line.insert(end, "," + (header ? first : std::string("x")));
             }
             spit(f, join(lines, 0, lines.size()));
         },
         {":1:", "appears twice"}},
        {"a 50 MB field",
         [](const fs::path& f) {
             auto lines = lines_of(slurp(f));
             auto& row = lines.at(1);
             row.insert(row.find(',') + 1, std::string(std::size_t{50} * 1024 * 1024, 'A'));
             spit(f, join(lines, 0, lines.size()));
         },
         {":2:", "the limit of 65536 bytes a field may hold"}},
    };
}

class HostileImportFilesTest : public testing::Test {
  protected:
    static void SetUpTestSuite() {
        base_ = new test::TempDir();
        // M1 manages the IROs: the tracker and the SurveyMonkey export are theirs to bring in.
        std::ofstream(base_->path() / "host.json") << R"({"worker_roles": {"M1": "iro_manager"}})";
        const auto made =
            test::run_command({IRO_SAMPLE_COUNCIL_BINARY, "--plausible", "120", "--as-of",
                               "2026-11-23", "--out", (base_->path() / "extract").string()});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        for (const char* kind : {"ssda903", "ssd"}) {
            const auto r = host(
                base_->path() / "data",
                {"import", kind, (base_->path() / "extract").string(), "--as-of", "2026-11-23"});
            ASSERT_EQ(r.exit_code, 0) << r.err;
        }
        // The children and IROs of the alerts tracker, so an undamaged tracker would apply.
        const auto children =
            host(base_->path() / "data",
                 {"events", "ingest",
                  (fs::path(IRO_TEST_FIXTURES_DIR) / "alerts" / "children.jsonl").string(),
                  "--as-of", "2026-11-23"});
        ASSERT_EQ(children.exit_code, 0) << children.err;
    }
    static void TearDownTestSuite() {
        delete base_;
        base_ = nullptr;
    }

    static test::CommandResult host(const fs::path& data, std::vector<std::string> args) {
        args.insert(args.begin(), {test::host_binary().string(), "--config",
                                   (base_->path() / "host.json").string(), "--data-dir",
                                   data.string(), "--actor", "M1"});
        return test::run_command(args);
    }

    // A copy of the loaded store and of the extract, for one damaged run.
    fs::path fresh_copy(const std::string& name) {
        fs::path dir = work.path() / name;
        fs::create_directories(dir);
        fs::copy(base_->path() / "data", dir / "data", fs::copy_options::recursive);
        fs::copy(base_->path() / "extract", dir / "extract", fs::copy_options::recursive);
        return dir;
    }

    // Runs `args` against the copy in `dir` after damaging `file` and checks the outcome.
    void expect_refused_or_harmless(const fs::path& dir, const Damage& damage, const fs::path& file,
                                    const std::vector<std::string>& args) {
        const fs::path store = dir / "data" / "iro-oversight.sqlite3";
        const std::string before = records_of(store);
        damage.apply(file);
        const auto r = host(dir / "data", args);
        const std::string where = damage.name + " in " + file.filename().string();
        if (r.exit_code == 0) {
            EXPECT_TRUE(damage.may_apply) << where << " was applied:\n" << r.out;
            EXPECT_THAT(r.out, testing::Not(testing::ContainsRegex(" [1-9][0-9]*\n\nWarnings")))
                << where;
            EXPECT_THAT(r.out, testing::Not(HasSubstr("record_removed"))) << where;
        } else {
            EXPECT_EQ(r.exit_code, 3) << where << "\n" << r.err;
            EXPECT_THAT(r.err, HasSubstr(file.string() + ":")) << where << "\n" << r.err;
            for (const auto& text : damage.expected) {
                EXPECT_THAT(r.err, HasSubstr(text)) << where;
            }
            EXPECT_LT(r.err.size(), 4096U) << where << ": the error echoes the input";
            EXPECT_TRUE(records_of(store) == before) << where << ": a record changed";
        }
        const auto tick = host(dir / "data", {"tick", "--as-of", "2026-11-24"});
        EXPECT_EQ(tick.exit_code, 0) << where << "\n" << tick.out << tick.err;
        const auto report = host(dir / "data", {"report", "reviews", "--year", "2025-26",
                                                "--format", "json", "--as-of", "2026-11-24"});
        EXPECT_EQ(report.exit_code, 0) << where << "\n" << report.err;
    }

    static inline test::TempDir* base_ = nullptr;
    test::TempDir work;
};

TEST_F(HostileImportFilesTest, Ssda903FilesAreRefusedWithTheirPlace) {
    int n = 0;
    for (const auto& damage : damages()) {
        for (const char* name : {"header.csv", "episodes.csv", "reviews.csv"}) {
            const auto dir = fresh_copy(fmt::format("903-{}", n++));
            expect_refused_or_harmless(
                dir, damage, dir / "extract" / name,
                {"import", "ssda903", (dir / "extract").string(), "--as-of", "2026-11-23"});
        }
    }
}

TEST_F(HostileImportFilesTest, SsdFilesAreRefusedWithTheirPlace) {
    int n = 0;
    for (const auto& damage : damages()) {
        for (const char* name : {"ssd_person.csv", "ssd_involvements.csv"}) {
            const auto dir = fresh_copy(fmt::format("ssd-{}", n++));
            expect_refused_or_harmless(
                dir, damage, dir / "extract" / name,
                {"import", "ssd", (dir / "extract").string(), "--as-of", "2026-11-23"});
        }
    }
}

TEST_F(HostileImportFilesTest, FileNamesDifferingOnlyInCaseAreRefused) {
    for (const char* kind : {"ssda903", "ssd"}) {
        const auto dir = fresh_copy(std::string("names-") + kind);
        const std::string file = std::string(kind) == "ssd" ? "ssd_person.csv" : "header.csv";
        std::string upper = file;
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        fs::copy_file(dir / "extract" / file, dir / "extract" / upper);
        const std::string before = records_of(dir / "data" / "iro-oversight.sqlite3");
        const auto r = host(dir / "data", {"import", kind, (dir / "extract").string()});
        EXPECT_EQ(r.exit_code, 3) << r.err;
        EXPECT_THAT(r.err, HasSubstr("differ only in letter case"));
        EXPECT_THAT(r.err, HasSubstr(upper));
        EXPECT_TRUE(records_of(dir / "data" / "iro-oversight.sqlite3") == before);
    }
}

TEST_F(HostileImportFilesTest, TrackerSurveyAndEventFilesAreRefusedWithTheirPlace) {
    const fs::path fixtures = fs::path(IRO_TEST_FIXTURES_DIR);
    int n = 0;
    for (const auto& damage : damages()) {
        const auto dir = fresh_copy(fmt::format("other-{}", n++));
        fs::copy_file(fixtures / "alerts" / "tracker-2014-15.csv", dir / "tracker.csv");
        expect_refused_or_harmless(
            dir, damage, dir / "tracker.csv",
            {"alerts", "import", (dir / "tracker.csv").string(), "--as-of", "2026-11-23"});
        fs::copy_file(fixtures / "qaf" / "surveymonkey-2014-15.csv", dir / "survey.csv");
        expect_refused_or_harmless(dir, damage, dir / "survey.csv",
                                   {"qaf", "import-surveymonkey", (dir / "survey.csv").string(),
                                    "--questionnaire", "york-qaf@1"});
    }
}

TEST_F(HostileImportFilesTest, EventLinesThatAreNotUtf8OrTooDeepAreRefusedWithTheirPlace) {
    const auto dir = fresh_copy("events");
    const std::string good =
        R"({"event_id":"cms-1","kind":"significant_change","child_id":"C1","occurred_on":"2026-11-01","data":{"description":"move planned"}})";
    const std::string latin = R"({"event_id":"cms-2","kind":"significant_change","child_id":"C)"
                              "\xE9"
                              R"(","occurred_on":"2026-11-01","data":{"description":"x"}})";
    const std::string deep = std::string(5000, '[') + std::string(5000, ']');
    spit(dir / "events.jsonl", good + "\n" + latin + "\n" + deep + "\n" +
                                   std::string(std::size_t{300} * 1024, ' ') + "{}\n");
    const std::string before = records_of(dir / "data" / "iro-oversight.sqlite3");
    const auto r = host(dir / "data", {"events", "ingest", (dir / "events.jsonl").string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    const std::string file = (dir / "events.jsonl").string();
    EXPECT_THAT(r.err, HasSubstr(file + ":2:62: utf8: byte 0xE9 is not UTF-8"));
    EXPECT_THAT(r.err, HasSubstr(file + ":3:1: json: nested more than 32 levels deep"));
    EXPECT_THAT(r.err, HasSubstr(file + ":4:1: size: the line is"));
    EXPECT_TRUE(records_of(dir / "data" / "iro-oversight.sqlite3") == before);
}

// JSON the commands read from files and options: nesting deep enough to exhaust the parser's
// stack used to end them with SIGSEGV; a repeated key silently took the last value.
TEST_F(HostileImportFilesTest, JsonFilesAndOptionsAreParsedWithinBounds) {
    const auto dir = fresh_copy("json");
    const fs::path deep = dir / "deep.json";
    std::ofstream(deep) << std::string(300000, '[') << std::string(300000, ']');
    const fs::path twice = dir / "twice.json";
    std::ofstream(twice) << R"({"text": "one", "text": "two"})";
    const std::string store_before = records_of(dir / "data" / "iro-oversight.sqlite3");
    for (const auto& [args, expected] :
         std::vector<std::pair<std::vector<std::string>, std::string>>{
             {{"notes", "add", "--child", "C1", "--kind", "general", "--file", deep.string()},
              "nested more than"},
             {{"notes", "add", "--child", "C1", "--kind", "general", "--file", twice.string()},
              "the key \"text\" is given twice"},
             {{"qaf", "submit", "--file", deep.string()}, "nested more than"},
             {{"modules", "config", "midpoint-prompts", "--file", deep.string()},
              "nested more than"},
             {{"modules", "request", "add_note", "--input",
               // under execve's 128 KiB limit for one argument
               std::string(60000, '[') + std::string(60000, ']')},
              "nested more than"}}) {
        const auto r = host(dir / "data", args);
        const std::string what = args[0] + " " + args[1];
        EXPECT_NE(r.exit_code, 0) << what;
        EXPECT_LT(r.exit_code, 128) << what << ": ended by a signal";
        EXPECT_THAT(r.err, HasSubstr(expected)) << what << "\n" << r.err.substr(0, 500);
        EXPECT_LT(r.err.size(), 4096U) << what << ": the error echoes the input";
    }
    const fs::path config = dir / "twice-config.json";
    std::ofstream(config) << R"({"log_level": "warning", "log_level": "debug"})";
    const auto r = test::run_command({test::host_binary().string(), "--config", config.string(),
                                      "--data-dir", (dir / "data").string(), "modules", "list"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_THAT(r.err, HasSubstr("the key \"log_level\" is given twice"));
    EXPECT_TRUE(records_of(dir / "data" / "iro-oversight.sqlite3") == store_before);
}

TEST_F(HostileImportFilesTest, CommandLineTextMustBeUtf8) {
    const auto dir = fresh_copy("argv");
    const auto r = host(dir / "data", {"child", "show", "C\xE9"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("byte 0xE9 is not UTF-8"));
}

}  // namespace
}  // namespace iro
