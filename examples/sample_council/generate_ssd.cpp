// iro-sample-council: gives the SSDA903 sample council the allocations a real council's Standard
// Safeguarding Dataset would hold. It reads the extract's Header and Episodes and writes
// ssd_person.csv, ssd_professionals.csv and ssd_involvements.csv: teams, IROs, social workers and
// team managers, each child's IRO and social worker from the start of their care to its end, with
// the changes of worker real councils see. Seeded: the same seed and extract give the same files,
// byte for byte, on every machine (std::mt19937's sequence is fixed by the standard; the standard
// distributions are not, so they are not used).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "importers/csv_reader.hpp"
#include "importers/ssda903_codes.hpp"
#include "iro/plugin_api/dates.hpp"

namespace {

namespace fs = std::filesystem;
using iro::plugin::Date;
using iro::plugin::to_iso;

struct Child {
    std::string sex;
    std::string dob;
    std::string ethnicity;
    std::string upn;
    std::optional<Date> first_start;
    std::optional<Date> last_end;
    bool open = false;
};

struct Worker {
    std::string id;
    std::string name;
    std::string job_title;
    std::string team;
};

class Random {
  public:
    explicit Random(std::uint32_t seed) : engine_(seed) {}
    std::size_t below(std::size_t n) { return engine_() % n; }
    bool chance(unsigned percent) { return engine_() % 100U < percent; }

  private:
    std::mt19937 engine_;
};

std::size_t column_of(const iro::importers::CsvReader& reader, const std::string& title) {
    const auto& header = reader.header();
    const auto it = std::find(header.begin(), header.end(), title);
    if (it == header.end()) {
        throw std::runtime_error(reader.path().string() + ": no column " + title);
    }
    return static_cast<std::size_t>(it - header.begin());
}

std::map<std::string, Child> read_children(const fs::path& dir) {
    std::map<std::string, Child> children;
    iro::importers::CsvRecord row;
    iro::importers::CsvReader header(dir / "header.csv");
    const auto child = column_of(header, "CHILD");
    const auto sex = column_of(header, "SEX");
    const auto dob = column_of(header, "DOB");
    const auto ethnic = column_of(header, "ETHNIC");
    const auto upn = column_of(header, "UPN");
    while (header.next(row)) {
        const auto day = iro::importers::ssda903::parse_date(row.fields.at(dob));
        children.emplace(row.fields.at(child), Child{row.fields.at(sex) == "1" ? "M" : "F",
                                                     day ? to_iso(*day) : "",
                                                     row.fields.at(ethnic),
                                                     row.fields.at(upn),
                                                     {},
                                                     {},
                                                     false});
    }
    iro::importers::CsvReader episodes(dir / "episodes.csv");
    const auto e_child = column_of(episodes, "CHILD");
    const auto decom = column_of(episodes, "DECOM");
    const auto dec = column_of(episodes, "DEC");
    while (episodes.next(row)) {
        const auto it = children.find(row.fields.at(e_child));
        const auto start = iro::importers::ssda903::parse_date(row.fields.at(decom));
        if (it == children.end() || !start) {
            continue;  // the importer reports these; the generator only needs good rows
        }
        Child& c = it->second;
        const auto end = iro::importers::ssda903::parse_date(row.fields.at(dec));
        c.first_start = c.first_start ? std::min(*c.first_start, *start) : *start;
        if (!end) {
            c.open = true;
        } else {
            c.last_end = c.last_end ? std::max(*c.last_end, *end) : *end;
        }
    }
    return children;
}

// Synthetic staff names: the sample holds no real person, and neither does this.
std::string staff_name(Random& random) {
    static const std::vector<std::string> kFirst{
        "Alex",  "Sam",   "Jordan", "Priya", "Tomasz", "Aisha", "Chris", "Morgan", "Nadia",
        "Owen",  "Ruth",  "Imran",  "Grace", "Dylan",  "Freya", "Kemi",  "Lewis",  "Maria",
        "Hamza", "Sofia", "Ben",    "Chloe", "Ravi",   "Zara",  "Ellis", "Beth",   "Kwame"};
    static const std::vector<std::string> kLast{
        "Ashworth", "Bennett", "Chowdhury", "Davies",   "Evans", "Fletcher", "Green",
        "Hughes",   "Iqbal",   "Jones",     "Kowalski", "Lewis", "Mensah",   "Novak",
        "Okafor",   "Patel",   "Quinn",     "Roberts",  "Singh", "Turner",   "Walsh"};
    return kFirst[random.below(kFirst.size())] + " " + kLast[random.below(kLast.size())];
}

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        return value;
    }
    std::string quoted = "\"";
    for (char c : value) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

void write_row(std::ofstream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        out << (i == 0 ? "" : ",") << csv_field(fields[i]);
    }
    out << "\n";
}

// A day between `from` and `to` (inclusive).
Date day_between(Random& random, Date from, Date to) {
    const auto first = std::chrono::sys_days(from);
    const auto span = (std::chrono::sys_days(to) - first).count();
    return Date(first + std::chrono::days(static_cast<int>(
                            random.below(static_cast<std::size_t>(std::max(span, 0L)) + 1))));
}

struct Council {
    std::vector<Worker> iros;
    std::vector<Worker> social_workers;
    std::map<std::string, Worker> managers;  // by team
};

