#pragma once
// CSV as the reports write it (RFC 4180).

#include <string>

namespace iro::reports {

/// A field quoted for CSV when it needs to be (RFC 4180).
std::string csv_field(const std::string& text);

}  // namespace iro::reports
