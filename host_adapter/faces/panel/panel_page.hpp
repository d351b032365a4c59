#pragma once
// The child's panel as HTML: what a CMS shows in an iframe or side panel beside the child's
// record. Server-rendered and readable with JavaScript off, fits a 360 px panel, in the GOV.UK
// Design System's layout and components (styled by panel_stylesheet.hpp, from the host itself),
// and built for WCAG 2.1 AA: landmarks, one h1 and h2 per section, labelled controls, visible
// focus. It names the child by id only: the CMS around it already shows who the child is.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "children/child_summary.hpp"
#include "iro/plugin_api/alerts.hpp"
#include "iro/plugin_api/services.hpp"

namespace iro::panel {

/// What the page shows and which actions it offers.
struct PanelModel {
    std::string child_id;
    std::string user_id;
    std::string role;        ///< the role reaching the child
    std::string form_token;  ///< carried by every form
    plugin::Date today{};
    records::ChildSummary summary;                ///< legal status, placement, professionals
    std::vector<plugin::PromptRecord> prompts;    ///< open and acknowledged
    std::vector<std::string> prompts_actionable;  ///< prompt ids this user may acknowledge
    std::vector<plugin::NoteRecord> notes;        ///< the latest few
    std::vector<plugin::AlertRecord> alerts;      ///< open
    bool may_respond_to_alerts = false;           ///< any of them (the child's SW or TM)
    std::vector<std::string> alerts_for_you;      ///< ids of those addressed to this user
    /// Every role as people read it (config::HostConfig::role_name: the council's name, e.g.
    /// head_of_service "Head of Children's Social Care", else its words).
    std::map<std::string, std::string, std::less<>> role_names;
    bool may_add_note = false;
    std::vector<std::pair<std::string, std::string>> reviews_without_qaf;  ///< id, held on
    /// Which modules' parts the page shows: a disabled module's part says it is disabled.
    bool notes_on = true;
    bool alerts_on = true;
    bool qaf_on = true;
    std::string status;  ///< a message after an action ("Prompt 12 acknowledged.")
    std::string error;   ///< a refused action's reason
};

std::string render_panel(const PanelModel& model);

/// The QAF form for one review: every question of the definition as a fieldset.
struct QafFormModel {
    std::string child_id;
    std::string review_id;
    std::string form_token;
    nlohmann::json
        definition;  ///< questionnaire definition (schemas/qaf/questionnaire.schema.json)
    /// Why the last submission was refused; lines "<question id>: why" are shown at the question
    /// and linked from the error summary.
    std::string error;
    /// The answers last posted (field name, value), shown again so a refusal loses none.
    std::vector<std::pair<std::string, std::string>> answers;
    /// Questions that cannot apply to this review (the child's age, which review it is): not asked.
    std::set<std::string> not_asked;
};

std::string render_qaf_form(const QafFormModel& model);

/// The page a person gets when the service refuses or fails a request of theirs: the status in
/// words, the service's `detail`, and where to go next (the child's panel, signing in again).
std::string render_error_page(unsigned status, const std::string& detail,
                              const std::string& child_id);

/// The sign-in page: the council's single sign-on when configured, and the API-token form
/// unless single sign-on is required.
struct SignInPage {
    std::string child_id;       ///< the panel to show afterwards; empty: none
    std::string error;          ///< why the last attempt failed
    std::string sign_in_token;  ///< binds the token form to the sign-in cookie
    std::string sso_name;       ///< "your council account"; empty: no single sign-on
    bool token_form = true;
};

std::string render_sign_in(const SignInPage& model);

/// The page between a sign-in and the panel: it moves on to `next_url` by itself (no script).
std::string render_signed_in(const std::string& next_url);

/// After signing out: says so, and offers the provider's own sign-out when there is one.
std::string render_signed_out(const std::string& end_session_url, const std::string& provider_name);

}  // namespace iro::panel