Council make_council(Random& random, std::size_t children) {
    static const std::vector<std::string> kTeams{"Children in Care North", "Children in Care South",
                                                 "Children in Care East",  "Children in Care West",
                                                 "Care Leavers",           "Disabled Children"};
    Council council;
    // Roughly the caseloads councils publish: an IRO per 70 looked-after children at any one
    // time, a social worker per 18 (the sample's children are spread over several years).
    const std::size_t iros = std::max<std::size_t>(4, children / 110);
    const std::size_t workers = std::max<std::size_t>(kTeams.size(), children / 30);
    for (std::size_t i = 0; i < iros; ++i) {
        council.iros.push_back({"IRO" + std::to_string(1001 + i), staff_name(random),
                                "Independent Reviewing Officer", "IRO Service"});
    }
    for (std::size_t i = 0; i < workers; ++i) {
        const std::string& team = kTeams[i % kTeams.size()];
        council.social_workers.push_back({"SW" + std::to_string(2001 + i), staff_name(random),
                                          i % 5 == 0 ? "Senior Social Worker" : "Social Worker",
                                          team});
    }
    for (std::size_t i = 0; i < kTeams.size(); ++i) {
        council.managers[kTeams[i]] = {"TM" + std::to_string(3001 + i), staff_name(random),
                                       "Team Manager", kTeams[i]};
    }
    return council;
}

struct Involvement {
    std::string child;
    const Worker* worker;
    std::string role;
    Date start;
    std::optional<Date> end;
};

// The child's workers of one kind from `start` to `end`, changing up to `max_changes` times.
void allocate(Random& random, const std::string& child, const std::vector<Worker>& pool,
              const std::string& role, Date start, std::optional<Date> end, unsigned change_percent,
              int max_changes, std::vector<Involvement>& out) {
    const Worker* current = &pool[random.below(pool.size())];
    Date from = start;
    for (int change = 0; change < max_changes && end && *end > from; ++change) {
        if (!random.chance(change_percent)) {
            break;
        }
        const Date to = day_between(random, from, *end);
        if (to == from) {
            break;
        }
        out.push_back({child, current, role, from, to});
        from = to;
        current = &pool[random.below(pool.size())];
    }
    out.push_back({child, current, role, from, end});
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "Writes SSD allocations (ssd_person, ssd_professionals, ssd_involvements) for an "
        "SSDA903 extract, seeded so every run gives the same files"};
    std::string from;
    std::string out_dir;
    std::uint32_t seed = 903;
    app.add_option("--from", from, "Directory of the SSDA903 extract (header.csv, episodes.csv)")
        ->required();
    app.add_option("--out", out_dir, "Directory to write the SSD CSV files into")->required();
    app.add_option("--seed", seed, "Random seed (default 903)");
    CLI11_PARSE(app, argc, argv);

    try {
        const auto children = read_children(from);
        Random random(seed);
        const Council council = make_council(random, children.size());
        fs::create_directories(out_dir);

        std::ofstream person(fs::path(out_dir) / "ssd_person.csv", std::ios::binary);
        write_row(person, {"pers_person_id", "pers_sex", "pers_dob", "pers_ethnicity", "pers_upn"});
        std::vector<Involvement> involvements;
        for (const auto& [id, child] : children) {
            write_row(person, {id, child.sex, child.dob, child.ethnicity, child.upn});
            if (!child.first_start) {
                continue;  // never in care in the extract: nobody is allocated
            }
            const std::optional<Date> end =
                child.open ? std::nullopt : std::optional<Date>(child.last_end);
            allocate(random, id, council.iros, "IRO", *child.first_start, end, 30, 2, involvements);
            const std::size_t first_sw = involvements.size();
            allocate(random, id, council.social_workers, "Allocated Social Worker",
                     *child.first_start, end, 45, 3, involvements);
            // The team manager follows the social worker's team.
            for (std::size_t i = first_sw, n = involvements.size(); i < n; ++i) {
                const Involvement sw = involvements[i];
                involvements.push_back(
                    {id, &council.managers.at(sw.worker->team), "Team Manager", sw.start, sw.end});
            }
        }

        std::ofstream professionals(fs::path(out_dir) / "ssd_professionals.csv", std::ios::binary);
        write_row(professionals, {"prof_professional_id", "prof_professional_name",
                                  "prof_professional_job_title", "prof_professional_department"});
        for (const auto* pool : {&council.iros, &council.social_workers}) {
            for (const auto& w : *pool) {
                write_row(professionals, {w.id, w.name, w.job_title, w.team});
            }
        }
        for (const auto& [team, w] : council.managers) {
            write_row(professionals, {w.id, w.name, w.job_title, w.team});
        }

        std::ofstream invo(fs::path(out_dir) / "ssd_involvements.csv", std::ios::binary);
        write_row(invo,
                  {"invo_involvements_id", "invo_professional_id", "invo_professional_role_id",
                   "invo_professional_team", "invo_involvement_start_date",
                   "invo_involvement_end_date", "invo_person_id"});
        std::size_t n = 0;
        for (const auto& i : involvements) {
            write_row(invo, {std::to_string(++n), i.worker->id, i.role, i.worker->team,
                             to_iso(i.start), i.end ? to_iso(*i.end) : "", i.child});
        }
        std::cout << "Wrote " << children.size() << " people, "
                  << council.iros.size() + council.social_workers.size() + council.managers.size()
                  << " professionals and " << involvements.size() << " involvements to " << out_dir
                  << " (seed " << seed << ")\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "iro-sample-council: " << e.what() << "\n";
        return 1;
    }
}
