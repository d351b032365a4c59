// Benchmark: the QAF report engine counting every answer of 1,000,000 york-qaf responses by
// quarter, side by side with the sqlite3 shell computing the same counts from the same store file
// in the same run: once from the answers as JSON (json_each, what an analyst would write against
// the table) and once from the same packed codes the engine reads (substr per answer byte). Each
// sqlite3 result is checked to equal the engine's counts before any time is reported.
//
// The responses are generated straight into a store by the host's own packing (answers valid for
// york-qaf@1, about 5% of questions skipped, question 31 "Not applicable" alone in 85%), all in
// the financial year 2015-16.

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

#include "clock/council_clock.hpp"
#include "qaf/answer_check.hpp"
#include "qaf/definition_store.hpp"
#include "qaf/qaf_tally.hpp"
#include "store/migrations.hpp"

namespace {

namespace fs = std::filesystem;
using iro::questionnaires::Definition;
using iro::questionnaires::QuestionType;
// (quarter 0-3, question id, option code or "*answered") -> count
using Counts = std::map<std::tuple<int, std::string, std::string>, std::int64_t>;

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void generate(iro::store::Database& db, const Definition& d, int count) {
    std::mt19937_64 rng(20160331);
    std::uniform_real_distribution<double> unit(0, 1);
    iro::store::Transaction tx(db);
    auto insert = db.prepare(
        "INSERT INTO questionnaire_responses (module_id, questionnaire, questionnaire_version, "
        "child_id, review_id, completed_on, author_id, author_role, answers, recorded_at, "
        "submitted_at, source, external_id, codes) VALUES ('qaf', ?, ?, NULL, '', ?, 'bench', "
        "'iro_manager', ?, '2016-04-01T00:00:00Z', '2016-04-01T00:00:00Z', 'bench', ?, ?)");
    const auto first = std::chrono::sys_days{
        iro::plugin::Date{std::chrono::year{2015}, std::chrono::April, std::chrono::day{1}}};
    for (int i = 0; i < count; ++i) {
        nlohmann::json answers = nlohmann::json::object();
        for (const auto& q : d.questions) {
            if (unit(rng) < 0.05) {
                continue;
            }
            const auto n = q.options.size();
            if (q.type == QuestionType::single_choice) {
                answers[q.id] = q.options[rng() % n].code;
            } else if (q.type == QuestionType::multiple_choice) {
                if (unit(rng) < 0.85) {
                    answers[q.id] = nlohmann::json::array({q.options.front().code});
                    continue;
                }
                std::vector<std::string> picked;
                const auto k = 1 + rng() % 3;
                while (picked.size() < k) {
                    const auto& code = q.options[1 + rng() % (n - 1)].code;
                    if (std::find(picked.begin(), picked.end(), code) == picked.end()) {
                        picked.push_back(code);
                    }
                }
                std::vector<std::string> ordered;
                for (const auto& o : q.options) {
                    if (std::find(picked.begin(), picked.end(), o.code) != picked.end()) {
                        ordered.push_back(o.code);
                    }
                }
                answers[q.id] = ordered;
            }
        }
        const auto day = iro::plugin::Date{first + std::chrono::days{i % 366}};
        insert.bind(1, d.id)
            .bind(2, std::int64_t{d.version})
            .bind(3, iro::plugin::to_iso(day))
            .bind(4, answers.dump())
            .bind(5, std::to_string(i))
            .bind_blob(6, iro::questionnaires::pack_answers(d, answers));
        insert.run();
        insert.reset();
    }
    tx.commit();
}

Counts engine_counts(const iro::reports::QafTally& tally) {
    Counts out;
    for (const auto& g : tally.groups) {
        const int quarter = g.key.back() - '1';
        for (std::size_t qi = 0; qi < tally.layout.questions.size(); ++qi) {
            const auto& q = tally.layout.questions[qi];
            out[{quarter, q.id, "*answered"}] = g.questions[qi].answered;
            for (std::size_t o = 0; o < q.options.size(); ++o) {
                if (g.questions[qi].options[o] != 0) {
                    out[{quarter, q.id, q.options[o].code}] = g.questions[qi].options[o];
                }
            }
        }
    }
    return out;
}

constexpr const char* kQuarter = "((CAST(substr(completed_on, 6, 2) AS INTEGER) + 8) % 12) / 3";
constexpr const char* kCurrent =
    "questionnaire = 'york-qaf' AND completed_on BETWEEN '2015-04-01' AND '2016-03-31' AND "
    "response_id NOT IN (SELECT amends FROM questionnaire_responses WHERE amends IS NOT NULL)";

// The JSON way: one row per answer (and per chosen option of a multiple choice).
std::string json_sql() {
    return fmt::format(
        ".mode list\n.separator |\n"
        "SELECT {0}, j.key, j.value, count(*) FROM questionnaire_responses r, json_each(r.answers) "
        "j WHERE {1} AND j.type = 'text' GROUP BY 1, 2, 3;\n"
        "SELECT {0}, j.key, m.value, count(*) FROM questionnaire_responses r, "
        "json_each(r.answers) j, json_each(j.value) m WHERE {1} AND j.type = 'array' GROUP BY 1, "
        "2, 3;\n"
        "SELECT {0}, j.key, '*answered', count(*) FROM questionnaire_responses r, "
        "json_each(r.answers) j WHERE {1} GROUP BY 1, 2;\n",
        kQuarter, kCurrent);
}

// The packed-codes way: one pass, a sum per option byte.
std::string codes_sql(const Definition& d) {
    std::vector<std::string> sums;
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto& q : d.questions) {
        if (q.type == QuestionType::single_choice) {
            sums.push_back(fmt::format("sum(substr(codes, {}, 1) <> x'00')", q.offset + 1));
            names.emplace_back(q.id, "*answered");
            for (std::size_t o = 0; o < q.options.size(); ++o) {
                sums.push_back(
                    fmt::format("sum(substr(codes, {}, 1) = x'{:02x}')", q.offset + 1, o + 1));
                names.emplace_back(q.id, q.options[o].code);
            }
        } else if (q.type == QuestionType::multiple_choice) {
            sums.push_back(fmt::format("sum(substr(codes, {}, {}) <> zeroblob({}))", q.offset + 1,
                                       q.width, q.width));
            names.emplace_back(q.id, "*answered");
            for (std::size_t o = 0; o < q.options.size(); ++o) {
                sums.push_back(fmt::format("sum(substr(codes, {}, 1) = x'01')", q.offset + 1 + o));
                names.emplace_back(q.id, q.options[o].code);
            }
        }
    }
    std::string header;
    for (const auto& [q, o] : names) {
        header.append("|").append(q).append("/").append(o);
    }
    return fmt::format(
        ".mode list\n.separator |\nSELECT '#'||'{}';\nSELECT {}, {} FROM "
        "questionnaire_responses WHERE {} AND codes IS NOT NULL GROUP BY 1;\n",
        header, kQuarter, fmt::join(sums, ", "), kCurrent);
}

