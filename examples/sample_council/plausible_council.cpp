#include "plausible_council.hpp"

#include <array>
#include <chrono>
#include <string>

#include "calendar/working_day_calendar.hpp"
#include "importers/ssda903_codes.hpp"
#include "iro/plugin_api/review_schedule.hpp"

namespace iro::sample {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

std::string dmy(Date d) {
    const std::string iso = plugin::to_iso(d);
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

Date plus_days(Date d, int n) {
    return Date(sys_days(d) + days(n));
}

template <std::size_t N>
const char* pick(Random& random, const std::array<const char*, N>& items) {
    return items[random.below(N)];
}

// PN0 under 4; otherwise roughly the spread councils publish.
std::string participation(Random& random, Date dob, Date held) {
    if (importers::ssda903::age_on(dob, held) < 4) {
        return "PN0";
    }
    static constexpr std::array<const char*, 20> kCodes{
        "PN1", "PN1", "PN1", "PN1", "PN1", "PN1", "PN2", "PN2", "PN3", "PN3",
        "PN4", "PN4", "PN5", "PN5", "PN5", "PN6", "PN6", "PN6", "PN7", "PN7"};
    return pick(random, kCodes);
}

struct Episode {
    Date start;
    std::optional<Date> end;
    std::string rne;
    std::string ls;
    std::string place;
    std::string rec;
};

}  // namespace

std::vector<Person> write_plausible_903(const std::filesystem::path& dir, std::size_t children,
                                        Date as_of, Random& random) {
    static constexpr std::array<const char*, 20> kLegalStatus{
        "C2", "C2", "C2", "C2", "C2", "C2", "C2", "C2", "C2", "C2",
        "C2", "C2", "C1", "C1", "C1", "E1", "E1", "V2", "V3", "V4"};
    static constexpr std::array<const char*, 8> kPlacement{"U1", "U1", "U4", "U4",
                                                           "U5", "U6", "R1", "K2"};
    static constexpr std::array<const char*, 6> kEthnicity{"WBRI", "WBRI", "WBRI",
                                                           "MWBC", "AIND", "BAFR"};
    static constexpr std::array<const char*, 5> kLeft{"E4A", "E13", "E11", "E41", "E12"};
    const calendar::EnglandWalesCalendar calendar;

    std::filesystem::create_directories(dir);
    std::ofstream header(dir / "header.csv", std::ios::binary);
    std::ofstream episodes(dir / "episodes.csv", std::ios::binary);
    std::ofstream reviews(dir / "reviews.csv", std::ios::binary);
    write_row(header, {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"});
    write_row(episodes, {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC",
                         "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"});
    write_row(reviews, {"CHILD", "DOB", "REVIEW", "REVIEW_CODE"});

    std::vector<Person> people;
    for (std::size_t i = 0; i < children; ++i) {
        const std::string id = std::to_string(700001 + i);
        const Date dob =
            plus_days(as_of, -static_cast<int>(random.below(std::size_t{17} * 365U)) - 30);
        const bool male = random.chance(55);
        // Care began up to three years ago, after birth, and at least a fortnight before as_of.
        const Date earliest = std::max(dob, plus_days(as_of, -3 * 365));
        const Date start = random.day_between(earliest, plus_days(as_of, -14));
        const std::string ls = pick(random, kLegalStatus);
        std::vector<Episode> eps{{start, std::nullopt, "S", ls, pick(random, kPlacement), ""}};
        if (random.chance(35) && sys_days(as_of) - sys_days(start) > days(60)) {
            const Date moved = random.day_between(plus_days(start, 30), plus_days(as_of, -7));
            eps.back().end = moved;
            eps.back().rec = "X1";
            eps.push_back({moved, std::nullopt, "P", ls, pick(random, kPlacement), ""});
        }
        std::optional<Date> left;
        if (random.chance(20) && sys_days(as_of) - sys_days(eps.back().start) > days(60)) {
            left = random.day_between(plus_days(eps.back().start, 30), plus_days(as_of, -3));
            eps.back().end = left;
            eps.back().rec = pick(random, kLeft);
        }
        const std::string dob_text = dmy(dob);
        write_row(header, {id, male ? "1" : "2", dob_text, pick(random, kEthnicity),
                           "A" + std::to_string(100000000000ULL + i * 7919ULL), "", ""});
        for (const auto& e : eps) {
            write_row(episodes,
                      {id, dmy(e.start), e.rne, e.ls, "N1", e.place, "PR1",
                       e.end ? dmy(*e.end) : "", e.rec, e.rne == "P" ? "CARPL" : "", "", "", ""});
        }

        // Reviews follow reg. 33: most a few days early, one in ten late, and for a few
        // children the latest is missed, so it is overdue on the "as of" day.
        if (ls != "V3" && ls != "V4") {
            const Date last_day = left ? *left : as_of;
            std::vector<Date> held_on;
            Date due = calendar.add_working_days(start, 20);
            while (due <= last_day) {
                const Date held = random.chance(90)
                                      ? plus_days(due, -static_cast<int>(random.below(8)))
                                      : plus_days(due, 1 + static_cast<int>(random.below(25)));
                if (held > last_day) {
                    break;
                }
                held_on.push_back(held);
                due = schedule::add_months(held, held_on.size() == 1 ? 3 : 6);
            }
            if (!left && !held_on.empty() && random.chance(5)) {
                held_on.pop_back();  // missed: overdue on the "as of" day
            }
            for (const Date held : held_on) {
                write_row(reviews, {id, dob_text, dmy(held), participation(random, dob, held)});
            }
        }
        people.push_back({id, male ? "M" : "F", plugin::to_iso(dob), "", "", start, left});
    }
    return people;
}

}  // namespace iro::sample
