// iro-host audit verify [--expect-head SEQ:HASH] [--anchors FILE|-] | audit search --child ID |
// --actor ID |
// --from D --to D: checking the audit log's hash chain, and finding entries for subject-access
// requests and investigations (the search is itself recorded).

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>

#include "audit/audit_log.hpp"
#include "auth/failed_authentications.hpp"
#include "cli/commands.hpp"
#include "clock/timestamps.hpp"

namespace iro::cli {

namespace {

nlohmann::json entry_json(const audit::Entry& e) {
    const auto& f = e.fields;
    return {{"seq", e.seq},
            {"at", f.at},
            {"actor", f.actor},
            {"role", f.role},
            {"action", f.action},
            {"child_id", f.child_id},
            {"request_id", f.request_id},
            {"outcome", f.outcome},
            {"detail", f.detail},
            {"hash", e.hash}};
}

void check_day(const std::string& text, const char* option) {
    if (!text.empty() && !plugin::parse_iso_date(text)) {
        throw std::invalid_argument(std::string(option) + " '" + text +
                                    "' is not a date (YYYY-MM-DD)");
    }
}

void add_failure_command(CLI::App& audit_cmd, const GlobalOptions& options, int& exit_code) {
    struct FailureArgs {
        std::string from;
        std::string to;
    };
    auto args = std::make_shared<FailureArgs>();
    auto* failures = audit_cmd.add_subcommand(
        "failures",
        "Failed authentications (bad or missing credentials), counted per address and minute");
    failures->add_option("--from", args->from, "First day (YYYY-MM-DD, UTC; default today)");
    failures->add_option("--to", args->to, "Last day (YYYY-MM-DD, UTC; default --from)");
    failures->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            check_day(args->from, "--from");
            check_day(args->to, "--to");
            const clock::CouncilClock clock;  // failures are counted by the UTC minute
            const std::string from =
                args->from.empty() ? clock::utc_timestamp(clock.now()).substr(0, 10) : args->from;
            const std::string to = args->to.empty() ? from : args->to;
            return with_store(options, [&](store::Database& db) {
                const auto found = auth::summarise_failures(db, from, to);
                if (options.json) {
                    nlohmann::json out = nlohmann::json::array();
                    for (const auto& f : found) {
                        out.push_back({{"source", f.source},
                                       {"reason", f.reason},
                                       {"failures", f.failures},
                                       {"minutes", f.minutes},
                                       {"first", f.first},
                                       {"last", f.last}});
                    }
                    std::cout << out.dump(2) << "\n";
                    return 0;
                }
                std::cout << fmt::format(
                    "Failed authentications, {} to {} (UTC; counts reach the "
                    "store within a minute of each failure):\n\n",
                    from, to);
                std::cout << fmt::format("{:<40} {:<36} {:>9} {:>8}  {}\n", "ADDRESS", "REASON",
                                         "FAILURES", "MINUTES", "FIRST - LAST");
                for (const auto& f : found) {
                    std::cout << fmt::format("{:<40} {:<36} {:>9} {:>8}  {} - {}\n", f.source,
                                             f.reason, f.failures, f.minutes, f.first, f.last);
                }
                if (found.empty()) {
                    std::cout << "(none)\n";
                }
                return 0;
            });
        });
    });
}

}  // namespace

