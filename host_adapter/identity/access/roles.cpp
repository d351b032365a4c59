#include "access/roles.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <stdexcept>

namespace iro::access {

namespace {

constexpr std::array<std::pair<Role, std::string_view>, 9> kNames{{
    {Role::social_worker, "social_worker"},
    {Role::team_manager, "team_manager"},
    {Role::iro, "iro"},
    {Role::iro_manager, "iro_manager"},
    {Role::admin, "admin"},
    {Role::cms_integration, "cms_integration"},
    {Role::service_manager, "service_manager"},
    {Role::head_of_service, "head_of_service"},
    {Role::director, "director"},
}};

}  // namespace

std::vector<Role> RoleSet::roles() const {
    std::vector<Role> out;
    for (const auto& [role, name] : kNames) {
        if (has(role)) {
            out.push_back(role);
        }
    }
    return out;
}

std::vector<Role> all_roles() {
    std::vector<Role> out;
    out.reserve(kNames.size());
    for (const auto& [role, name] : kNames) {
        out.push_back(role);
    }
    return out;
}

std::string_view to_string(Role role) {
    for (const auto& [r, name] : kNames) {
        if (r == role) {
            return name;
        }
    }
    return "unknown";
}

std::optional<Role> role_from_string(std::string_view name) {
    for (const auto& [role, n] : kNames) {
        if (n == name) {
            return role;
        }
    }
    return std::nullopt;
}

RoleSet parse_roles(std::string_view comma_separated) {
    RoleSet set;
    std::size_t start = 0;
    while (start <= comma_separated.size()) {
        const auto end = std::min(comma_separated.find(',', start), comma_separated.size());
        const auto name = comma_separated.substr(start, end - start);
        if (!name.empty()) {
            const auto role = role_from_string(name);
            if (!role) {
                throw std::invalid_argument(
                    "'" + std::string(name) +
                    "' is not a role (social_worker, team_manager, iro, iro_manager, admin, "
                    "cms_integration, service_manager, head_of_service, director)");
            }
            set.add(*role);
        }
        start = end + 1;
    }
    return set;
}

std::string to_string(const RoleSet& roles) {
    std::string out;
    for (const Role role : roles.roles()) {
        if (!out.empty()) {
            out += ',';
        }
        out += to_string(role);
    }
    return out;
}

bool has_child_role(const RoleSet& roles) {
    return roles.has(Role::social_worker) || roles.has(Role::team_manager) ||
           roles.has(Role::iro) || roles.has(Role::iro_manager) ||
           std::any_of(std::begin(kSeniorManagerRoles), std::end(kSeniorManagerRoles),
                       [&](Role role) { return roles.has(role); });
}

bool is_senior_manager(Role role) {
    return std::find(std::begin(kSeniorManagerRoles), std::end(kSeniorManagerRoles), role) !=
           std::end(kSeniorManagerRoles);
}

}  // namespace iro::access
