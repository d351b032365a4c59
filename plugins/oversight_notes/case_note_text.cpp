#include "case_note_text.hpp"

#include <array>
#include <utility>

#include "note_kinds.hpp"

namespace iro::oversight_notes {

namespace {

std::string words(const std::string& code) {
    std::string text = code;
    for (char& c : text) {
        if (c == '_') {
            c = ' ';
        }
    }
    return text;
}

void midpoint(std::string& out, const nlohmann::json& b) {
    static constexpr std::array<std::pair<const char*, const char*>, 8> kChecks{{
        {"care_plan", "Care plan"},
        {"placement_plan", "Placement plan"},
        {"health_assessment", "Health assessment"},
        {"pep", "Personal education plan"},
        {"pathway_plan", "Pathway plan"},
        {"statutory_visits", "Statutory visits"},
        {"last_review_decisions", "Decisions of the last review"},
        {"permanence_plan", "Permanence plan"},
    }};
    out += "Compliance (dip sample):\n";
    for (const auto& [key, label] : kChecks) {
        const auto& check = b["compliance"][key];
        out += std::string("- ") + label + ": " + words(check["outcome"]) + ". " +
               check["comment"].get<std::string>() + "\n";
    }
    if (b.contains("discussed_with") && !b["discussed_with"].empty()) {
        std::string people;
        for (const auto& who : b["discussed_with"]) {
            people += (people.empty() ? "" : ", ") + words(who);
        }
        out += "Discussed with: " + people + "\n";
    }
    out += "Agreed actions:";
    if (b["actions"].empty()) {
        out += " none\n";
    } else {
        out += "\n";
        for (const auto& a : b["actions"]) {
            out += "- " + a["what"].get<std::string>() + " (" + a["who"].get<std::string>() +
                   ", by " + a["by_when"].get<std::string>() + ")\n";
        }
    }
    out += "Summary: " + b["summary"].get<std::string>() + "\n";
}

void consultation(std::string& out, const nlohmann::json& b) {
    if (b.contains("review_due_on")) {
        out += "For the review due on " + b["review_due_on"].get<std::string>() + ".\n";
    }
    out += "Consulted:\n";
    for (const auto& c : b["consulted"]) {
        out += "- " + words(c["who"]) + " by " + words(c["how"]);
        if (c.contains("views")) {
            out += ": " + c["views"].get<std::string>();
        }
        out += "\n";
    }
    out += "Summary: " + b["summary"].get<std::string>() + "\n";
}

}  // namespace

std::string case_note_text(const plugin::NoteRecord& note) {
    const NoteKind* kind = find_kind(note.kind);
    const nlohmann::json& b = note.body;
    std::string out = std::string(kind != nullptr ? kind->title : "IRO oversight") + ", " +
                      b.value("date", std::string()) + "\n";
    if (note.version > 1) {
        out += "Amendment (version " + std::to_string(note.version) + ") of note " + note.root_id +
               ". Reason: " + note.reason + "\n";
    }
    if (note.kind == "midpoint") {
        midpoint(out, b);
    } else if (note.kind == "consultation") {
        consultation(out, b);
    } else if (note.kind == "significant_change") {
        out += "What changed: " + b["what_changed"].get<std::string>() + "\n";
        out += std::string("Early review needed: ") +
               (b["early_review_needed"] == true
                    ? "yes, by " + b.value("early_review_by", std::string("?"))
                    : std::string("no")) +
               "\n";
        out += "Rationale: " + b["rationale"].get<std::string>() + "\n";
    } else if (note.kind == "informal_resolution") {
        out += "Issue: " + b["issue"].get<std::string>() + "\n";
        out += "Resolved with: " + b["with_whom"].get<std::string>() + "\n";
        out += "Agreed action: " + b["agreed_action"].get<std::string>() + " (by " +
               b["by_when"].get<std::string>() + ")\n";
    } else if (note.kind == "rag") {
        out += "Rating: " + b["rating"].get<std::string>();
        if (b.contains("follow_up_by")) {
            out += "; IRO follow-up by " + b["follow_up_by"].get<std::string>();
        }
        out += "\nRationale: " + b["rationale"].get<std::string>() + "\n";
    } else {
        out += b.value("text", std::string()) + "\n";
    }
    return out;
}

}  // namespace iro::oversight_notes
