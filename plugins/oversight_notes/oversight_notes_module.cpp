// The oversight-notes module: the IRO's notes on the child's file ("IRO footprint"), recorded in a
// consistent form (one schema per kind), never changed once written (an amendment is a new
// version), and queued for the council's CMS in the same transaction that records them.
//
// Requests: add_note {child_id, kind, body}; amend_note {note_id, body, reason}.

#include <algorithm>

#include "case_note_text.hpp"
#include "iro/plugin_api/module.hpp"
#include "note_kinds.hpp"
#include "note_rules.hpp"

namespace {

using iro::plugin::RequestRefused;
using iro::plugin::RequestStatus;
namespace notes = iro::oversight_notes;

std::string text_field(const nlohmann::json& input, const char* name) {
    const auto it = input.find(name);
    if (it == input.end() || !it->is_string() || it->get<std::string>().empty()) {
        throw RequestRefused(RequestStatus::invalid,
                             std::string("'") + name + "' is required (a non-empty string)");
    }
    return it->get<std::string>();
}

nlohmann::json note_json(const iro::plugin::NoteRecord& n) {
    nlohmann::json j{
        {"note_id", n.note_id},         {"root_id", n.root_id},
        {"version", n.version},         {"kind", n.kind},
        {"child_id", n.child_id},       {"occurred_on", iro::plugin::to_iso(n.occurred_on)},
        {"author_id", n.author_id},     {"author_role", n.author_role},
        {"recorded_at", n.recorded_at}, {"body", n.body}};
    if (!n.reason.empty()) {
        j["reason"] = n.reason;
    }
    return j;
}

class OversightNotesModule final : public iro::plugin::Module {
  public:
    using Module::Module;

    nlohmann::json handle_request(const iro::plugin::Request& request) override {
        if (request.name == "add_note") {
            return add(request);
        }
        if (request.name == "amend_note") {
            return amend(request);
        }
        return Module::handle_request(request);
    }

  private:
    void require_author_role(const iro::plugin::Actor& actor, const char* action) {
        const auto& roles = host().config().at("authoring_roles");
        if (std::find(roles.begin(), roles.end(), actor.role) != roles.end()) {
            return;
        }
        if (iro::plugin::is_social_care_role(actor.role)) {
            throw RequestRefused(RequestStatus::forbidden,
                                 actor.worker_id + " is a " + actor.role +
                                     ": children's social care may read IRO notes but not " +
                                     action + " them (IRO independence)");
        }
        throw RequestRefused(
            RequestStatus::forbidden,
            actor.worker_id + " (" + actor.role + ") may not " + action + " oversight notes");
    }

    // The one rule for who writes on a child's file, whichever face the request came through
    // (the HTTP API's gate says the same): the child's own worker today, or an IRO manager.
    void require_allocated(const iro::plugin::Actor& actor, const std::string& child_id) {
        if (actor.role == "iro_manager") {
            return;
        }
        const iro::plugin::Date today = host().clock().today();
        for (const auto& a : host().records().allocations(child_id)) {
            if (a.worker_id == actor.worker_id && a.start <= today && (!a.end || *a.end >= today)) {
                return;
            }
        }
        throw RequestRefused(RequestStatus::forbidden,
                             actor.worker_id + " is not allocated to child " + child_id +
                                 " today: only the child's IRO (or an IRO manager) writes on "
                                 "their file");
    }

    // Schema first, then the rules; every problem is listed, each with its field.
    void check_body(const notes::NoteKind& kind, nlohmann::json& body,
                    const iro::plugin::Child& child) {
        std::string problems;
        for (const auto& v : host().validate(kind.schema, body)) {
            problems +=
                "\n  " + (v.pointer.empty() ? std::string("/") : v.pointer) + ": " + v.message;
        }
        if (problems.empty()) {
            for (const auto& b :
                 notes::apply_rules(std::string(kind.name), body, child, host().clock().today())) {
                problems += "\n  " + b.pointer + ": " + b.message;
            }
        }
        if (!problems.empty()) {
            throw RequestRefused(RequestStatus::invalid, "the " + std::string(kind.name) +
                                                             " note is not valid:" + problems);
        }
    }

