// iro-host qaf submit|amend|show|questionnaires|import-surveymonkey: the QAF questionnaire.
// Responses go through the qaf module as the worker named by --actor; showing and listing read
// the store; an import maps the SurveyMonkey export's columns here, prints the mapping, and hands
// the rows to the module only when every column and value is understood.

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/module_request.hpp"
#include "qaf/definition_store.hpp"
#include "qaf/submission_store.hpp"
#include "qaf/surveymonkey_export.hpp"
#include "schema/json_text.hpp"

namespace iro::cli {

namespace {

nlohmann::json parse_json_text(const std::string& text, const std::string& where) {
    try {
        return schema::parse_json_input(text);
    } catch (const schema::JsonInputRefused& e) {
        throw std::invalid_argument(where + ":" + e.what());
    }
}

std::string read_text(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::invalid_argument(file + ": cannot be read");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// One response's file: {"answers": {...}, "other": {...}, "questionnaire": "..."}, or the
// answers object itself.
nlohmann::json one_response(const std::string& file) {
    // JsonInputRefused is an invalid_argument: "FILE:LINE:COLUMN: reason".
    nlohmann::json doc = schema::read_json_file(file);
    if (!doc.is_object()) {
        throw std::invalid_argument(file + ": a JSON object of answers is expected");
    }
    if (!doc.contains("answers")) {
        doc = {{"answers", doc}};
    }
    return doc;
}

// Many responses: JSON Lines, one {"review_id", "answers", "other"?} per line, or a JSON array.
nlohmann::json many_responses(const std::string& file) {
    const std::string text = read_text(file);
    const auto first = text.find_first_not_of(" \t\r\n");
    nlohmann::json items = nlohmann::json::array();
    if (first != std::string::npos && text[first] == '[') {
        items = parse_json_text(text, file);
        for (std::size_t i = 0; i < items.size(); ++i) {
            items[i]["line"] = i + 1;
        }
    } else {
        std::istringstream lines(text);
        std::string line;
        std::size_t number = 0;
        while (std::getline(lines, line)) {
            ++number;
            if (line.find_first_not_of(" \t\r") == std::string::npos) {
                continue;
            }
            nlohmann::json item = parse_json_text(line, fmt::format("{}:{}", file, number));
            if (!item.is_object()) {
                throw std::invalid_argument(
                    fmt::format("{}:{}: a JSON object is expected", file, number));
            }
            item["line"] = number;
            items.push_back(std::move(item));
        }
    }
    if (items.empty()) {
        throw std::invalid_argument(file + ": no responses");
    }
    return items;
}

void print_response(const nlohmann::json& r) {
    std::cout << fmt::format("Response {} to {}@{}", r["response_id"].get<std::string>(),
                             r["questionnaire"].get<std::string>(), r["version"].get<int>());
    if (!r["review_id"].get<std::string>().empty()) {
        std::cout << fmt::format(" after review {} of child {}", r["review_id"].get<std::string>(),
                                 r["child_id"].get<std::string>());
    }
    std::cout << fmt::format(
        " held {}; submitted {} by {} ({}).\n", r["review_date"].get<std::string>(),
        r["submitted_at"].get<std::string>(), r["author_id"].get<std::string>(),
        r["author_role"].get<std::string>());
    if (!r["amends"].get<std::string>().empty()) {
        std::cout << fmt::format("Amends response {}: {}\n", r["amends"].get<std::string>(),
                                 r["reason"].get<std::string>());
    }
    std::cout << fmt::format("{} question(s) answered.\n", r["answers"].size());
}

}  // namespace

void add_qaf_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* qaf = app.add_subcommand("qaf", "The QAF questionnaire completed after every review");
    qaf->require_subcommand(1);

    struct Args {
        std::string review;
        std::string file;
        std::string questionnaire;
        std::string response;
        std::string reason;
        bool dry_run = false;
    };
    auto args = std::make_shared<Args>();

