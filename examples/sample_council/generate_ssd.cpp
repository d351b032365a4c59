// iro-sample-council: a council for the main job and for demonstrations.
//
//   --from DIR: gives an SSDA903 extract (the shared sample) the allocations a real council's
//   Standard Safeguarding Dataset would hold, as ssd_person, ssd_professionals and
//   ssd_involvements CSVs: teams, IROs, social workers and team managers, each child's IRO and
//   social worker from the start of their care to its end, with the changes of worker real
//   councils see.
//
//   --plausible N --as-of DAY: a council of its own, N children with sensible histories relative
//   to DAY, as an SSDA903 extract plus the same SSD files.
//
// Seeded: the same seed and input give the same files, byte for byte, on every machine.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "council.hpp"
#include "importers/csv_reader.hpp"
#include "importers/ssda903_codes.hpp"
#include "iro/plugin_api/dates.hpp"
#include "plausible_council.hpp"

namespace {

namespace fs = std::filesystem;
using iro::plugin::Date;
using iro::plugin::to_iso;
using iro::sample::Person;

std::size_t column_of(const iro::importers::CsvReader& reader, const std::string& title) {
    const auto& header = reader.header();
    const auto it = std::find(header.begin(), header.end(), title);
    if (it == header.end()) {
        throw std::runtime_error(reader.path().string() + ": no column " + title);
    }
    return static_cast<std::size_t>(it - header.begin());
}

// The extract's children, by id, with the span of their care from Episodes.
std::vector<Person> read_children(const fs::path& dir) {
    std::map<std::string, Person> children;
    std::map<std::string, bool> open;
    iro::importers::CsvRecord row;
    iro::importers::CsvReader header(dir / "header.csv");
    const auto child = column_of(header, "CHILD");
    const auto sex = column_of(header, "SEX");
    const auto dob = column_of(header, "DOB");
    const auto ethnic = column_of(header, "ETHNIC");
    const auto upn = column_of(header, "UPN");
    while (header.next(row)) {
        const auto day = iro::importers::ssda903::parse_date(row.fields.at(dob));
        const std::string id = row.fields.at(child);
        children.emplace(
            id, Person{id, row.fields.at(sex) == "1" ? "M" : "F", day ? to_iso(*day) : "",
                       row.fields.at(ethnic), row.fields.at(upn), std::nullopt, std::nullopt});
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
        Person& p = it->second;
        const auto end = iro::importers::ssda903::parse_date(row.fields.at(dec));
        p.care_from = p.care_from ? std::min(*p.care_from, *start) : *start;
        if (!end) {
            open[p.id] = true;
        } else {
            p.care_to = p.care_to ? std::max(*p.care_to, *end) : *end;
        }
    }
    std::vector<Person> people;
    for (auto& [id, p] : children) {
        if (open[id]) {
            p.care_to.reset();  // still in care at the end of the extract
        }
        people.push_back(std::move(p));
    }
    return people;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "Writes a synthetic council's SSD allocations (and, with --plausible, its SSDA903 "
        "extract), seeded so every run gives the same files"};
    std::string from;
    std::string out_dir;
    std::size_t plausible = 0;
    std::string as_of;
    std::uint32_t seed = 903;
    auto* from_opt = app.add_option(
        "--from", from, "SSDA903 extract to allocate workers to (header.csv, episodes.csv)");
    auto* plausible_opt =
        app.add_option("--plausible", plausible, "Generate a council of this many children");
    from_opt->excludes(plausible_opt);
    app.add_option("--as-of", as_of, "With --plausible: the day histories lead up to (YYYY-MM-DD)")
        ->needs(plausible_opt);
    app.add_option("--out", out_dir, "Directory to write the CSV files into")->required();
    app.add_option("--seed", seed, "Random seed (default 903)");
    CLI11_PARSE(app, argc, argv);

    try {
        iro::sample::Random random(seed);
        std::vector<Person> people;
        if (plausible > 0) {
            const auto day = iro::plugin::parse_iso_date(as_of);
            if (!day) {
                throw std::invalid_argument("--plausible needs --as-of YYYY-MM-DD");
            }
            people = iro::sample::write_plausible_903(out_dir, plausible, *day, random);
        } else if (!from.empty()) {
            people = read_children(from);
        } else {
            throw std::invalid_argument("give --from DIR or --plausible N --as-of DAY");
        }
        const auto council = iro::sample::make_council(random, people.size());
        const auto counts = iro::sample::write_ssd(out_dir, people, council, random);
        std::cout << "Wrote " << counts.people << " people, " << counts.professionals
                  << " professionals and " << counts.involvements << " involvements"
                  << (plausible > 0 ? " (and their SSDA903 extract)" : "") << " to " << out_dir
                  << " (seed " << seed << ")\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "iro-sample-council: " << e.what() << "\n";
        return 1;
    }
}
