#include "council.hpp"

#include <algorithm>
#include <chrono>

namespace iro::sample {

namespace {

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
        const Date to = random.day_between(from, *end);
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

Date Random::day_between(Date from, Date to) {
    const auto first = std::chrono::sys_days(from);
    const auto span = (std::chrono::sys_days(to) - first).count();
    return Date(first + std::chrono::days(static_cast<int>(
                            below(static_cast<std::size_t>(std::max(span, 0L)) + 1))));
}

void write_row(std::ofstream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        out << (i == 0 ? "" : ",") << csv_field(fields[i]);
    }
    out << "\n";
}

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

SsdCounts write_ssd(const std::filesystem::path& dir, const std::vector<Person>& people,
                    const Council& council, Random& random) {
    std::filesystem::create_directories(dir);
    std::ofstream person(dir / "ssd_person.csv", std::ios::binary);
    write_row(person, {"pers_person_id", "pers_sex", "pers_dob", "pers_ethnicity", "pers_upn"});
    std::vector<Involvement> involvements;
    for (const auto& p : people) {
        write_row(person, {p.id, p.sex, p.dob, p.ethnicity, p.upn});
        if (!p.care_from) {
            continue;  // never in care: nobody is allocated
        }
        allocate(random, p.id, council.iros, "IRO", *p.care_from, p.care_to, 30, 2, involvements);
        const std::size_t first_sw = involvements.size();
        allocate(random, p.id, council.social_workers, "Allocated Social Worker", *p.care_from,
                 p.care_to, 45, 3, involvements);
        // The team manager follows the social worker's team.
        for (std::size_t i = first_sw, n = involvements.size(); i < n; ++i) {
            const Involvement sw = involvements[i];
            involvements.push_back(
                {p.id, &council.managers.at(sw.worker->team), "Team Manager", sw.start, sw.end});
        }
    }

    std::ofstream professionals(dir / "ssd_professionals.csv", std::ios::binary);
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

    std::ofstream invo(dir / "ssd_involvements.csv", std::ios::binary);
    write_row(invo, {"invo_involvements_id", "invo_professional_id", "invo_professional_role_id",
                     "invo_professional_team", "invo_involvement_start_date",
                     "invo_involvement_end_date", "invo_person_id"});
    std::size_t n = 0;
    for (const auto& i : involvements) {
        write_row(invo, {std::to_string(++n), i.worker->id, i.role, i.worker->team,
                         plugin::to_iso(i.start), i.end ? plugin::to_iso(*i.end) : "", i.child});
    }
    return {people.size(),
            council.iros.size() + council.social_workers.size() + council.managers.size(),
            involvements.size()};
}

}  // namespace iro::sample
