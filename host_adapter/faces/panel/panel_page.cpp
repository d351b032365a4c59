#include "panel/panel_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

#include "calendar/working_day_calendar.hpp"
#include "importers/ssda903_codes.hpp"
#include "panel/panel_stylesheet.hpp"
#include "text/date_words.hpp"
#include "text/html_text.hpp"

namespace iro::panel {

namespace {

using reports::html_escape;

// Every page in the GOV.UK Design System's layout: a skip link, the service's bar, one main
// region in a width container, a footer. Styles come from the host's own stylesheet (no inline
// style, so the policy can say `style-src 'self'`); no script.
std::string page(const std::string& title, const std::string& user_bar, const std::string& main,
                 const std::string& head = "") {
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en-GB\" class=\"govuk-template\">\n<head>\n"
        "<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{}"
        // An empty icon, so the browser does not ask the service for /favicon.ico.
        "<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"{}\">\n"
        "<title>{}</title>\n</head>\n<body class=\"govuk-template__body\">\n"
        "<a class=\"govuk-skip-link\" href=\"#main\">Skip to main content</a>\n"
        "<header class=\"iro-header\">\n<div class=\"govuk-width-container\">\n"
        "<p class=\"iro-header__service\">IRO Oversight</p>\n{}</div>\n</header>\n"
        "<div class=\"govuk-width-container\">\n<main class=\"govuk-main-wrapper\" id=\"main\">\n"
        "{}</main>\n</div>\n<footer class=\"govuk-footer\">\n<div "
        "class=\"govuk-width-container\">\n"
        "<p class=\"govuk-body-s\">What you do here is recorded in the audit log.</p>\n</div>\n"
        "</footer>\n</body>\n</html>\n",
        head, stylesheet_path(), html_escape(title), user_bar, main);
}

// "27 November 2017", as people write dates (GOV.UK style), with the ISO date for machines.
std::string date_text(plugin::Date day) {
    return fmt::format("<time datetime=\"{}\">{}</time>", plugin::to_iso(day),
                       text::date_in_words(day));
}

// Escaped text with each ISO date in it ("2026-10-30") written as people write dates: the
// modules' prompt details carry ISO dates, which the API and the CMS read as they are.
std::string dates_in_words(const std::string& text) {
    const std::string escaped = html_escape(text);
    const auto digit = [&escaped](std::size_t i) {
        return i < escaped.size() && std::isdigit(static_cast<unsigned char>(escaped[i])) != 0;
    };
    std::string out;
    std::size_t i = 0;
    while (i < escaped.size()) {
        const bool starts = (i == 0 || !digit(i - 1)) && i + 10 <= escaped.size() &&
                            escaped[i + 4] == '-' && escaped[i + 7] == '-' && !digit(i + 10);
        if (starts) {
            if (const auto day = plugin::parse_iso_date(std::string_view(escaped).substr(i, 10))) {
                out += date_text(*day);
                i += 10;
                continue;
            }
        }
        out += escaped[i++];
    }
    return out;
}

// A status tag for a deadline against today, in working days (England and Wales bank holidays):
// red when passed, yellow on the day, grey before.
// The blue tag before a card addressed to the reader, or nothing.
std::string for_you_tag(bool addressed_to_reader) {
    return addressed_to_reader ? "<strong class=\"govuk-tag govuk-tag--blue\">For you</strong> "
                               : std::string();
}

std::string due_tag(plugin::Date due_on, plugin::Date today, bool overdue) {
    static const calendar::EnglandWalesCalendar kCalendar;
    if (due_on == today && !overdue) {
        return "<strong class=\"govuk-tag govuk-tag--yellow\">due today</strong>";
    }
    if (due_on <= today || overdue) {
        const int late = due_on < today ? kCalendar.working_days_between(due_on, today) : 0;
        return "<strong class=\"govuk-tag govuk-tag--red\">" +
               (late > 0 ? fmt::format("overdue by {} working day{}", late, late == 1 ? "" : "s")
                         : std::string("overdue")) +
               "</strong>";
    }
    const int left = kCalendar.working_days_between(today, due_on);
    return fmt::format(
        "<strong class=\"govuk-tag govuk-tag--grey\">due in {} working day{}</strong>", left,
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
// A role as people read it (the model's names, the council's where it gave one); a worker id (an
// alert addressed to one person) as it is.
std::string audience_text(const std::string& audience,
                          const std::map<std::string, std::string, std::less<>>& role_names) {
    const auto named = role_names.find(audience);
    return named != role_names.end() ? named->second : audience;
}

std::string capitalised(std::string text) {
    if (!text.empty()) {
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    }
    return text;
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

// A section of the panel: its heading (h2, with the id the section is labelled by) and content.
std::string section(std::string_view id, const std::string& heading, const std::string& content) {
    return fmt::format(
        "<section aria-labelledby=\"{0}-h\">\n<h2 class=\"govuk-heading-m\" id=\"{0}-h\">{1}</h2>\n"
        "{2}</section>\n",
        id, heading, content);
}

// A disabled module's part of the page: its heading, and why it holds nothing.
std::string disabled_section(std::string_view id, std::string_view title, std::string_view module) {
    return section(id, std::string(title),
                   fmt::format("<p class=\"govuk-body\">The {} module is disabled.</p>\n", module));
}

// One item (a prompt, an alert, a note) as a GOV.UK summary card in a list.
std::string card(const std::string& title_html, const std::string& content_html) {
    return fmt::format(
        "<li class=\"govuk-summary-card\">\n<div class=\"govuk-summary-card__title-wrapper\">\n"
        "<h3 class=\"govuk-summary-card__title\">{}</h3>\n</div>\n"
        "<div class=\"govuk-summary-card__content\">\n{}</div>\n</li>\n",
        title_html, content_html);
}

// Rows of a GOV.UK summary list: key, then value as HTML.
std::string summary_list(const std::vector<std::pair<std::string, std::string>>& rows) {
    std::string out = "<dl class=\"govuk-summary-list\">\n";
    for (const auto& [key, value] : rows) {
        out += fmt::format(
            "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">{}"
            "</dt>\n<dd class=\"govuk-summary-list__value\">{}</dd>\n</div>\n",
            html_escape(key), value);
    }
    return out + "</dl>\n";
}

std::string paragraph(const std::string& text_html, std::string_view style = "govuk-body") {
    return fmt::format("<p class=\"{}\">{}</p>\n", style, text_html);
}

std::string prompts_section(const PanelModel& m) {
    const std::string heading = "Open prompts (" + std::to_string(m.prompts.size()) + ")";
    if (m.prompts.empty()) {
        return section("prompts", heading, paragraph("No open prompts."));
    }
    const auto mine = [&m](const plugin::PromptRecord& p) {
        return std::find(m.prompts_actionable.begin(), m.prompts_actionable.end(), p.prompt_id) !=
               m.prompts_actionable.end();
    };
    // The viewer's own tasks first, marked as theirs; then the rest, soonest due first as listed.
    auto prompts = m.prompts;
    std::stable_partition(prompts.begin(), prompts.end(), mine);
    std::string items;
    for (const auto& p : prompts) {
        const std::string title = p.body.value("title", p.kind);
        const bool acknowledged = p.state == plugin::PromptState::acknowledged;
        std::string content = summary_list(
            {{"For", "The " + html_escape(audience_text(p.audience, m.role_names))},
             {"Due", date_text(p.due_on) + " " +
                         (acknowledged ? std::string() : due_tag(p.due_on, m.today, p.overdue))},
             {"Status", acknowledged
                            ? "<strong class=\"govuk-tag govuk-tag--green\">Acknowledged</strong>"
                            : std::string("Not yet acknowledged")}});
        if (const auto detail = p.body.value("detail", std::string()); !detail.empty()) {
            content += paragraph(dates_in_words(detail));
        }
        if (!acknowledged && mine(p)) {
            content += fmt::format(
                "<form method=\"post\" action=\"/panel/children/{}/prompts/{}/acknowledge\">\n{}"
                "<button type=\"submit\" class=\"govuk-button\" aria-label=\"Acknowledge prompt: "
                "{}\">Acknowledge</button>\n</form>\n",
                html_escape(m.child_id), html_escape(p.prompt_id), hidden_token(m.form_token),
                html_escape(title));
        }
        items += card(for_you_tag(mine(p)) + html_escape(title), content);
    }
    return section("prompts", heading, "<ul class=\"iro-cards\">\n" + items + "</ul>\n");
}

// How to reach a professional: a mail link and a telephone link when the records hold them, else
// through their team.
std::string contact_html(const records::Professional& p) {
    std::vector<std::string> ways;
    if (!p.email.empty()) {
        ways.push_back(fmt::format("<a class=\"govuk-link\" href=\"mailto:{0}\">{0}</a>",
                                   html_escape(p.email)));
    }
    if (!p.phone.empty()) {
        std::string dial;
        for (const char c : p.phone) {
            if (std::isdigit(static_cast<unsigned char>(c)) != 0 || (c == '+' && dial.empty())) {
                dial += c;
            }
        }
        ways.push_back(fmt::format("<a class=\"govuk-link\" href=\"tel:{}\">{}</a>",
                                   html_escape(dial), html_escape(p.phone)));
    }
    if (ways.empty()) {
        return p.team.empty() ? "" : "<br>Contact through " + html_escape(p.team);
    }
    std::string out;
    for (const auto& way : ways) {
        out += "<br>" + way;
    }
    return out;
}

// The child's key facts as a summary list: who to contact first.
std::string summary_section(const PanelModel& m) {
    const auto& s = m.summary;
    std::vector<std::pair<std::string, std::string>> rows;
    if (!s.legal_status.empty()) {
        const auto meaning = importers::ssda903::legal_status_text(s.legal_status);
        rows.emplace_back("Legal status",
                          html_escape(s.legal_status) +
                              (meaning.empty() ? "" : ": " + html_escape(std::string(meaning))));
    }
    if (!s.placement.empty()) {
        rows.emplace_back("Placement", html_escape(s.placement));
    }
    if (s.episode_since) {
        rows.emplace_back("This episode of care since", date_text(*s.episode_since));
    }
    for (const auto& p : s.professionals) {
        std::string detail = p.name.empty()
                                 ? html_escape(p.worker_id)
                                 : html_escape(p.name) + " (" + html_escape(p.worker_id) + ")";
        if (!p.job_title.empty()) {
            detail += ", " + html_escape(p.job_title);
        }
        if (!p.team.empty()) {
            detail += ", " + html_escape(p.team);
        }
        detail += ", since " + date_text(p.since) + contact_html(p);
        rows.emplace_back(capitalised(audience_text(p.role, m.role_names)), detail);
    }
    if (rows.empty()) {
        return "";
    }
    return section("child", "About the child", summary_list(rows));
}

std::string notes_section(const PanelModel& m) {
    if (!m.notes_on) {
        return disabled_section("notes", "Latest IRO notes", "oversight notes");
    }
    std::string content;
    if (m.notes.empty()) {
        content = paragraph("No notes yet.");
    } else {
        std::string items;
        for (const auto& n : m.notes) {
            items +=
                card(fmt::format("{} note, {}", html_escape(n.kind), date_text(n.occurred_on)),
                     paragraph(fmt::format("By {} ({}){}", html_escape(n.author_id),
                                           html_escape(audience_text(n.author_role, m.role_names)),
                                           n.version > 1 ? ", amended" : ""),
                               "govuk-body-s") +
                         paragraph(html_escape(excerpt(note_text(n.body), 400))));
        }
        content = "<ul class=\"iro-cards\">\n" + items + "</ul>\n";
    }
    if (m.may_add_note) {
        content += fmt::format(
            "<form method=\"post\" action=\"/panel/children/{}/notes\">\n{}"
            "<h3 class=\"govuk-heading-s\">Add a note</h3>\n"
            "<div class=\"govuk-form-group\">\n"
            "<label class=\"govuk-label\" for=\"note-date\">Date of the oversight</label>\n"
            "<input class=\"govuk-input govuk-input--width-10\" id=\"note-date\" name=\"date\" "
            "type=\"date\" value=\"{}\" required>\n</div>\n"
            "<div class=\"govuk-form-group\">\n"
            "<label class=\"govuk-label\" for=\"note-text\">Note</label>\n"
            "<textarea class=\"govuk-textarea\" id=\"note-text\" name=\"text\" rows=\"5\" "
            "required maxlength=\"20000\"></textarea>\n</div>\n"
            "<button type=\"submit\" class=\"govuk-button\">Add note</button>\n</form>\n",
            html_escape(m.child_id), hidden_token(m.form_token), plugin::to_iso(m.today));
    }
    return section("notes", "Latest IRO notes", content);
}

std::string alerts_section(const PanelModel& m) {
    if (!m.alerts_on) {
        return disabled_section("alerts", "Open alerts", "quality alerts");
    }
    const std::string heading = "Open alerts (" + std::to_string(m.alerts.size()) + ")";
    if (m.alerts.empty()) {
        return section("alerts", heading, paragraph("No open alerts."));
    }
    std::string items;
    for (const auto& a : m.alerts) {
        const auto& s = a.state;
        std::string categories;
        for (const auto& c : s.categories) {
            categories += (categories.empty() ? "" : "; ") + c.label;
        }
        const bool for_you = std::find(m.alerts_for_you.begin(), m.alerts_for_you.end(),
                                       a.alert_id) != m.alerts_for_you.end();
        std::string content = paragraph(fmt::format(
            "Stage: {}. Status: {}. Addressed to: {}. {}",
            html_escape(s.stage_name.empty() ? "informal" : s.stage_name), html_escape(s.status),
            html_escape(audience_text(s.responder, m.role_names)),
            s.due_on
                ? "Response due " + date_text(*s.due_on) + " " + due_tag(*s.due_on, m.today, false)
                : std::string("No deadline.")));
        if (const auto text = s.body.value("description", std::string()); !text.empty()) {
            content += paragraph(html_escape(excerpt(text, 400)));
        }
        if (m.may_respond_to_alerts || for_you) {
            const auto id = "respond-" + a.alert_id;
            content += fmt::format(
                "<form method=\"post\" action=\"/panel/children/{}/alerts/{}/respond\">\n{}"
                "<div class=\"govuk-form-group\">\n"
                "<label class=\"govuk-label\" for=\"{}\">Your response to alert {}</label>\n"
                "<textarea class=\"govuk-textarea\" id=\"{}\" name=\"comment\" rows=\"4\" required "
                "maxlength=\"20000\"></textarea>\n</div>\n"
                "<button type=\"submit\" class=\"govuk-button\">Send response</button>\n</form>\n",
                html_escape(m.child_id), html_escape(a.alert_id), hidden_token(m.form_token),
                html_escape(id), html_escape(a.alert_id), html_escape(id));
        }
        items += card(for_you_tag(for_you) +
                          fmt::format("Alert {}: {}", html_escape(a.alert_id),
                                      html_escape(categories.empty() ? s.kind : categories)),
                      content);
    }
    return section("alerts", heading, "<ul class=\"iro-cards\">\n" + items + "</ul>\n");
}

std::string qaf_section(const PanelModel& m) {
    if (!m.qaf_on && m.may_add_note) {
        return disabled_section("qaf", "QAF to complete", "QAF");
    }
    if (m.reviews_without_qaf.empty()) {
        return "";
    }
    std::string items;
    for (const auto& [review_id, held_on] : m.reviews_without_qaf) {
        const auto day = plugin::parse_iso_date(held_on);
        items += fmt::format(
            "<li><a class=\"govuk-link\" href=\"/panel/children/{}/qaf/{}\">Complete the QAF for "
            "the review held on {}</a></li>\n",
            html_escape(m.child_id), html_escape(review_id),
            day ? date_text(*day) : html_escape(held_on));
    }
    return section("qaf", "QAF to complete", "<ul class=\"govuk-list\">\n" + items + "</ul>\n");
}

// The service's bar: who is signed in, and the sign-out button (POST /panel/sign-out ends the
// session in the store, not just the cookie).
std::string user_bar(const std::string& user_id, const std::string& role,
                     const std::map<std::string, std::string, std::less<>>& council_names) {
    return fmt::format(
        "<p class=\"iro-header__user\">Signed in as {} ({}).</p>\n"
        "<form method=\"post\" action=\"/panel/sign-out\"><button type=\"submit\" "
        "class=\"govuk-button govuk-button--inverse\">Sign out</button></form>\n",
        html_escape(user_id), html_escape(audience_text(role, council_names)));
}

std::string heading(const std::string& text) {
    return "<h1 class=\"govuk-heading-l\">" + html_escape(text) + "</h1>\n";
}

// An error summary, first in the page and announced, as the GOV.UK Design System has it: the
// problem, then a link to each field at fault (`items`: the field's id and what is wrong).
std::string error_summary(const std::string& headline,
                          const std::vector<std::pair<std::string, std::string>>& items) {
    std::string out =
        "<div class=\"govuk-error-summary\" role=\"alert\" aria-labelledby=\"error-h\">\n"
        "<h2 class=\"govuk-error-summary__title\" id=\"error-h\">There is a problem</h2>\n"
        "<div class=\"govuk-error-summary__body\">\n<p class=\"govuk-body\">" +
        html_escape(headline) + "</p>\n";
    if (!items.empty()) {
        out += "<ul class=\"govuk-list govuk-error-summary__list\">\n";
        for (const auto& [field, text] : items) {
            out += field.empty() ? "<li>" + html_escape(text) + "</li>\n"
                                 : fmt::format("<li><a href=\"#{}\">{}</a></li>\n",
                                               html_escape(field), html_escape(text));
        }
        out += "</ul>\n";
    }
    return out + "</div>\n</div>\n";
}

// A success message, as a GOV.UK notification banner; the message itself is the live region.
std::string success_banner(const std::string& text) {
    return fmt::format(
        "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
        "role=\"region\" aria-labelledby=\"status-h\">\n"
        "<div class=\"govuk-notification-banner__header\">\n"
        "<h2 class=\"govuk-notification-banner__title\" id=\"status-h\">Success</h2>\n</div>\n"
        "<div class=\"govuk-notification-banner__content\">\n"
        "<p class=\"govuk-notification-banner__heading\" role=\"status\">{}</p>\n</div>\n</div>\n",
        html_escape(text));
}

std::string messages(const std::string& status, const std::string& error) {
    std::string out;
    if (!status.empty()) {
        out += success_banner(status);
    }
    if (!error.empty()) {
        out += error_summary(error, {});
    }
    return out;
}

}  // namespace

std::string render_panel(const PanelModel& m) {
    const std::string title = "IRO oversight: child " + m.child_id;
    return page(std::string(m.error.empty() ? "" : "Error: ") + title,
                user_bar(m.user_id, m.role, m.role_names),
                messages(m.status, m.error) + heading(title) + prompts_section(m) +
                    summary_section(m) + alerts_section(m) + notes_section(m) + qaf_section(m));
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
    std::string main = fmt::format(
        "<a class=\"govuk-back-link\" href=\"/panel/children/{0}\">Back to child {0}</a>\n",
        html_escape(m.child_id));
    main += m.error.empty() ? "" : error_summary(problems.headline, summary);
    main += fmt::format(
        "<h1 class=\"govuk-heading-l\"><span class=\"govuk-caption-m\">Child {}</span>{}: review "
        "{}</h1>\n",
        html_escape(m.child_id), html_escape(d.value("title", std::string("QAF"))),
        html_escape(m.review_id));
    main +=
        fmt::format("<form method=\"post\" action=\"/panel/children/{}/qaf/{}\">\n{}",
                    html_escape(m.child_id), html_escape(m.review_id), hidden_token(m.form_token));
    if (!m.not_asked.empty()) {
        const bool one = m.not_asked.size() == 1;
        main += fmt::format(
            "<div class=\"govuk-inset-text\">{} question{} of the QAF do{} not apply to this "
            "review (the child's age, or which of their reviews it is) and {} not asked.</div>\n",
            m.not_asked.size(), one ? "" : "s", one ? "es" : "", one ? "is" : "are");
    }
    for (const auto& section : d["sections"]) {
        main += "<h2 class=\"govuk-heading-m\">" +
                html_escape(section["title"].get<std::string>()) + "</h2>\n";
        for (const auto& q : d["questions"]) {
            const std::string id = q["id"].get<std::string>();
            if (q["section"] != section["id"] || m.not_asked.count(id) > 0) {
                continue;
            }
            const std::string type = q["type"].get<std::string>();
            const bool required = q.value("required", false);
            const std::string text =
                html_escape(q["text"].get<std::string>()) + (required ? " (required)" : "");
            const std::string hid = html_escape(id);
            const auto problem = problems.by_question.find(id);
            const bool invalid = problem != problems.by_question.end();
            const std::string error_id = "q-" + hid + "-error";
            const std::string described = invalid ? " aria-describedby=\"" + error_id + "\"" : "";
            const std::string error_text =
                invalid ? fmt::format(
                              "<p class=\"govuk-error-message\" id=\"{}\"><span "
                              "class=\"govuk-visually-hidden\">Error:</span> {}</p>\n",
                              error_id, html_escape(problem->second))
                        : "";
            const std::string group =
                invalid ? "govuk-form-group govuk-form-group--error" : "govuk-form-group";
            if (type == "single_choice" || type == "multiple_choice") {
                const std::string kind = type == "multiple_choice" ? "checkboxes" : "radios";
                main += fmt::format(
                    "<div class=\"{}\">\n<fieldset class=\"govuk-fieldset\" id=\"q-{}\"{}>\n"
                    "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">{}"
                    "</legend>\n{}<div class=\"govuk-{}\">\n",
                    group, hid, described, text, error_text, kind);
                std::string other;
                for (const auto& o : q.value("options", nlohmann::json::array())) {
                    const std::string code = o["code"].get<std::string>();
                    const std::string option_id = "q-" + hid + "-" + html_escape(code);
                    main += fmt::format(
                        "<div class=\"govuk-{0}__item\">\n<input class=\"govuk-{0}__input\" "
                        "id=\"{1}\" type=\"{2}\" name=\"{3}\" value=\"{4}\"{5}>\n"
                        "<label class=\"govuk-label govuk-{0}__label\" for=\"{1}\">{6}</label>\n"
                        "</div>\n",
                        kind, option_id, kind == "radios" ? "radio" : "checkbox", hid,
                        html_escape(code), given(m.answers, id, code) ? " checked" : "",
                        html_escape(o["label"].get<std::string>()));
                    if (o.value("other", false)) {
                        other = fmt::format(
                            "<div class=\"govuk-form-group\">\n<label class=\"govuk-label\" "
                            "for=\"{0}-other\">If {1}, please specify</label>\n"
                            "<input class=\"govuk-input\" id=\"{0}-other\" name=\"{0}.other\" "
                            "type=\"text\" value=\"{2}\">\n</div>\n",
                            hid, html_escape(o["label"].get<std::string>()),
                            html_escape(given_text(m.answers, id + ".other")));
                    }
                }
                main += "</div>\n" + other + "</fieldset>\n</div>\n";
            } else {
                const std::string input_type = type == "number" ? "number"
                                               : type == "date" ? "date"
                                                                : "text";
                const std::string value = html_escape(given_text(m.answers, id));
                main += fmt::format(
                    "<div class=\"{}\" id=\"q-{}-group\">\n<label class=\"govuk-label "
                    "govuk-label--s\" for=\"q-{}\">{}</label>\n{}",
                    group, hid, hid, text, error_text);
                const std::string field_error =
                    invalid
                        ? (type == "free_text" ? " govuk-textarea--error" : " govuk-input--error")
                        : "";
                main += type == "free_text"
                            ? fmt::format(
                                  "<textarea class=\"govuk-textarea{0}\" id=\"q-{1}\" "
                                  "name=\"{1}\" rows=\"4\"{2}>{3}</textarea>\n",
                                  field_error, hid, described, value)
                            : fmt::format(
                                  "<input class=\"govuk-input{0}{1}\" id=\"q-{2}\" name=\"{2}\" "
                                  "type=\"{3}\" value=\"{4}\"{5}>\n",
                                  field_error,
                                  type == "free_text" || input_type == "text"
                                      ? ""
                                      : " govuk-input--width-10",
                                  hid, input_type, value, described);
                main += "</div>\n";
            }
        }
    }
    main += "<button type=\"submit\" class=\"govuk-button\">Submit the QAF</button>\n</form>\n";
    return page(std::string(m.error.empty() ? "" : "Error: ") + "QAF for review " + m.review_id, "",
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
        next += fmt::format(
            "<li><a class=\"govuk-link\" href=\"/panel/children/{0}\">The panel for child "
            "{0}</a></li>\n",
            html_escape(child_id));
    }
    next += fmt::format(
        "<li><a class=\"govuk-link\" href=\"/panel/sign-in?child={}\">Sign in as someone "
        "else</a></li>\n",
        html_escape(child_id));
    return page(title, "",
                heading(title) + (detail.empty() ? std::string() : paragraph(html_escape(detail))) +
                    paragraph("If you think you should have access, ask the IRO service's "
                              "administrator.") +
                    "<ul class=\"govuk-list\">\n" + next + "</ul>\n");
}

std::string render_sign_in(const SignInPage& m) {
    std::string body = messages("", m.error) + heading("Sign in to IRO Oversight");
    if (!m.sso_name.empty()) {
        body += fmt::format(
            "<a class=\"govuk-button govuk-button--start\" href=\"/panel/sign-in/sso{}\">Sign in "
            "with {}</a>\n",
            m.child_id.empty() ? "" : "?child=" + html_escape(m.child_id), html_escape(m.sso_name));
    }
    if (m.token_form) {
        body += fmt::format(
            "{}<form method=\"post\" action=\"/panel/sign-in\">\n"
            "<input type=\"hidden\" name=\"child\" value=\"{}\">\n"
            "<input type=\"hidden\" name=\"sign_in_token\" value=\"{}\">\n"
            "<div class=\"govuk-form-group\">\n"
            "<label class=\"govuk-label\" for=\"token\">Your API token</label>\n"
            "<div class=\"govuk-hint\" id=\"token-hint\">Your administrator gives you a "
            "token.</div>\n"
            "<input class=\"govuk-input\" id=\"token\" name=\"token\" type=\"password\" "
            "autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"token-hint\" "
            "required>\n</div>\n"
            "<button type=\"submit\" class=\"govuk-button\">Sign in</button>\n</form>\n",
            m.sso_name.empty() ? ""
                               : "<h2 class=\"govuk-heading-m\">Or sign in with an API "
                                 "token</h2>\n",
            html_escape(m.child_id), html_escape(m.sign_in_token));
        body += paragraph(
            "Your session lasts at most eight hours and ends when you sign out or the token is "
            "revoked.");
    } else {
        body += paragraph("Your session lasts at most eight hours and ends when you sign out.");
    }
    return page(std::string(m.error.empty() ? "" : "Error: ") + "Sign in to IRO Oversight", "",
                body);
}

std::string render_signed_in(const std::string& next_url) {
    // Navigated to from this page, the next request is the panel's own, so the browser sends
    // the new session's SameSite=Strict cookie; a redirect straight from the provider's (or the
    // CMS's) site would not carry it.
    const std::string url = html_escape(next_url);
    return page("Signed in to IRO Oversight", "",
                heading("You are signed in") +
                    paragraph(fmt::format("<a class=\"govuk-link\" href=\"{}\">Continue</a>", url)),
                fmt::format("<meta http-equiv=\"refresh\" content=\"0; url={}\">\n", url));
}

std::string render_signed_out(const std::string& end_session_url,
                              const std::string& provider_name) {
    std::string body =
        success_banner("You have signed out of IRO Oversight.") + heading("You have signed out");
    if (!end_session_url.empty()) {
        body += paragraph(fmt::format("You are still signed in to {} for other services.",
                                      html_escape(provider_name)));
        body += fmt::format(
            "<a class=\"govuk-button govuk-button--secondary\" href=\"{}\">Sign out of {} "
            "too</a>\n",
            html_escape(end_session_url), html_escape(provider_name));
    }
    body += paragraph("<a class=\"govuk-link\" href=\"/panel/sign-in\">Sign in again</a>");
    return page("Signed out of IRO Oversight", "", body);
}

}  // namespace iro::panel
