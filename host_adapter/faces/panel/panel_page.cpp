#include "panel/panel_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

#include "calendar/working_day_calendar.hpp"
#include "importers/ssda903_codes.hpp"
#include "text/html_text.hpp"

namespace iro::panel {

namespace {

using reports::html_escape;

// Colours checked for 4.5:1 against their backgrounds: #1b1b1b on #fff (17:1), #0b4f8a on #fff
// (8.6:1), #fff on #0b4f8a, #8a1c1c on #fdf0f0 (7.9:1), #1d5c2e on #eef7f0 (7.4:1).
constexpr const char* kStyle = R"css(
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff;overflow-wrap:anywhere}
header,main,footer{padding:.75rem}
header{border-bottom:2px solid #0b4f8a}
h1{font-size:1.25rem;margin:0 0 .25rem}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem;border-bottom:1px solid #c8c8c8}
h3{font-size:1rem;margin:0 0 .25rem}
p{margin:.25rem 0}
ul.items{list-style:none;margin:0;padding:0}
ul.items>li{border:1px solid #c8c8c8;border-radius:4px;padding:.5rem;margin:0 0 .5rem}
.meta{font-size:.9rem}
.overdue{color:#8a1c1c;font-weight:bold}
button.quiet{margin:.25rem 0 0;padding:.2rem .6rem;min-height:44px;background:#fff;color:#0b4f8a}
dl.summary{margin:0}dl.summary dt{font-weight:bold;margin-top:.35rem}dl.summary dd{margin:0}
@media (min-width:40rem){dl.summary{display:grid;grid-template-columns:14rem 1fr;gap:.25rem .75rem}dl.summary dt{margin:0}}
.tag{display:inline-block;font-size:.85rem;padding:0 .3rem;border-radius:2px;background:#eef1f4;color:#1b1b1b}
.tag.overdue{background:#fdf0f0;color:#8a1c1c}
.tag.mine{background:#0b4f8a;color:#fff}
.status{background:#eef7f0;color:#1d5c2e;border-left:4px solid #1d5c2e;padding:.5rem}
.error{background:#fdf0f0;color:#8a1c1c;border-left:4px solid #8a1c1c;padding:.5rem}
.error a{color:#8a1c1c;font-weight:bold}
.field-error{color:#8a1c1c;font-weight:bold;margin:.25rem 0}
fieldset.invalid,div.invalid{border-left:4px solid #8a1c1c;padding-left:.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;margin:0;padding:0;overflow:hidden;clip:rect(0 0 0 0);border:0;white-space:nowrap}
label{display:block;font-weight:bold;margin:.5rem 0 .25rem}
input,textarea,select{font:inherit;width:100%;padding:.4rem;border:1px solid #595959;border-radius:3px;color:#1b1b1b;background:#fff}
textarea{min-height:5rem}
button,a.button{font:inherit;font-weight:bold;margin-top:.5rem;padding:.45rem .9rem;border:2px solid #0b4f8a;border-radius:4px;background:#0b4f8a;color:#fff;cursor:pointer;min-height:44px}
a.button{display:inline-block;text-decoration:none}
a{color:#0b4f8a}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
fieldset{border:1px solid #c8c8c8;margin:0 0 .75rem;padding:.5rem}
legend{font-weight:bold;padding:0 .25rem}
fieldset label{display:flex;gap:.5rem;font-weight:normal;margin:.25rem 0}
fieldset label input{width:auto;min-width:1.25rem}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.25rem}
footer{font-size:.85rem;border-top:1px solid #c8c8c8}
)css";

std::string page(const std::string& title, const std::string& header, const std::string& main,
                 const std::string& head = "") {
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{}"
        // An empty icon, so the browser does not ask the service for /favicon.ico.
        "<link rel=\"icon\" href=\"data:,\">\n"
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n"
        "<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header>\n{}</header>\n"
        "<main id=\"main\">\n{}</main>\n<footer><p>IRO Oversight. What you do here is "
        "recorded in the audit log.</p></footer>\n</body>\n</html>\n",
        head, html_escape(title), kStyle, header, main);
}

// "27 November 2017", as people write dates (GOV.UK style), with the ISO date for machines.
std::string date_text(plugin::Date day) {
    static constexpr std::array<const char*, 12> kMonths{
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    return fmt::format("<time datetime=\"{}\">{} {} {}</time>", plugin::to_iso(day),
                       static_cast<unsigned>(day.day()),
                       kMonths.at(static_cast<unsigned>(day.month()) - 1),
                       static_cast<int>(day.year()));
}

// How a prompt stands against today, in working days (England and Wales bank holidays).
std::string due_text(const plugin::PromptRecord& p, plugin::Date today) {
    static const calendar::EnglandWalesCalendar kCalendar;
    const std::string due = "Due " + date_text(p.due_on);
    if (p.due_on == today) {
        return due + " <strong class=\"tag due\">due today</strong>";
    }
    if (p.due_on < today || p.overdue) {
        const int late = p.due_on < today ? kCalendar.working_days_between(p.due_on, today) : 0;
        return due + " <strong class=\"tag overdue\">" +
               (late > 0 ? fmt::format("overdue by {} working day{}", late, late == 1 ? "" : "s")
                         : std::string("overdue")) +
               "</strong>";
    }
    const int left = kCalendar.working_days_between(today, p.due_on);
    return due + fmt::format(" <strong class=\"tag due\">due in {} working day{}</strong>", left,
                             left == 1 ? "" : "s");
}

std::string hidden_token(const std::string& token) {
    return "<input type=\"hidden\" name=\"form_token\" value=\"" + html_escape(token) + "\">\n";
}

// A note's readable text: the field most kinds carry, else the first text field.
std::string note_text(const nlohmann::json& body) {
    for (const char* field : {"text", "summary", "comment", "narrative"}) {
        if (body.contains(field) && body[field].is_string()) {
            return body[field].get<std::string>();
        }
    }
    for (const auto& [key, value] : body.items()) {
        if (value.is_string() && key != "date") {
            return value.get<std::string>();
        }
    }
    return "";
}

// The audience as a person reads it ("the IRO", not "the iro").
std::string audience_text(const std::string& audience) {
    static const std::map<std::string, std::string, std::less<>> kNames{
        {"iro", "IRO"},
        {"iro_manager", "IRO manager"},
        {"social_worker", "social worker"},
        {"team_manager", "team manager"}};
    const auto it = kNames.find(audience);
    return it == kNames.end() ? audience : it->second;
}

std::string excerpt(const std::string& text, std::size_t limit) {
    if (text.size() <= limit) {
        return text;
    }
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
        --cut;  // never split a UTF-8 character
    }
    return text.substr(0, cut) + "…";
}

// A disabled module's part of the page: its heading, and why it holds nothing.
std::string disabled_section(std::string_view id, std::string_view title, std::string_view module) {
    return fmt::format(
        "<section aria-labelledby=\"{0}-h\">\n<h2 id=\"{0}-h\">{1}</h2>\n<p>The {2} module is "
        "disabled.</p>\n</section>\n",
        id, title, module);
}

std::string prompts_section(const PanelModel& m) {
    std::string out =
        "<section aria-labelledby=\"prompts-h\">\n<h2 id=\"prompts-h\">Open prompts (" +
        std::to_string(m.prompts.size()) + ")</h2>\n";
    if (m.prompts.empty()) {
        return out + "<p>No open prompts.</p>\n</section>\n";
    }
    // The viewer's own tasks first, marked as theirs; then the rest, soonest due first as listed.
    const auto mine = [&m](const plugin::PromptRecord& p) {
        return std::find(m.prompts_actionable.begin(), m.prompts_actionable.end(), p.prompt_id) !=
               m.prompts_actionable.end();
    };
    auto prompts = m.prompts;
    std::stable_partition(prompts.begin(), prompts.end(), mine);
    out += "<ul class=\"items\">\n";
    for (const auto& p : prompts) {
        out += fmt::format(
            "<li>\n<h3>{}{}</h3>\n<p class=\"meta\">For the {}. {}. {}.</p>\n",
            mine(p) ? "<strong class=\"tag mine\">For you</strong> " : "",
            html_escape(p.body.value("title", p.kind)), html_escape(audience_text(p.audience)),
            due_text(p, m.today),
            p.state == plugin::PromptState::acknowledged ? "Acknowledged" : "Not yet acknowledged");
        if (const auto detail = p.body.value("detail", std::string()); !detail.empty()) {
            out += "<p>" + html_escape(detail) + "</p>\n";
        }
        const bool actionable = p.state == plugin::PromptState::open &&
                                std::find(m.prompts_actionable.begin(), m.prompts_actionable.end(),
                                          p.prompt_id) != m.prompts_actionable.end();
        if (actionable) {
            out += fmt::format(
                "<form method=\"post\" action=\"/panel/children/{}/prompts/{}/acknowledge\">\n{}"
                "<button type=\"submit\" aria-label=\"Acknowledge prompt: "
                "{}\">Acknowledge</button>\n"
                "</form>\n",
                html_escape(m.child_id), html_escape(p.prompt_id), hidden_token(m.form_token),
                html_escape(p.body.value("title", p.kind)));
        }
        out += "</li>\n";
    }
    return out + "</ul>\n</section>\n";
}

// The child's key facts as a summary list: who to contact first.
std::string summary_section(const PanelModel& m) {
    const auto& s = m.summary;
    std::string rows;
    const auto row = [&rows](std::string_view key, const std::string& value_html) {
        rows += fmt::format("<dt>{}</dt><dd>{}</dd>\n", key, value_html);
    };
    if (!s.legal_status.empty()) {
        const auto meaning = importers::ssda903::legal_status_text(s.legal_status);
        row("Legal status", html_escape(s.legal_status) +
                                (meaning.empty() ? "" : ": " + html_escape(std::string(meaning))));
    }
    if (!s.placement.empty()) {
        row("Placement", html_escape(s.placement));
    }
    if (s.episode_since) {
        row("This episode of care since", date_text(*s.episode_since));
    }
    for (const auto& p : s.professionals) {
        const std::string who = p.name.empty()
                                    ? html_escape(p.worker_id)
                                    : html_escape(p.name) + " (" + html_escape(p.worker_id) + ")";
        std::string detail = who;
        if (!p.job_title.empty()) {
            detail += ", " + html_escape(p.job_title);
        }
        if (!p.team.empty()) {
            detail += ", " + html_escape(p.team);
        }
        detail += ", since " + date_text(p.since);
        std::string role = audience_text(p.role);
        role[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(role[0])));
        row(role, detail);
    }
    if (rows.empty()) {
        return "";
    }
    return "<section aria-labelledby=\"child-h\">\n<h2 id=\"child-h\">About the child</h2>\n"
           "<dl class=\"summary\">\n" +
           rows + "</dl>\n</section>\n";
}

std::string notes_section(const PanelModel& m) {
    if (!m.notes_on) {
        return disabled_section("notes", "Latest IRO notes", "oversight notes");
    }
    std::string out =
        "<section aria-labelledby=\"notes-h\">\n<h2 id=\"notes-h\">Latest IRO notes</h2>\n";
    if (m.notes.empty()) {
        out += "<p>No notes yet.</p>\n";
    } else {
        out += "<ul class=\"items\">\n";
        for (const auto& n : m.notes) {
            out += fmt::format(
                "<li>\n<h3>{} note, {}</h3>\n<p class=\"meta\">By {} "
                "({}){}</p>\n<p>{}</p>\n</li>\n",
                html_escape(n.kind), date_text(n.occurred_on), html_escape(n.author_id),
                html_escape(audience_text(n.author_role)), n.version > 1 ? ", amended" : "",
                html_escape(excerpt(note_text(n.body), 400)));
        }
        out += "</ul>\n";
    }
    if (m.may_add_note) {
        out += fmt::format(
            "<form method=\"post\" action=\"/panel/children/{}/notes\">\n{}"
            "<h3>Add a note</h3>\n"
            "<label for=\"note-date\">Date of the oversight</label>\n"
            "<input id=\"note-date\" name=\"date\" type=\"date\" value=\"{}\" required>\n"
            "<label for=\"note-text\">Note</label>\n"
            "<textarea id=\"note-text\" name=\"text\" required maxlength=\"20000\"></textarea>\n"
            "<button type=\"submit\">Add note</button>\n</form>\n",
            html_escape(m.child_id), hidden_token(m.form_token), plugin::to_iso(m.today));
    }
    return out + "</section>\n";
}

std::string alerts_section(const PanelModel& m) {
    if (!m.alerts_on) {
        return disabled_section("alerts", "Open alerts", "quality alerts");
    }
    std::string out = "<section aria-labelledby=\"alerts-h\">\n<h2 id=\"alerts-h\">Open alerts (" +
                      std::to_string(m.alerts.size()) + ")</h2>\n";
    if (m.alerts.empty()) {
        return out + "<p>No open alerts.</p>\n</section>\n";
    }
    out += "<ul class=\"items\">\n";
    for (const auto& a : m.alerts) {
        const auto& s = a.state;
        std::string categories;
        for (const auto& c : s.categories) {
            categories += (categories.empty() ? "" : "; ") + c.label;
        }
        const bool overdue = s.due_on && *s.due_on < m.today;
        out += fmt::format(
            "<li>\n<h3>Alert {}: {}</h3>\n<p class=\"meta\">Stage: {}. Status: {}. {}{}</p>\n",
            html_escape(a.alert_id), html_escape(categories.empty() ? s.kind : categories),
            html_escape(s.stage_name.empty() ? "informal" : s.stage_name), html_escape(s.status),
            s.due_on ? "Response due " + date_text(*s.due_on) : std::string("No deadline"),
            overdue ? " <span class=\"overdue\">(overdue)</span>" : "");
        if (const auto text = s.body.value("description", std::string()); !text.empty()) {
            out += "<p>" + html_escape(excerpt(text, 400)) + "</p>\n";
        }
        if (m.may_respond_to_alerts) {
            const auto id = "respond-" + a.alert_id;
            out += fmt::format(
                "<form method=\"post\" action=\"/panel/children/{}/alerts/{}/respond\">\n{}"
                "<label for=\"{}\">Your response to alert {}</label>\n"
                "<textarea id=\"{}\" name=\"comment\" required maxlength=\"20000\"></textarea>\n"
                "<button type=\"submit\">Send response</button>\n</form>\n",
                html_escape(m.child_id), html_escape(a.alert_id), hidden_token(m.form_token),
                html_escape(id), html_escape(a.alert_id), html_escape(id));
        }
        out += "</li>\n";
    }
    return out + "</ul>\n</section>\n";
}

std::string qaf_section(const PanelModel& m) {
    if (!m.qaf_on && m.may_add_note) {
        return disabled_section("qaf", "QAF to complete", "QAF");
    }
    if (m.reviews_without_qaf.empty()) {
        return "";
    }
    std::string out =
        "<section aria-labelledby=\"qaf-h\">\n<h2 id=\"qaf-h\">QAF to complete</h2>\n<ul>\n";
    for (const auto& [review_id, held_on] : m.reviews_without_qaf) {
        out += fmt::format(
            "<li><a href=\"/panel/children/{}/qaf/{}\">Complete the QAF for the review held on "
            "{}</a></li>\n",
            html_escape(m.child_id), html_escape(review_id), html_escape(held_on));
    }
    return out + "</ul>\n</section>\n";
}

std::string header_for(const std::string& child_id, const std::string& user_id,
                       const std::string& role) {
    return fmt::format(
        "<h1>IRO oversight: child {}</h1>\n<p class=\"meta\">Signed in as {} ({}).</p>\n"
        // Ends the session in the store, not just the cookie (POST /panel/sign-out).
        "<form method=\"post\" action=\"/panel/sign-out\"><button type=\"submit\" "
        "class=\"quiet\">Sign out</button></form>\n",
        html_escape(child_id), html_escape(user_id), html_escape(audience_text(role)));
}

// An error summary, first in the page and announced, in the GOV.UK Design System's manner: the
// problem, then a link to each field at fault (`items`: the field's id and what is wrong).
std::string error_summary(const std::string& headline,
                          const std::vector<std::pair<std::string, std::string>>& items) {
    std::string out =
        "<div class=\"error\" role=\"alert\" aria-labelledby=\"error-h\">\n<h2 "
        "id=\"error-h\">There is a problem</h2>\n<p>" +
        html_escape(headline) + "</p>\n";
    if (!items.empty()) {
        out += "<ul>\n";
        for (const auto& [field, text] : items) {
            out += field.empty() ? "<li>" + html_escape(text) + "</li>\n"
                                 : fmt::format("<li><a href=\"#{}\">{}</a></li>\n",
                                               html_escape(field), html_escape(text));
        }
        out += "</ul>\n";
    }
    return out + "</div>\n";
}

std::string messages(const std::string& status, const std::string& error) {
    std::string out;
    if (!status.empty()) {
        out += "<p class=\"status\" role=\"status\">" + html_escape(status) + "</p>\n";
    }
    if (!error.empty()) {
        out += error_summary(error, {});
    }
    return out;
}

}  // namespace

std::string render_panel(const PanelModel& m) {
    return page(
        std::string(m.error.empty() ? "" : "Error: ") + "IRO oversight: child " + m.child_id,
        header_for(m.child_id, m.user_id, m.role),
        messages(m.status, m.error) + prompts_section(m) + summary_section(m) + alerts_section(m) +
            notes_section(m) + qaf_section(m));
}

namespace {

/// A refused QAF's problems by question: "q20: 'maybe' is not one of ..." lines name the
/// question; any other line is about the response as a whole.
struct QafProblems {
    std::string headline;
    std::map<std::string, std::string> by_question;
    std::vector<std::string> general;
};

QafProblems qaf_problems(const std::string& error, const nlohmann::json& definition) {
    QafProblems out;
    std::set<std::string> ids;
    for (const auto& q : definition["questions"]) {
        ids.insert(q["id"].get<std::string>());
    }
    std::size_t start = 0;
    bool first = true;
    while (start <= error.size()) {
        auto end = error.find('\n', start);
        if (end == std::string::npos) {
            end = error.size();
        }
        std::string line = error.substr(start, end - start);
        start = end + 1;
        line.erase(0, line.find_first_not_of(' '));
        if (line.empty()) {
            continue;
        }
        const auto colon = line.find(": ");
        if (!first && colon != std::string::npos && ids.count(line.substr(0, colon)) > 0) {
            auto& text = out.by_question[line.substr(0, colon)];
            text += (text.empty() ? "" : "; ") + line.substr(colon + 2);
        } else if (first) {
            out.headline = line;
        } else {
            out.general.push_back(line);
        }
        first = false;
    }
    if (!out.by_question.empty()) {
        out.headline =
            "The QAF was not submitted: correct the answers below, then submit it again.";
    }
    return out;
}

bool given(const std::vector<std::pair<std::string, std::string>>& answers, const std::string& name,
           const std::string& value) {
    return std::find(answers.begin(), answers.end(), std::pair(name, value)) != answers.end();
}

std::string given_text(const std::vector<std::pair<std::string, std::string>>& answers,
                       const std::string& name) {
    for (const auto& [n, v] : answers) {
        if (n == name) {
            return v;
        }
    }
    return "";
}

}  // namespace

std::string render_qaf_form(const QafFormModel& m) {
    const auto& d = m.definition;
    const auto problems = qaf_problems(m.error, d);
    std::vector<std::pair<std::string, std::string>> summary;
    for (const auto& q : d["questions"]) {
        const std::string id = q["id"].get<std::string>();
        if (const auto it = problems.by_question.find(id); it != problems.by_question.end()) {
            summary.emplace_back("q-" + id, q["text"].get<std::string>() + ": " + it->second);
        }
    }
    for (const auto& line : problems.general) {
        summary.emplace_back("", line);
    }
    std::string main = m.error.empty() ? "" : error_summary(problems.headline, summary);
    main += fmt::format(
        "<p><a href=\"/panel/children/{0}\">Back to child {0}</a></p>\n"
        "<form method=\"post\" action=\"/panel/children/{0}/qaf/{1}\">\n{2}",
        html_escape(m.child_id), html_escape(m.review_id), hidden_token(m.form_token));
    if (!m.not_asked.empty()) {
        const bool one = m.not_asked.size() == 1;
        main += fmt::format(
            "<p>{} question{} of the QAF do{} not apply to this review (the child's age, or "
            "which of their reviews it is) and {} not asked.</p>\n",
            m.not_asked.size(), one ? "" : "s", one ? "es" : "", one ? "is" : "are");
    }
    for (const auto& section : d["sections"]) {
        main += "<h2>" + html_escape(section["title"].get<std::string>()) + "</h2>\n";
        for (const auto& q : d["questions"]) {
            const std::string id = q["id"].get<std::string>();
            if (q["section"] != section["id"] || m.not_asked.count(id) > 0) {
                continue;
            }
            const std::string type = q["type"].get<std::string>();
            const bool required = q.value("required", false);
            const std::string text =
                html_escape(q["text"].get<std::string>()) + (required ? " (required)" : "");
            const auto problem = problems.by_question.find(id);
            const bool invalid = problem != problems.by_question.end();
            const std::string error_id = "q-" + html_escape(id) + "-error";
            const std::string described = invalid ? " aria-describedby=\"" + error_id + "\"" : "";
            const std::string error_text =
                invalid ? fmt::format(
                              "<p class=\"field-error\" id=\"{}\"><span "
                              "class=\"visually-hidden\">Error:</span> {}</p>\n",
                              error_id, html_escape(problem->second))
                        : "";
            if (type == "single_choice" || type == "multiple_choice") {
                const bool many = type == "multiple_choice";
                main += fmt::format("<fieldset id=\"q-{}\"{}{}>\n<legend>{}</legend>\n{}",
                                    html_escape(id), invalid ? " class=\"invalid\"" : "", described,
                                    text, error_text);
                for (const auto& o : q.value("options", nlohmann::json::array())) {
                    const std::string code = o["code"].get<std::string>();
                    main += fmt::format(
                        "<label><input type=\"{}\" name=\"{}\" value=\"{}\"{}> {}</label>\n",
                        many ? "checkbox" : "radio", html_escape(id), html_escape(code),
                        given(m.answers, id, code) ? " checked" : "",
                        html_escape(o["label"].get<std::string>()));
                    if (o.value("other", false)) {
                        main += fmt::format(
                            "<label for=\"{0}-other\">Please specify</label>\n"
                            "<input id=\"{0}-other\" name=\"{0}.other\" type=\"text\" "
                            "value=\"{1}\">\n",
                            html_escape(id), html_escape(given_text(m.answers, id + ".other")));
                    }
                }
                main += "</fieldset>\n";
            } else {
                const std::string input_type = type == "number" ? "number"
                                               : type == "date" ? "date"
                                                                : "text";
                const std::string value = html_escape(given_text(m.answers, id));
                main += fmt::format(
                    "<div id=\"q-{0}-group\"{1}>\n<label for=\"q-{0}\">{2}</label>\n{3}",
                    html_escape(id), invalid ? " class=\"invalid\"" : "", text, error_text);
                main +=
                    type == "free_text"
                        ? fmt::format("<textarea id=\"q-{0}\" name=\"{0}\"{1}>{2}</textarea>\n",
                                      html_escape(id), described, value)
                        : fmt::format(
                              "<input id=\"q-{0}\" name=\"{0}\" type=\"{1}\" value=\"{2}\"{3}>\n",
                              html_escape(id), input_type, value, described);
                main += "</div>\n";
            }
        }
    }
    main += "<button type=\"submit\">Submit the QAF</button>\n</form>\n";
    return page(std::string(m.error.empty() ? "" : "Error: ") + "QAF for review " + m.review_id,
                fmt::format("<h1>{}: review {}</h1>\n<p class=\"meta\">Child {}.</p>\n",
                            html_escape(d.value("title", std::string("QAF"))),
                            html_escape(m.review_id), html_escape(m.child_id)),
                main);
}

std::string render_error_page(unsigned status, const std::string& detail,
                              const std::string& child_id) {
    // What a person is told first, by status; the service's detail follows.
    std::string title = "Sorry, something went wrong";
    if (status == 403) {
        title = "You do not have access to this page";
    } else if (status == 404) {
        title = "Page not found";
    } else if (status == 409 || status == 422 || status == 400) {
        title = "This could not be done";
    } else if (status == 429) {
        title = "Too many attempts: wait a minute and try again";
    } else if (status >= 500) {
        title = "Sorry, there is a problem with the service";
    }
    std::string next;
    // Back to the child's panel, unless that is what was refused.
    if (!child_id.empty() && status != 403 && status != 404) {
        next +=
            fmt::format("<li><a href=\"/panel/children/{0}\">The panel for child {0}</a></li>\n",
                        html_escape(child_id));
    }
    next +=
        fmt::format("<li><a href=\"/panel/sign-in?child={}\">Sign in as someone else</a></li>\n",
                    html_escape(child_id));
    return page(title, "<h1>" + html_escape(title) + "</h1>\n",
                (detail.empty() ? std::string() : "<p>" + html_escape(detail) + "</p>\n") +
                    "<p>If you think you should have access, ask the IRO service's administrator."
                    "</p>\n<ul>\n" +
                    next + "</ul>\n");
}

std::string render_sign_in(const SignInPage& m) {
    std::string body = messages("", m.error);
    if (!m.sso_name.empty()) {
        body += fmt::format(
            "<p><a class=\"button\" href=\"/panel/sign-in/sso{}\">Sign in with {}</a></p>\n",
            m.child_id.empty() ? "" : "?child=" + html_escape(m.child_id), html_escape(m.sso_name));
    }
    if (m.token_form) {
        body += fmt::format(
            "{}<form method=\"post\" action=\"/panel/sign-in\">\n"
            "<input type=\"hidden\" name=\"child\" value=\"{}\">\n"
            "<input type=\"hidden\" name=\"sign_in_token\" value=\"{}\">\n"
            "<label for=\"token\">Your API token</label>\n"
            "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" "
            "required>\n<button type=\"submit\">Sign in</button>\n</form>\n"
            "<p>Your administrator gives you a token. Your session lasts at most eight hours "
            "and ends when you sign out or the token is revoked.</p>\n",
            m.sso_name.empty() ? "" : "<h2>Or sign in with an API token</h2>\n",
            html_escape(m.child_id), html_escape(m.sign_in_token));
    } else {
        body += "<p>Your session lasts at most eight hours and ends when you sign out.</p>\n";
    }
    return page(std::string(m.error.empty() ? "" : "Error: ") + "Sign in to IRO Oversight",
                "<h1>Sign in to IRO Oversight</h1>\n", body);
}

std::string render_signed_in(const std::string& next_url) {
    // Navigated to from this page, the next request is the panel's own, so the browser sends
    // the new session's SameSite=Strict cookie; a redirect straight from the provider's (or the
    // CMS's) site would not carry it.
    const std::string url = html_escape(next_url);
    return page("Signed in to IRO Oversight", "<h1>You are signed in</h1>\n",
                fmt::format("<p><a href=\"{}\">Continue</a></p>\n", url),
                fmt::format("<meta http-equiv=\"refresh\" content=\"0; url={}\">\n", url));
}

std::string render_signed_out(const std::string& end_session_url,
                              const std::string& provider_name) {
    std::string body =
        "<p class=\"status\" role=\"status\">You have signed out of IRO "
        "Oversight.</p>\n";
    if (!end_session_url.empty()) {
        body += fmt::format(
            "<p>You are still signed in to {0} for other services.</p>\n"
            "<p><a class=\"button\" href=\"{1}\">Sign out of {0} too</a></p>\n",
            html_escape(provider_name), html_escape(end_session_url));
    }
    body += "<p><a href=\"/panel/sign-in\">Sign in again</a></p>\n";
    return page("Signed out of IRO Oversight", "<h1>You have signed out</h1>\n", body);
}

}  // namespace iro::panel
