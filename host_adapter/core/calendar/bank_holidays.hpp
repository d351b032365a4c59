#pragma once
// Bank holidays of England and Wales by rule: the Banking and Financial Dealings Act 1971
// pattern, substitute days, and the one-off changes proclaimed since 1995.

#include <vector>

#include "iro/plugin_api/dates.hpp"

namespace iro::calendar {

/// Easter Sunday (Gregorian, anonymous algorithm).
plugin::Date easter_sunday(int year);

/// Every England and Wales bank holiday in `year`, sorted.
std::vector<plugin::Date> england_and_wales_bank_holidays(int year);

}  // namespace iro::calendar
