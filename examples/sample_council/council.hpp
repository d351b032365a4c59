#pragma once
// The pieces of a synthetic council shared by the generators: seeded randomness, staff, who is
// allocated to which child and when, and the SSD files that record it.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "iro/plugin_api/dates.hpp"

namespace iro::sample {

using plugin::Date;

/// std::mt19937's sequence is fixed by the standard; the standard distributions are not, so they
/// are not used: the same seed gives the same council on every machine.
class Random {
  public:
    explicit Random(std::uint32_t seed) : engine_(seed) {}
    std::size_t below(std::size_t n) { return engine_() % n; }
    bool chance(unsigned percent) { return engine_() % 100U < percent; }
    /// A day between `from` and `to`, both included.
    Date day_between(Date from, Date to);

  private:
    std::mt19937 engine_;
};

struct Worker {
    std::string id;
    std::string name;  ///< synthetic
    std::string job_title;
    std::string team;
};

struct Council {
    std::vector<Worker> iros;
    std::vector<Worker> social_workers;
    std::map<std::string, Worker> managers;  ///< by team
};

/// Six social-work teams and an IRO service, staffed for `children` children over several years.
Council make_council(Random& random, std::size_t children);

/// A child as the SSD records them, with the span of their care (none: never in care).
struct Person {
    std::string id;
    std::string sex;  ///< "M" or "F"
    std::string dob;  ///< yyyy-mm-dd
    std::string ethnicity;
    std::string upn;
    std::optional<Date> care_from;
    std::optional<Date> care_to;  ///< absent while still in care
};

struct SsdCounts {
    std::size_t people = 0;
    std::size_t professionals = 0;
    std::size_t involvements = 0;
};

/// Writes ssd_person.csv, ssd_professionals.csv and ssd_involvements.csv into `dir`: each child
/// in care gets an IRO and a social worker (with changes of worker) and the social worker's team
/// manager, for the span of their care.
SsdCounts write_ssd(const std::filesystem::path& dir, const std::vector<Person>& people,
                    const Council& council, Random& random);

/// One CSV record, quoted where needed.
void write_row(std::ofstream& out, const std::vector<std::string>& fields);

}  // namespace iro::sample
