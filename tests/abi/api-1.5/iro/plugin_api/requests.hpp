#pragma once
// Requests (API 1.1): what a person asks of a module through the host's CLI or HTTP service, such
// as "add a note". The host resolves who is asking before the module sees the request, runs the
// module's handler inside one store transaction (everything it records is kept, or nothing is),
// and turns the outcome into an exit code or an HTTP status.

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "iro/plugin_api/export.hpp"

namespace iro::plugin {

/// Who is asking: a worker known to the case records, with the role the host resolved from them.
/// Modules decide what each role may do; they never take a role from the request's input.
struct Actor {
    std::string worker_id;
    std::string role;  ///< "iro", "iro_manager", "social_worker", "team_manager"
};

/// True for the roles of children's social care, whose staff may read but never change what an
/// IRO records (IRO independence).
inline bool is_social_care_role(const std::string& role) {
    return role == "social_worker" || role == "team_manager";
}

/// One request, named as in the module's manifest ("requests").
struct Request {
    std::string name;  ///< e.g. "add_note"
    Actor actor;
    nlohmann::json input = nlohmann::json::object();
};

/// How a request ended. Everything but `ok` leaves the store as it was.
enum class RequestStatus {
    ok,
    invalid,    ///< the input breaks a rule; the message says which field and why
    forbidden,  ///< the actor's role may not do this
    not_found,  ///< the input names a child, note or record that does not exist
    failed,     ///< the module could not do it for another reason
};

/// The outcome a module returns across the boundary (no exception crosses it).
struct RequestOutcome {
    RequestStatus status = RequestStatus::ok;
    std::string message;                              ///< why, when not ok
    nlohmann::json reply = nlohmann::json::object();  ///< what the request produced, when ok
};

/// Thrown by a module's request handler to refuse a request with a status; the adapter turns it
/// into a RequestOutcome.
class IRO_API_VISIBLE RequestRefused : public std::runtime_error {
  public:
    RequestRefused(RequestStatus status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    ~RequestRefused() override;
    RequestStatus status() const { return status_; }

  private:
    RequestStatus status_;
};

}  // namespace iro::plugin
