#pragma once
// The read-only view of case records a module gets. Plain values: a module keeps no reference into
// the host's store.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/dates.hpp"
#include "iro/plugin_api/export.hpp"

namespace iro::plugin {

struct CaseFile;
class CaseFileVisitor;

/// A child known to the host (SSDA903 Header / SSD ssd_person).
struct Child {
    std::string id;
    std::string sex;
    std::optional<Date> date_of_birth;
};

/// One episode of care (SSDA903 Episodes row).
struct Episode {
    std::string child_id;
    Date start;
    std::optional<Date> end;
    std::string reason_new_episode;  ///< RNE
    std::string legal_status;        ///< LS
    std::string placement;           ///< PLACE
    std::string reason_ceased;       ///< REC
};

/// A statutory review (SSDA903 Reviews / SSD ssd_cla_reviews).
struct Review {
    std::string id;
    std::string child_id;
    std::optional<Date> held_on;
    std::optional<Date> due_on;
    std::string participation;  ///< PN0..PN7
    bool cancelled = false;
};

/// When a review's decisions and its full record were first sent (API 1.6), from the
/// review_record_distributed events. A review not listed has had neither recorded.
struct ReviewDistribution {
    std::string review_id;
    Date held_on;
    std::optional<Date> decisions_sent_on;
    std::optional<Date> record_sent_on;
};

/// Who works with the child in which role, and since when.
struct Allocation {
    std::string child_id;
    std::string worker_id;
    std::string role;  ///< "iro", "social_worker", "team_manager"
    std::string team_id;
    Date start;
    std::optional<Date> end;
};

/// Read access to case records. Implemented by the host; the host decides what a module may read
/// (the manifest's "records.reads").
class IRO_API_VISIBLE CaseRecords {
  public:
    virtual ~CaseRecords();
    /// The child, or nullopt when unknown.
    virtual std::optional<Child> child(std::string_view child_id) const = 0;
    /// Episodes in start order.
    virtual std::vector<Episode> episodes(std::string_view child_id) const = 0;
    /// Reviews in date order (held date, else due date).
    virtual std::vector<Review> reviews(std::string_view child_id) const = 0;
    /// Allocations in start order, current and past.
    virtual std::vector<Allocation> allocations(std::string_view child_id) const = 0;

    /// Hands `visitor` the case file of every child with a period of care not ended before
    /// `since` (1.2, appended): a whole council in a few ordered reads rather than a query per
    /// child. Files come in child id order; a record kind the module may not read stays empty.
    virtual void scan_case_files(Date since, CaseFileVisitor& visitor) const = 0;
    /// The review with this id, whoever's it is, or nullopt when unknown (1.4, appended). A review
    /// recorded from a case event is found by the CMS's id too (stored as "event:<id>").
    virtual std::optional<Review> review(std::string_view review_id) const = 0;
    /// The child's reviews whose decisions or record were sent, in held-date order (1.6,
    /// appended; read with "reviews").
    virtual std::vector<ReviewDistribution> review_distributions(
        std::string_view child_id) const = 0;
};

}  // namespace iro::plugin
