#pragma once
// A professional's work email and telephone as an extract gives them, checked before they are
// kept: the panel makes mailto: and tel: links of them, so a value that is not plainly an address
// or a number (a second address, a query string, a script) is refused with a warning.

#include <string_view>

namespace iro::importers {

/// `local@domain.tld`, at most 254 characters (RFC 5321's path limit), with only the characters
/// of an unquoted address (RFC 5322 dot-atom): no spaces, quotes, angle brackets, '?' or ','.
bool plausible_email(std::string_view text);

/// Digits, spaces and `+ ( ) -` only, a '+' only first, and 6 to 15 digits (ITU-T E.164's
/// longest number): at most 32 characters.
bool plausible_phone(std::string_view text);

}  // namespace iro::importers
