// iro-host users add|list|disable, tokens create|list|revoke, integrations add|rotate|revoke|list:
// who may use the HTTP service and how they prove it. Secrets are printed once, when made, and
// never stored. Every change here is recorded in the audit log too.

#include <fmt/format.h>

#include <iostream>

#include "access/user_store.hpp"
#include "auth/api_tokens.hpp"
#include "auth/signed_requests.hpp"
#include "auth/user_disabling.hpp"
#include "cli/commands.hpp"
#include "clock/timestamps.hpp"

namespace iro::cli {

namespace {

/// Runs `body` on the store with the change it makes, then records it in the audit log.
int audited_change(const GlobalOptions& options, const std::string& action,
                   const std::function<std::string(store::Database&, const store::Change&,
                                                   const config::HostConfig&)>& body) {
    return run_guarded([&] {
        const auto config = config::resolve_host_config(options.overrides);
        const auto clock = config::council_clock(config);
        auto db = open_store(config, clock);
        const store::Change change{resolve_actor(options.actor), clock::utc_timestamp(clock.now())};
        store::Transaction tx(db);
        const std::string detail = body(db, change, config);
        append_cli_audit(db, options, action, "", "allowed", detail);
        tx.commit();
        return 0;
    });
}

}  // namespace

void add_access_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    struct Args {
        std::string user;
        std::vector<std::string> roles;
        std::string worker;
        std::string name;
        std::string label;
        int days = 90;
        std::string id;
    };
    auto args = std::make_shared<Args>();