    auto* submit = qaf->add_subcommand(
        "submit",
        "Record the QAF after a review (--review ID --file answers.json), or many at once "
        "(--file responses.jsonl, one {review_id, answers} per line; all or none)");
    submit->add_option("--review", args->review, "The review the questionnaire follows");
    submit->add_option("--file", args->file, "The answers (JSON)")
        ->required()
        ->check(CLI::ExistingFile);
    submit->add_option("--questionnaire", args->questionnaire,
                       "ID or ID@VERSION (default: the module's, york-qaf's latest)");
    submit->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            if (!args->review.empty()) {
                nlohmann::json input = one_response(args->file);
                input["review_id"] = args->review;
                if (!args->questionnaire.empty()) {
                    input["questionnaire"] = args->questionnaire;
                }
                return run_module_request(
                    options, "submit_response", input,
                    [](const nlohmann::json& reply) { print_response(reply["response"]); });
            }
            nlohmann::json items = many_responses(args->file);
            if (!args->questionnaire.empty()) {
                for (auto& item : items) {
                    if (!item.contains("questionnaire")) {
                        item["questionnaire"] = args->questionnaire;
                    }
                }
            }
            return run_module_request(
                options, "submit_responses", {{"source", args->file}, {"responses", items}},
                [&](const nlohmann::json& reply) {
                    std::cout << fmt::format("Recorded {} response(s) from {}.\n",
                                             reply["recorded"].get<int>(), args->file);
                });
        });
    });

    auto* amend = qaf->add_subcommand(
        "amend", "Amend a response: the new answers become its next version, with the reason");
    amend->add_option("--response", args->response, "The response's id")->required();
    amend->add_option("--file", args->file, "The corrected answers (JSON)")
        ->required()
        ->check(CLI::ExistingFile);
    amend->add_option("--reason", args->reason, "Why the answers changed")->required();
    amend->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            nlohmann::json input = one_response(args->file);
            input["response_id"] = args->response;
            input["reason"] = args->reason;
            return run_module_request(
                options, "amend_response", input,
                [](const nlohmann::json& reply) { print_response(reply["response"]); });
        });
    });

    auto* show = qaf->add_subcommand("show", "A response with its answers (internal use)");
    show->add_option("response", args->response, "The response's id")->required();
    show->callback([&options, &exit_code, args] {
        exit_code = with_store(options, [&](store::Database& db) {
            const auto found = questionnaires::find_submitted(db, args->response);
            if (!found) {
                std::cerr << "iro-host: there is no questionnaire response " << args->response
                          << "\n";
                return kExitRefused;
            }
            const auto json = plugin::to_json(*found);
            if (options.json) {
                std::cout << json.dump(2) << "\n";
                return 0;
            }
            print_response(json);
            const auto definition =
                questionnaires::load_definition(db, found->questionnaire, found->version);
            for (const auto& [id, answer] : found->answers.items()) {
                const auto* q = definition ? definition->question(id) : nullptr;
                std::string shown = answer.is_string() ? answer.get<std::string>() : answer.dump();
                if (q != nullptr && q->is_choice()) {
                    shown.clear();
                    for (const auto& code :
                         answer.is_array() ? answer : nlohmann::json::array({answer})) {
                        const auto* o = q->option(code.get<std::string>());
                        shown += (shown.empty() ? "" : "; ") +
                                 (o != nullptr ? o->label : code.get<std::string>());
                    }
                }
                std::cout << fmt::format("  {:<14} {}\n", id, shown);
            }
            for (const auto& [id, text] : found->other.items()) {
                std::cout << fmt::format("  {:<14} Other (internal): {}\n", id,
                                         text.get<std::string>());
            }
            return 0;
        });
    });

    auto* list = qaf->add_subcommand("questionnaires",
                                     "The questionnaires and versions defined, with responses");
    list->callback([&options, &exit_code] {
        exit_code = with_store(options, [&](store::Database& db) {
            const auto defined = questionnaires::list_definitions(db);
            if (options.json) {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& d : defined) {
                    out.push_back({{"questionnaire", d.questionnaire},
                                   {"version", d.version},
                                   {"module_id", d.module_id},
                                   {"title", d.title},
                                   {"defined_at", d.defined_at},
                                   {"responses", d.responses}});
                }
                std::cout << out.dump(2) << "\n";
                return 0;
            }
            std::cout << fmt::format("{:<20} {:>7} {:>9}  {:<8} {}\n", "QUESTIONNAIRE", "VERSION",
                                     "RESPONSES", "MODULE", "TITLE");
            for (const auto& d : defined) {
                std::cout << fmt::format("{:<20} {:>7} {:>9}  {:<8} {}\n", d.questionnaire,
                                         d.version, d.responses, d.module_id, d.title);
            }
            return 0;
        });
    });

    auto* import = qaf->add_subcommand(
        "import-surveymonkey",
        "Bring in QAF history from SurveyMonkey's expanded CSV export; prints how its columns "
        "map, and imports nothing unless all of them can be read");
    import->add_option("file", args->file, "The export (CSV)")
        ->required()
        ->check(CLI::ExistingFile);
    import
        ->add_option("--questionnaire", args->questionnaire,
                     "The questionnaire version the export answers, ID@VERSION")
        ->required();
    import->add_flag("--dry-run", args->dry_run, "Print the mapping and stop");
    import->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            const auto named = questionnaires::parse_reference(args->questionnaire);
    const auto make_input = [&](store::Database& db) -> std::optional<nlohmann::json> {
        // The modules have started: the qaf module has defined its questionnaires.
        const auto definition = questionnaires::load_definition(db, named.first, named.second);
        if (!definition) {
            throw std::invalid_argument("questionnaire " + args->questionnaire +
                                        " is not defined (is the qaf module enabled?)");
        }
        const auto exported = importers::read_surveymonkey_export(args->file, *definition);
        std::cout << importers::mapping_report(exported, *definition);
        if (!exported.problems.empty()) {
            std::string why = args->file + " refused; nothing was imported:";
            for (const auto& p : exported.problems) {
                why += "\n  " + p;
            }
            throw std::invalid_argument(why);
        }
        std::cout << fmt::format("{} response row(s) read.\n", exported.rows.size());
        if (args->dry_run) {
            std::cout << "Dry run: nothing was imported.\n";
            return std::nullopt;
        }
        return nlohmann::json{{"questionnaire", definition->reference()},
                              {"source", "surveymonkey"},
                              {"file", args->file},
                              {"rows", exported.rows}};
    };
    return run_module_request(
        options, "import_history", make_input, [](const nlohmann::json& reply) {
            std::cout << fmt::format(
                "Imported {} response(s): {} linked to their review, {} kept as history "
                "without a child.\n",
                reply["imported"].get<int>(), reply["linked"].get<int>(),
                reply["unlinked"].get<int>());
            if (!reply["unknown_reviews"].empty()) {
                std::cout << fmt::format(
                    "{} row(s) named a review the case records do not hold (first: {}); "
                    "they are kept without a child.\n",
                    reply["unknown_reviews"].size(),
                    reply["unknown_reviews"][0].get<std::string>());
            }
        });
});
}  // namespace iro::cli
);
}

}  // namespace iro::cli