void add_audit_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* audit_cmd = app.add_subcommand("audit", "The tamper-evident audit log");
    audit_cmd->require_subcommand(1);

    auto expect_head = std::make_shared<std::string>();
    auto anchors_file = std::make_shared<std::string>();
    auto* verify = audit_cmd->add_subcommand(
        "verify",
        "Check every entry's keyed hash and its link to the one before, and the heads recorded "
        "elsewhere (exit 1 if broken)");
    verify->add_option("--expect-head", *expect_head,
                       "SEQ:HASH an earlier verify printed: also catches entries removed from the "
                       "end");
    verify->add_option("--anchors", *anchors_file,
                       "A file (- for standard input) of heads the service recorded: its journal "
                       "lines with event=audit_anchor, e.g. from journalctl -u iro-host -o cat");
    verify->callback([&options, &exit_code, expect_head, anchors_file] {
        exit_code = run_guarded([&] {
            std::vector<std::string> anchors;
            if (!expect_head->empty()) {
                anchors.push_back(*expect_head);
            }
            if (!anchors_file->empty()) {
                std::string text;
                if (*anchors_file == "-") {
                    text.assign(std::istreambuf_iterator<char>(std::cin), {});
                } else {
                    std::ifstream in(*anchors_file);
                    if (!in) {
                        throw std::invalid_argument("--anchors: cannot read " + *anchors_file);
                    }
                    text.assign(std::istreambuf_iterator<char>(in), {});
                }
                const auto found = audit::parse_anchors(text);
                if (found.empty()) {
                    throw std::invalid_argument("--anchors: " + *anchors_file +
                                                " holds no head=SEQ:HASH");
                }
                anchors.insert(anchors.end(), found.begin(), found.end());
            }
            const auto data_dir = config::resolve_host_config(options.overrides).data_dir;
            return with_store(options, [&](store::Database& db) {
                const auto report = audit::verify(db, audit::read_chain_key(data_dir), anchors);
                if (options.json) {
                    std::cout << nlohmann::json{{"entries", report.entries},
                                                {"head", fmt::format("{}:{}", report.head_seq,
                                                                     report.head_hash)},
                                                {"intact", report.problems.empty()},
                                                {"anchors_checked", anchors.size()},
                                                {"first_broken", report.first_broken},
                                                {"problems", report.problems}}
                                     .dump(2)
                              << "\n";
                } else if (report.problems.empty()) {
                    std::cout << fmt::format(
                        "The audit log is intact: {} entries, each linked to the one before{}.\n"
                        "Head: {}:{}\n(keep the head somewhere else; `audit verify --expect-head` "
                        "with it later also detects entries removed from the end)\n",
                        report.entries,
                        anchors.empty() ? ""
                                        : fmt::format(", {} recorded head{} found", anchors.size(),
                                                      anchors.size() == 1 ? "" : "s"),
                        report.head_seq, report.head_hash);
                } else {
                    std::cout << fmt::format(
                        "The audit log is NOT intact ({} entries); it breaks at entry {}:\n",
                        report.entries, report.first_broken);
                    for (const auto& p : report.problems) {
                        std::cout << "  " << p << "\n";
                    }
                }
                return report.problems.empty() ? 0 : kExitFailed;
            });
        });
    });

    add_failure_command(*audit_cmd, options, exit_code);

    struct SearchArgs {
        audit::Query query;
    };
    auto args = std::make_shared<SearchArgs>();
    auto* search = audit_cmd->add_subcommand(
        "search", "Entries about a child, by an actor, or in a period (oldest first)");
    search->add_option("--child", args->query.child_id, "The child's id (subject access)");
    search->add_option("--actor", args->query.actor, "A user or integration id");
    search->add_option("--from", args->query.from, "First day (YYYY-MM-DD)");
    search->add_option("--to", args->query.to, "Last day (YYYY-MM-DD)");
    search->add_option("--limit", args->query.limit, "At most this many entries (default 1000)");
    search->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            const auto& q = args->query;
            if (q.child_id.empty() && q.actor.empty() && q.from.empty() && q.to.empty()) {
                throw std::invalid_argument(
                    "say what to search for: --child, --actor, --from/--to");
            }
            check_day(q.from, "--from");
            check_day(q.to, "--to");
            return with_store(options, [&](store::Database& db) {
                const auto found = audit::search(db, q);
                append_cli_audit(db, options, "audit search", q.child_id, "allowed",
                                 fmt::format("actor={} from={} to={} found={}", q.actor, q.from,
                                             q.to, found.size()));
                if (options.json) {
                    nlohmann::json out = nlohmann::json::array();
                    for (const auto& e : found) {
                        out.push_back(entry_json(e));
                    }
                    std::cout << out.dump(2) << "\n";
                    return 0;
                }
                std::cout << fmt::format("{:<7} {:<21} {:<18} {:<13} {:<10} {:<14} {}\n", "SEQ",
                                         "AT", "ACTOR", "ROLE", "CHILD", "OUTCOME", "ACTION");
                for (const auto& e : found) {
                    const auto& f = e.fields;
                    std::cout << fmt::format(
                        "{:<7} {:<21} {:<18} {:<13} {:<10} {:<14} {}\n", e.seq, f.at, f.actor,
                        f.role, f.child_id.empty() ? "-" : f.child_id, f.outcome, f.action);
                }
                std::cout << fmt::format("\n{} entr{}.\n", found.size(),
                                         found.size() == 1 ? "y" : "ies");
                return 0;
            });
        });
    });
}

}  // namespace iro::cli
