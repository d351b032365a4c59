#pragma once
// One error for the rules every face applies. A rule says what kind of refusal or failure it met;
// each face answers it from one table of its own (the command line's exit codes in
// cli/exit_codes.hpp, the HTTP statuses in api/error_statuses.hpp), so the same rule gives the
// same answer, with the same words, whichever face a person uses.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace iro {

/// What kind of refusal or failure an Error is.
enum class ErrorKind : std::uint8_t {
    invalid,      ///< the input breaks a rule; nothing changed
    forbidden,    ///< the person may not do this
    not_found,    ///< what was named does not exist
    conflict,     ///< the record's state does not allow it now
    unavailable,  ///< a module or service it needs is disabled or not running
    failed,       ///< the host failed: nothing the caller did wrong
};

/// "invalid", "forbidden", "not-found", "conflict", "unavailable", "failed".
std::string_view to_string(ErrorKind kind);

/// A refusal or failure of one of the host's rules, with its kind and a message for the person.
class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    /// What kind of refusal or failure this is.
    ErrorKind kind() const noexcept { return kind_; }

  private:
    ErrorKind kind_;
};

}  // namespace iro
