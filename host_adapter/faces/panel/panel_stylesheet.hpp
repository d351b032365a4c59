#pragma once
// The panel's stylesheet: the GOV.UK Design System's styles (npm govuk-frontend) with the
// panel's few of its own, compiled from stylesheet/panel.scss when the build is configured and
// built into the host.

#include <string>
#include <string_view>

namespace iro::panel {

/// The stylesheet's text (CSS).
std::string_view stylesheet();

/// Where the panel's pages link the stylesheet: `/panel/assets/panel-<hash>.css`, named by its
/// content, so it can be cached for good and a new build's is never mixed with an old one's.
const std::string& stylesheet_path();

}  // namespace iro::panel