    auto* users = app.add_subcommand("users", "People who use the HTTP service, and their roles");
    users->require_subcommand(1);
    auto* add = users->add_subcommand("add", "Add a user");
    add->add_option("user", args->user, "User id (e.g. their worker id or e-mail)")->required();
    add->add_option("--role", args->roles,
                    "social_worker, team_manager, iro, iro_manager or admin; repeat for more")
        ->required();
    add->add_option("--worker", args->worker,
                    "The worker they are in the case records (needed for social_worker, "
                    "team_manager and iro: access follows their allocations)");
    add->add_option("--name", args->name, "Display name (not logged)");
    add->callback([&options, &exit_code, args] {
        exit_code = audited_change(
            options, "users add",
            [&](store::Database& db, const store::Change& change, const config::HostConfig&) {
                std::string roles;
                for (const auto& r : args->roles) {
                    roles += (roles.empty() ? "" : ",") + r;
                }
                const auto user = access::add_user(
                    db, {args->user, args->name, access::parse_roles(roles), args->worker, "", {}},
                    change);
                std::cout << fmt::format(
                    "Added user {} ({}{}).\n", user.user_id, access::to_string(user.roles),
                    user.worker_id.empty() ? "" : ", worker " + user.worker_id);
                return "added user " + user.user_id + " roles " + access::to_string(user.roles);
            });
    });
    auto* list = users->add_subcommand("list", "List users");
    list->callback([&options, &exit_code] {
        exit_code = with_store(options, [&](store::Database& db) {
            const auto all = access::list_users(db);
            if (options.json) {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& u : all) {
                    out.push_back({{"user_id", u.user_id},
                                   {"roles", access::to_string(u.roles)},
                                   {"worker_id", u.worker_id},
                                   {"disabled", u.disabled_at.has_value()}});
                }
                std::cout << out.dump(2) << "\n";
                return 0;
            }
            std::cout << fmt::format("{:<24} {:<32} {:<10} {}\n", "USER", "ROLES", "WORKER",
                                     "STATE");
            for (const auto& u : all) {
                std::cout << fmt::format("{:<24} {:<32} {:<10} {}\n", u.user_id,
                                         access::to_string(u.roles),
                                         u.worker_id.empty() ? "-" : u.worker_id,
                                         u.disabled_at ? "disabled " + *u.disabled_at : "active");
            }
            return 0;
        });
    });
    auto* disable = users->add_subcommand("disable", "Disable a user and revoke their tokens");
    disable->add_option("user", args->user, "User id")->required();
    disable->callback([&options, &exit_code, args] {
        exit_code = audited_change(
            options, "users disable",
            [&](store::Database& db, const store::Change& change, const config::HostConfig&) {
                auth::disable_user(db, args->user, change);
                std::cout << "Disabled " << args->user << "; their tokens are revoked.\n";
                return "disabled user " + args->user;
            });
    });

    auto* tokens = app.add_subcommand("tokens", "API tokens: made, listed and revoked");
    tokens->require_subcommand(1);
    auto* create = tokens->add_subcommand("create", "Make a token for a user (shown once)");
    create->add_option("--user", args->user, "User id")->required();
    create->add_option("--days", args->days, "Valid for this many days (1 to 400, default 90)");
    create->add_option("--label", args->label, "What it is for (e.g. 'laptop')");
    create->callback([&options, &exit_code, args] {
        exit_code = audited_change(
            options, "tokens create",
            [&](store::Database& db, const store::Change& change, const config::HostConfig&) {
                const auto issued = auth::issue_token(db, args->user, args->label,
                                                      std::chrono::hours(24 * args->days),
                                                      std::chrono::system_clock::now(), change);
                if (options.json) {
                    std::cout << nlohmann::json{{"token_id", issued.token_id},
                                                {"token", issued.token},
                                                {"expires_at", issued.expires_at}}
                                     .dump(2)
                              << "\n";
                } else {
                    std::cout << fmt::format(
                        "Token {} for {} (expires {}). It is shown only now; keep it secret:\n{}\n",
                        issued.token_id, args->user, issued.expires_at, issued.token);
                }
                return "issued token " + issued.token_id + " to " + args->user;
            });
    });
    auto* token_list = tokens->add_subcommand("list", "List tokens (never their secrets)");
    token_list->add_option("--user", args->user, "Only this user's");
    token_list->callback([&options, &exit_code, args] {
        exit_code = with_store(options, [&](store::Database& db) {
            std::cout << fmt::format("{:<18} {:<24} {:<21} {:<21} {}\n", "TOKEN", "USER", "CREATED",
                                     "EXPIRES", "STATE");
            for (const auto& t : auth::list_tokens(db, args->user)) {
                std::cout << fmt::format("{:<18} {:<24} {:<21} {:<21} {}\n", t.token_id, t.user_id,
                                         t.created_at, t.expires_at,
                                         t.revoked_at ? "revoked " + *t.revoked_at : "active");
            }
            return 0;
        });
    });
    auto* revoke = tokens->add_subcommand("revoke", "Revoke a token now");
    revoke->add_option("token", args->id, "Token id")->required();
    revoke->callback([&options, &exit_code, args] {
        exit_code = audited_change(
            options, "tokens revoke",
            [&](store::Database& db, const store::Change& change, const config::HostConfig&) {
                auth::revoke_token(db, args->id, change);
                std::cout << "Revoked token " << args->id << ".\n";
                return "revoked token " + args->id;
            });
    });

    auto* integrations = app.add_subcommand(
        "integrations", "Case-management systems that sign their requests (HMAC-SHA256)");
    integrations->require_subcommand(1);
    const auto print_secret = [&options](const std::string& id, const std::string& secret) {
        if (options.json) {
            std::cout << nlohmann::json{{"client_id", id}, {"secret", secret}}.dump(2) << "\n";
        } else {
            std::cout << fmt::format(
                "Integration {}: its signing secret is shown only now; give it to the CMS "
                "team over a secure channel:\n{}\n",
                id, secret);
        }
    };
    auto* add_integration = integrations->add_subcommand("add", "Add a signing integration");
    add_integration->add_option("id", args->id, "Client id, e.g. liquidlogic")->required();
    add_integration->callback([&options, &exit_code, args, print_secret] {
        exit_code = audited_change(
            options, "integrations add",
            [&](store::Database& db, const store::Change& change, const config::HostConfig& c) {
                const auth::SigningKey key(c.signing_key_path());
                print_secret(args->id, auth::add_integration(db, key, args->id, change));
                return "added integration " + args->id;
            });
    });
    auto* rotate = integrations->add_subcommand("rotate", "Give an integration a new secret");
    rotate->add_option("id", args->id, "Client id")->required();
    rotate->callback([&options, &exit_code, args, print_secret] {
        exit_code = audited_change(
            options, "integrations rotate",
            [&](store::Database& db, const store::Change&, const config::HostConfig& c) {
                const auth::SigningKey key(c.signing_key_path());
                print_secret(args->id, auth::rotate_integration(db, key, args->id));
                return "rotated integration " + args->id;
            });
    });
    auto* revoke_integration = integrations->add_subcommand("revoke", "End an integration");
    revoke_integration->add_option("id", args->id, "Client id")->required();
    revoke_integration->callback([&options, &exit_code, args] {
        exit_code = audited_change(
            options, "integrations revoke",
            [&](store::Database& db, const store::Change& change, const config::HostConfig&) {
                auth::revoke_integration(db, args->id, change);
                std::cout << "Revoked integration " << args->id << ".\n";
                return "revoked integration " + args->id;
            });
    });
    auto* integration_list = integrations->add_subcommand("list", "List integrations");
    integration_list->callback([&options, &exit_code] {
        exit_code = with_store(options, [&](store::Database& db) {
            for (const auto& c : auth::list_integrations(db)) {
                std::cout << fmt::format("{:<24} key generation {:<3} {}\n", c.client_id,
                                         c.key_generation,
                                         c.revoked_at ? "revoked " + *c.revoked_at : "active");
            }
            return 0;
        });
    });
}

}  // namespace iro::cli
