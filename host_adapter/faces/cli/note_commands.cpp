// iro-host notes add|amend|list|show: oversight notes on a child's file. Adding and amending go
// through the module that owns notes (oversight-notes), as the worker named by --actor; listing
// and showing read the store.

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/module_request.hpp"
#include "oversight_notes/note_store.hpp"
#include "schema/json_text.hpp"

namespace iro::cli {

namespace {

// The note body in `file`: a JSON object. Errors name the file, line and column.
nlohmann::json read_body(const std::string& file) {
    // JsonInputRefused is an invalid_argument: "FILE:LINE:COLUMN: reason".
    nlohmann::json body = schema::read_json_file(file);
    if (!body.is_object()) {
        throw std::invalid_argument(file + ": the note must be a JSON object");
    }
    return body;
}

void print_recorded(const nlohmann::json& reply, const std::string& verb) {
    const auto& note = reply["note"];
    std::cout << fmt::format("Note {} ({}, version {}) {} on child {}'s file by {} ({}).\n",
                             note["note_id"].get<std::string>(), note["kind"].get<std::string>(),
                             note["version"].get<int>(), verb, note["child_id"].get<std::string>(),
                             note["author_id"].get<std::string>(),
                             note["author_role"].get<std::string>());
    if (reply["outbox_item"].is_null()) {
        std::cout << "Write-back to the CMS is not configured: the note is kept in the host's "
                     "store only.\n";
    } else {
        std::cout << fmt::format("Queued for the CMS as outbox item {}.\n",
                                 reply["outbox_item"].get<std::string>());
    }
}

void print_list(const std::vector<plugin::NoteRecord>& notes) {
    std::cout << fmt::format("{:<6} {:<4} {:<20} {:<11} {:<10} {:<12} {}\n", "NOTE", "VER", "KIND",
                             "DATE", "AUTHOR", "ROLE", "RECORDED");
    for (const auto& n : notes) {
        std::cout << fmt::format("{:<6} {:<4} {:<20} {:<11} {:<10} {:<12} {}\n", n.root_id,
                                 n.version, n.kind, plugin::to_iso(n.occurred_on), n.author_id,
                                 n.author_role, n.recorded_at);
    }
    std::cout << fmt::format("\n{} note(s). NOTE is the original's id; amendments keep it.\n",
                             notes.size());
}

}  // namespace

void add_note_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* notes = app.add_subcommand("notes", "IRO oversight notes on a child's file");
    notes->require_subcommand(1);

    struct Args {
        std::string child;
        std::string kind;
        std::string file;
        std::string note;
        std::string reason;
        bool all_versions = false;
    };
    auto args = std::make_shared<Args>();

    auto* add = notes->add_subcommand("add", "Record a note (as the worker named by --actor)");
    add->add_option("--child", args->child, "The child's id")->required();
    add->add_option("--kind", args->kind,
                    "midpoint, consultation, significant_change, informal_resolution, rag or "
                    "general")
        ->required();
    add->add_option("--file", args->file, "The note as JSON (schemas/notes/<kind>.schema.json)")
        ->required();
    add->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            return run_module_request(
                options, "add_note",
                {{"child_id", args->child}, {"kind", args->kind}, {"body", read_body(args->file)}},
                [](const nlohmann::json& reply) { print_recorded(reply, "recorded"); });
        });
    });

    auto* amend = notes->add_subcommand(
        "amend", "Record a new version of a note; every earlier version stays readable");
    amend->add_option("--note", args->note, "Any version's id of the note to amend")->required();
    amend->add_option("--file", args->file, "The whole amended note as JSON")->required();
    amend->add_option("--reason", args->reason, "Why the note is amended")->required();
    amend->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            return run_module_request(
                options, "amend_note",
                {{"note_id", args->note},
                 {"reason", args->reason},
                 {"body", read_body(args->file)}},
                [](const nlohmann::json& reply) { print_recorded(reply, "amended"); });
        });
    });

    auto* list = notes->add_subcommand("list", "The notes on a child's file, latest versions");
    list->add_option("--child", args->child, "The child's id")->required();
    list->add_option("--kind", args->kind, "Only notes of this kind");
    list->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            return with_store(options, [&](store::Database& db) {
                const auto found = notes::latest_notes(db, {args->child, args->kind});
                if (options.json) {
                    nlohmann::json out = nlohmann::json::array();
                    for (const auto& n : found) {
                        out.push_back(notes::to_json(n));
                    }
                    std::cout << out.dump(2) << "\n";
                } else {
                    print_list(found);
                }
                return 0;
            });
        });
    });

    auto* show = notes->add_subcommand("show", "Every version of a note, oldest first");
    show->add_option("note", args->note, "Any version's id of the note")->required();
    show->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            return with_store(options, [&](store::Database& db) {
                const auto versions = notes::note_versions(db, args->note);
                if (versions.empty()) {
                    throw std::invalid_argument("there is no note " + args->note);
                }
                nlohmann::json out = nlohmann::json::array();
                for (const auto& n : versions) {
                    out.push_back(notes::to_json(n));
                }
                if (options.json) {
                    std::cout << out.dump(2) << "\n";
                    return 0;
                }
                for (const auto& v : out) {
                    std::cout << fmt::format(
                        "Version {} (note id {}), {} note on child {}, dated {}\n  by {} ({}) at "
                        "{}\n",
                        v["version"].get<int>(), v["note_id"].get<std::string>(),
                        v["kind"].get<std::string>(), v["child_id"].get<std::string>(),
                        v["occurred_on"].get<std::string>(), v["author_id"].get<std::string>(),
                        v["author_role"].get<std::string>(), v["recorded_at"].get<std::string>());
                    if (v.contains("reason")) {
                        std::cout << "  reason: " << v["reason"].get<std::string>() << "\n";
                    }
                    std::cout << v["body"].dump(2) << "\n\n";
                }
                return 0;
            });
        });
    });
}

}  // namespace iro::cli
