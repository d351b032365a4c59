#pragma once
// The roles of the HTTP service. Deny by default: a principal may do only what one of its roles
// allows, and a role allows nothing it does not name.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro::access {

enum class Role : std::uint8_t {
    social_worker,    ///< children currently allocated to them
    team_manager,     ///< their team's children
    iro,              ///< their caseload
    iro_manager,      ///< all children, reports, trackers
    admin,            ///< modules, configuration, users; no child data by this role
    cms_integration,  ///< case event intake only
    // The senior managers a dispute's formal stages address (quality alerts' ladder): they reach
    // a child only while an open alert about the child is addressed to them.
    service_manager,
    head_of_service,
    director,
};

/// The senior managers' roles, in the ladder's order.
inline constexpr Role kSeniorManagerRoles[] = {Role::service_manager, Role::head_of_service,
                                               Role::director};

/// A set of roles.
class RoleSet {
  public:
    RoleSet() = default;
    void add(Role role) { bits_ |= bit(role); }
    bool has(Role role) const { return (bits_ & bit(role)) != 0; }
    bool empty() const { return bits_ == 0; }
    /// The roles in their declared order.
    std::vector<Role> roles() const;

  private:
    static std::uint16_t bit(Role role) {
        return static_cast<std::uint16_t>(1U << static_cast<unsigned>(role));
    }
    std::uint16_t bits_ = 0;
};

std::string_view to_string(Role role);
/// Every role, in declared order.
std::vector<Role> all_roles();
std::optional<Role> role_from_string(std::string_view name);

/// "iro,iro_manager" → the set; throws std::invalid_argument naming an unknown role.
RoleSet parse_roles(std::string_view comma_separated);
/// The set as "iro,iro_manager".
std::string to_string(const RoleSet& roles);

/// Who is making an HTTP request, once authenticated.
struct Principal {
    std::string user_id;        ///< a user, or the integration client acting for itself
    RoleSet roles;              ///< what they hold (for a CMS acting for a user: the user's roles)
    std::string worker_id;      ///< the case records' worker they are, when they hold allocations
    std::string via;            ///< "token:<id>", "signed:<client>", "session:<token id>"
    std::string credential_id;  ///< the token whose revocation ends a session
};

/// The roles that reach children's records: through allocations, the whole service, or a dispute
/// addressed to a senior manager.
bool has_child_role(const RoleSet& roles);

/// Whether `role` is one a dispute's formal stages address (service manager and above).
bool is_senior_manager(Role role);

}  // namespace iro::access