    iro::plugin::Child child_of(const std::string& child_id) {
        auto child = host().records().child(child_id);
        if (!child) {
            throw RequestRefused(RequestStatus::not_found,
                                 "child " + child_id + " is not in the case records");
        }
        return *child;
    }

    nlohmann::json reply(const iro::plugin::NoteRecord& note) {
        iro::plugin::WriteBackItem item;
        item.route = host().config().at("writeback_route").get<std::string>();
        item.child_id = note.child_id;
        item.source_id = "note " + note.note_id;
        const notes::NoteKind* kind = notes::find_kind(note.kind);
        item.fields = {{"note_id", note.note_id},
                       {"root_id", note.root_id},
                       {"version", note.version},
                       {"kind", note.kind},
                       {"title", kind != nullptr ? std::string(kind->title) : note.kind},
                       {"text", notes::case_note_text(note)},
                       {"date", iro::plugin::to_iso(note.occurred_on)},
                       {"author_id", note.author_id},
                       {"author_role", note.author_role},
                       {"recorded_at", note.recorded_at},
                       {"reason", note.reason},
                       {"note", note.body}};
        const auto queued = host().writeback().queue(item);
        return {{"note", note_json(note)},
                {"outbox_item", queued ? nlohmann::json(*queued) : nlohmann::json(nullptr)}};
    }

    nlohmann::json add(const iro::plugin::Request& request) {
        require_author_role(request.actor, "write");
        const std::string kind_name = text_field(request.input, "kind");
        const notes::NoteKind* kind = notes::find_kind(kind_name);
        if (kind == nullptr) {
            throw RequestRefused(
                RequestStatus::invalid,
                "there is no note kind '" + kind_name + "' (kinds: " + notes::kind_names() + ")");
        }
        const iro::plugin::Child child = child_of(text_field(request.input, "child_id"));
        require_allocated(request.actor, child.id);
        nlohmann::json body = request.input.value("body", nlohmann::json());
        check_body(*kind, body, child);
        const auto note =
            host().outputs().record_note({child.id, kind_name, notes::note_day(body), body});
        return reply(note);
    }

    nlohmann::json amend(const iro::plugin::Request& request) {
        require_author_role(request.actor, "amend");
        const std::string note_id = text_field(request.input, "note_id");
        const std::string reason = text_field(request.input, "reason");
        const auto versions = host().outputs().note_versions(note_id);
        if (versions.empty()) {
            throw RequestRefused(RequestStatus::not_found, "there is no note " + note_id);
        }
        const iro::plugin::NoteRecord& original = versions.front();
        // An IRO corrects their own note; an IRO manager may correct any IRO's.
        if (request.actor.role != "iro_manager" && request.actor.worker_id != original.author_id) {
            throw RequestRefused(RequestStatus::forbidden,
                                 "note " + note_id + " was written by " + original.author_id +
                                     "; only its author or an IRO manager may amend it");
        }
        const notes::NoteKind* kind = notes::find_kind(original.kind);
        if (kind == nullptr) {
            throw RequestRefused(RequestStatus::invalid,
                                 "note " + note_id + " is of kind '" + original.kind +
                                     "', which this version of the module does not know");
        }
        const iro::plugin::Child child = child_of(original.child_id);
        nlohmann::json body = request.input.value("body", nlohmann::json());
        check_body(*kind, body, child);
        const auto note = host().outputs().amend_note(
            note_id, {child.id, original.kind, notes::note_day(body), body}, reason);
        return reply(note);
    }
};

}  // namespace

IRO_DEFINE_PLUGIN(OversightNotesModule)