// Runs the sqlite3 shell on `db` with `script` on stdin; returns its output and wall time.
std::pair<std::string, double> run_sqlite(const std::string& sqlite, const fs::path& db,
                                          const std::string& script) {
    const fs::path in = db.parent_path() / "query.sql";
    std::ofstream(in) << script;
    const std::string command =
        fmt::format("'{}' -bail '{}' < '{}'", sqlite, db.string(), in.string());
    const auto start = std::chrono::steady_clock::now();
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        throw std::runtime_error("cannot run " + sqlite);
    }
    std::string out;
    std::array<char, 65536> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        out.append(buffer.data(), n);
    }
    const int status = pclose(pipe);
    const double took = seconds_since(start);
    if (status != 0) {
        throw std::runtime_error("sqlite3 failed: " + out.substr(0, 300));
    }
    return {out, took};
}

Counts parse_json_counts(const std::string& out) {
    Counts counts;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
        std::array<std::string, 4> f;
        std::istringstream fields(line);
        for (auto& x : f) {
            std::getline(fields, x, '|');
        }
        if (f[3].empty()) {
            continue;
        }
        counts[{std::stoi(f[0]), f[1], f[2]}] += std::stoll(f[3]);
    }
    return counts;
}

Counts parse_code_counts(const std::string& out) {
    Counts counts;
    std::istringstream lines(out);
    std::string line;
    std::vector<std::pair<std::string, std::string>> names;
    while (std::getline(lines, line)) {
        std::vector<std::string> f;
        std::istringstream fields(line);
        std::string x;
        while (std::getline(fields, x, '|')) {
            f.push_back(x);
        }
        if (!line.empty() && line[0] == '#') {
            for (std::size_t i = 1; i < f.size(); ++i) {
                const auto slash = f[i].find('/');
                names.emplace_back(f[i].substr(0, slash), f[i].substr(slash + 1));
            }
            continue;
        }
        for (std::size_t i = 1; i < f.size(); ++i) {
            if (const auto n = std::stoll(f[i]); n != 0) {
                counts[{std::stoi(f[0]), names[i - 1].first, names[i - 1].second}] = n;
            }
        }
    }
    return counts;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"QAF aggregation of generated responses against the sqlite3 shell"};
    std::string definition_file;
    std::string sqlite = "sqlite3";
    std::string work = fs::temp_directory_path() / "iro-bench-qaf";
    int responses = 1'000'000;
    int runs = 5;
    bool keep = false;
    std::string into;
    app.add_option("--definition", definition_file, "york-qaf-1.json")->required();
    app.add_option("--into", into,
                   "Only add the generated responses to this existing store (for the HTTP load "
                   "test's report), then stop");
    app.add_option("--sqlite3", sqlite, "The sqlite3 shell (default: sqlite3 on PATH)");
    app.add_option("--work-dir", work, "Scratch directory (emptied)");
    app.add_option("--responses", responses, "Responses to generate (default 1,000,000)");
    app.add_option("--runs", runs, "Runs of each contender (median reported; default 5)");
    app.add_flag("--keep", keep, "Keep the generated store");
    CLI11_PARSE(app, argc, argv);
    try {
        if (!into.empty()) {
            auto db = iro::store::Database::open(into);
            std::ifstream in(definition_file);
            const Definition d = iro::questionnaires::parse_definition(nlohmann::json::parse(in));
            iro::questionnaires::store_definition(db, "qaf", d, "2016-04-01T00:00:00Z");
            const auto start = std::chrono::steady_clock::now();
            generate(db, d, responses);
            std::cout << fmt::format("Added {} york-qaf@1 responses to {} in {:.1f} s\n", responses,
                                     into, seconds_since(start));
            return 0;
        }
        fs::remove_all(work);
        fs::create_directories(work);
        const fs::path file = fs::path(work) / "qaf.sqlite3";
        const iro::clock::CouncilClock clock;
        auto db = iro::store::Database::open(file);
        iro::store::migrate(db, "2016-04-01T00:00:00Z");
        std::ifstream in(definition_file);
        const Definition d = iro::questionnaires::parse_definition(nlohmann::json::parse(in));
        iro::questionnaires::store_definition(db, "qaf", d, "2016-04-01T00:00:00Z");
        auto start = std::chrono::steady_clock::now();
        generate(db, d, responses);
        db.exec("ANALYZE");
        std::cout << fmt::format("Generated {} york-qaf@1 responses in {:.1f} s ({:.0f} MiB)\n",
                                 responses, seconds_since(start),
                                 static_cast<double>(fs::file_size(file)) / 1048576.0);

        const iro::reports::QafQuery query{"york-qaf", *iro::plugin::parse_iso_date("2015-04-01"),
                                           *iro::plugin::parse_iso_date("2016-03-31"),
                                           iro::reports::QafGrouping::quarter};
        std::vector<double> ours;
        std::vector<double> by_json;
        std::vector<double> by_codes;
        Counts engine;
        for (int run = 0; run < runs; ++run) {
            start = std::chrono::steady_clock::now();
            const auto tally = iro::reports::tally_responses(db, query);
            ours.push_back(seconds_since(start));
            engine = engine_counts(tally);
            const auto [json_out, json_time] = run_sqlite(sqlite, file, json_sql());
            const auto [codes_out, codes_time] = run_sqlite(sqlite, file, codes_sql(d));
            by_json.push_back(json_time);
            by_codes.push_back(codes_time);
            if (parse_json_counts(json_out) != engine) {
                throw std::runtime_error("sqlite3's counts from the JSON answers differ");
            }
            if (parse_code_counts(codes_out) != engine) {
                throw std::runtime_error("sqlite3's counts from the packed codes differ");
            }
        }
        const auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        std::cout << fmt::format(
            "\nAll {} questions by quarter, {} responses; identical counts from all three; median "
            "of {} runs:\n\n",
            d.questions.size(), responses, runs);
        std::cout << fmt::format("  {:<58} {:>9.3f} s\n",
                                 "IRO Oversight report engine (target: under 1 s)", median(ours));
        std::cout << fmt::format("  {:<58} {:>9.3f} s\n",
                                 "sqlite3 shell, same counts from the JSON answers",
                                 median(by_json));
        std::cout << fmt::format("  {:<58} {:>9.3f} s\n",
                                 "sqlite3 shell, same counts from the packed codes",
                                 median(by_codes));
        std::cout << fmt::format("  {:<58} {:>9.1f}x / {:.1f}x\n", "engine faster than sqlite3 by",
                                 median(by_json) / median(ours), median(by_codes) / median(ours));
        if (!keep) {
            fs::remove_all(work);
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "iro-bench-qaf: " << e.what() << "\n";
        return 1;
    }
}
