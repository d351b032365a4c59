#pragma once
// Running a person's request through the module that handles it, from the command line: the
// actor resolved from --actor, the modules loaded and started in this process, the request run in
// one transaction, and the running host (if any) told to deliver what it queued.

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/cli_context.hpp"

namespace iro::cli {

/// Prints the reply with `print` (or as JSON with --json) and returns the exit code: 0 done,
/// kExitRefused when the module refused (invalid, forbidden, not found), kExitFailed otherwise.
/// `as_of` stops the host's clock at that day (back-dated entry, tests); default: now.
int run_module_request(const GlobalOptions& options, const std::string& name,
                       const nlohmann::json& input,
                       const std::function<void(const nlohmann::json&)>& print,
                       std::optional<plugin::Date> as_of = std::nullopt);

/// As above, with the input made once the modules have started (they may define what the input
/// is read against, such as a questionnaire). `make_input` returning nullopt runs no request
/// (a dry run) and returns 0.
int run_module_request(
    const GlobalOptions& options, const std::string& name,
    const std::function<std::optional<nlohmann::json>(store::Database&)>& make_input,
    const std::function<void(const nlohmann::json&)>& print);

}  // namespace iro::cli
