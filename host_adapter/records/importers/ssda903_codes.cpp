#include "importers/ssda903_codes.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace iro::importers::ssda903 {

namespace {

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& codes, std::string_view code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

constexpr std::array<std::string_view, 13> kLegalStatus{"C1", "C2", "D1", "E1", "J1", "J2", "J3",
                                                        "L1", "L2", "L3", "V2", "V3", "V4"};
constexpr std::array<std::string_view, 6> kReasonNewEpisode{"S", "L", "P", "T", "U", "B"};
constexpr std::array<std::string_view, 8> kCategoryOfNeed{"N1", "N2", "N3", "N4",
                                                          "N5", "N6", "N7", "N8"};
constexpr std::array<std::string_view, 27> kPlacement{
    "A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5",
    "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"};
constexpr std::array<std::string_view, 6> kPlacementProvider{"PR0", "PR1", "PR2",
                                                             "PR3", "PR4", "PR5"};
constexpr std::array<std::string_view, 22> kReasonCeased{
    "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47",
    "E48", "E5",  "E6", "E7", "E8",  "E9",  "E14", "E15", "E16", "E17", "X1"};
constexpr std::array<std::string_view, 8> kParticipation{"PN0", "PN1", "PN2", "PN3",
                                                         "PN4", "PN5", "PN6", "PN7"};

bool digits(std::string_view text, int& value) {
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc{} && ptr == end;
}

}  // namespace

bool is_sex(std::string_view code) {
    return code == "1" || code == "2";
}
bool is_legal_status(std::string_view code) {
    return one_of(kLegalStatus, code);
}
bool is_reason_new_episode(std::string_view code) {
    return one_of(kReasonNewEpisode, code);
}
bool is_category_of_need(std::string_view code) {
    return one_of(kCategoryOfNeed, code);
}
bool is_placement(std::string_view code) {
    return one_of(kPlacement, code);
}
bool is_placement_provider(std::string_view code) {
    return one_of(kPlacementProvider, code);
}
bool is_reason_ceased(std::string_view code) {
    return one_of(kReasonCeased, code);
}
bool is_participation(std::string_view code) {
    return one_of(kParticipation, code);
}
bool is_short_break(std::string_view legal_status) {
    return legal_status == "V3" || legal_status == "V4";
}

std::optional<plugin::Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[2] != '/' || text[5] != '/') {
        return std::nullopt;
    }
    int day = 0;
    int month = 0;
    int year = 0;
    if (!digits(text.substr(0, 2), day) || !digits(text.substr(3, 2), month) ||
        !digits(text.substr(6, 4), year)) {
        return std::nullopt;
    }
    const plugin::Date date{std::chrono::year{year},
                            std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return date;
}

int age_on(plugin::Date date_of_birth, plugin::Date on) {
    int years = static_cast<int>(on.year()) - static_cast<int>(date_of_birth.year());
    if (std::chrono::month_day{on.month(), on.day()} <
        std::chrono::month_day{date_of_birth.month(), date_of_birth.day()}) {
        --years;
    }
    return years;
}

std::string_view legal_status_text(std::string_view code) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kMeanings{{
        {"C1", "Interim care order"},
        {"C2", "Full care order"},
        {"D1", "Freeing order granted"},
        {"E1", "Placement order granted"},
        {"J1", "Remanded to local authority accommodation or to youth detention accommodation"},
        {"J2",
         "Placed in local authority accommodation under the Police and Criminal Evidence "
         "Act 1984"},
        {"J3",
         "Sentenced to a youth rehabilitation order with residence or intensive fostering "
         "requirement"},
        {"L1", "Under police protection and in local authority accommodation"},
        {"L2", "Emergency protection order"},
        {"L3", "Under a child assessment order and in local authority accommodation"},
        {"V2", "Single period of accommodation under section 20 (Children Act 1989)"},
        {"V3",
         "Accommodated under an agreed series of short-term breaks, when individual "
         "episodes of care are recorded"},
        {"V4",
         "Accommodated under an agreed series of short-term breaks, when agreements are "
         "recorded"},
    }};
    for (const auto& [known, meaning] : kMeanings) {
        if (known == code) {
            return meaning;
        }
    }
    return {};
}

}  // namespace iro::importers::ssda903
