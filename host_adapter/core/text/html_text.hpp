#pragma once
// Text placed in HTML the reports write (the QAF report, the weekly bulletin).

#include <string>
#include <string_view>

namespace iro::reports {

/// `text` with &, <, > and " escaped, for element content and attribute values.
std::string html_escape(std::string_view text);

}  // namespace iro::reports
