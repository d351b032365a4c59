#pragma once
// Where the module's decisions meet the host: an alert's lifecycle (alert_lifecycle) applied to
// the stored alert, the change recorded through the host's Alerts service, the people concerned
// notified, and the prompts that follow from where the alert now stands brought up to date.

#include <optional>
#include <string>
#include <vector>

#include "alert_lifecycle.hpp"
#include "alert_settings.hpp"
#include "iro/plugin_api/services.hpp"

namespace iro::quality_alerts {

/// The lifecycle's view of a stored alert.
Alert lifecycle_view(const plugin::AlertRecord& record);

/// Whether the allocation has begun and not ended on `day`.
bool current_on(const plugin::Allocation& allocation, plugin::Date day);

/// The child's latest allocation in `role` current on `day`, or nullopt.
std::optional<plugin::Allocation> allocation_on(const plugin::CaseRecords& records,
                                                const std::string& child_id,
                                                const std::string& role, plugin::Date day);

/// The stage's level: 0 when informal, else its place among the formal stages from 1.
int level_of(const Ladder& ladder, std::string_view stage_id);

/// What a daily evaluation changed.
struct AlertTickSummary {
    int escalated = 0;         ///< automatically, deadline passed
    int deadline_prompts = 0;  ///< IROs prompted because a deadline passed
};

class AlertDesk {
  public:
    AlertDesk(plugin::HostServices& host, const AlertSettings& settings)
        : host_(host), settings_(settings) {}

    /// Raises the alert, notifies the responder and those copied, and opens the response prompt.
    /// Throws TransitionRefused for a draft the lifecycle refuses.
    plugin::AlertRecord raise(const AlertDraft& draft, nlohmann::json body, plugin::Date as_of);

    /// Applies `request` to the stored alert and records it with its notifications and prompts.
    plugin::AlertRecord act(const plugin::AlertRecord& record, const ActionRequest& request,
                            plugin::Date as_of);

    /// Adds categories and a note of where they came from (a QAF response) to an open alert.
    plugin::AlertRecord link(const plugin::AlertRecord& record,
                             const std::vector<std::string>& category_codes,
                             const std::string& comment, plugin::Date on);

    /// Automatic escalation (when so configured) and deadline prompts for every open alert.
    AlertTickSummary tick(plugin::Date as_of);

    /// Whether changes notify people (on unless turned off, as for an import of past years).
    void set_notifying(bool notifying) { notifying_ = notifying; }

  private:
    plugin::AlertState state_of(const Alert& alert, const plugin::AlertState* before,
                                nlohmann::json body) const;
    plugin::AlertEvent event_of(const Transition& t) const;
    void notify(const plugin::AlertRecord& record, const std::string& reason, plugin::Date on);
    void follow_up(const plugin::AlertRecord& record, plugin::Date as_of);
    plugin::HostServices& host_;
    const AlertSettings& settings_;
    bool notifying_ = true;
};

}  // namespace iro::quality_alerts
