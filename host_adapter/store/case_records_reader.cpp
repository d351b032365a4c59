#include "store/case_records_reader.hpp"

namespace iro::store {

namespace {

// Dates are stored as ISO text written by the host, so a parse failure means a damaged file.
plugin::Date required_date(const Statement& stmt, int column) {
    const std::string text = stmt.text(column);
    if (auto date = plugin::parse_iso_date(text)) {
        return *date;
    }
    throw plugin::HostError("case record holds an invalid date '" + text + "'");
}

std::optional<plugin::Date> optional_date(const Statement& stmt, int column) {
    if (stmt.is_null(column)) {
        return std::nullopt;
    }
    return required_date(stmt, column);
}

}  // namespace

std::optional<plugin::Child> CaseRecordsReader::child(std::string_view child_id) const {
    auto stmt = db_.prepare("SELECT child_id, sex, date_of_birth FROM children WHERE child_id = ?");
    stmt.bind(1, child_id);
    if (!stmt.step()) {
        return std::nullopt;
    }
    return plugin::Child{stmt.text(0), stmt.text(1), optional_date(stmt, 2)};
}

std::vector<plugin::Episode> CaseRecordsReader::episodes(std::string_view child_id) const {
    auto stmt = db_.prepare(
        "SELECT child_id, start_date, end_date, reason_new_episode, legal_status, placement, "
        "reason_ceased FROM episodes WHERE child_id = ? ORDER BY start_date");
    stmt.bind(1, child_id);
    std::vector<plugin::Episode> result;
    while (stmt.step()) {
        result.push_back({stmt.text(0), required_date(stmt, 1), optional_date(stmt, 2),
                          stmt.text(3), stmt.text(4), stmt.text(5), stmt.text(6)});
    }
    return result;
}

std::vector<plugin::Review> CaseRecordsReader::reviews(std::string_view child_id) const {
    auto stmt = db_.prepare(
        "SELECT review_id, child_id, held_on, due_on, participation, cancelled FROM reviews "
        "WHERE child_id = ? ORDER BY coalesce(held_on, due_on), review_id");
    stmt.bind(1, child_id);
    std::vector<plugin::Review> result;
    while (stmt.step()) {
        result.push_back({stmt.text(0), stmt.text(1), optional_date(stmt, 2),
                          optional_date(stmt, 3), stmt.text(4), stmt.integer(5) != 0});
    }
    return result;
}

std::vector<plugin::Allocation> CaseRecordsReader::allocations(std::string_view child_id) const {
    auto stmt = db_.prepare(
        "SELECT child_id, worker_id, role, team_id, start_date, end_date FROM allocations "
        "WHERE child_id = ? ORDER BY start_date, role");
    stmt.bind(1, child_id);
    std::vector<plugin::Allocation> result;
    while (stmt.step()) {
        result.push_back({stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3),
                          required_date(stmt, 4), optional_date(stmt, 5)});
    }
    return result;
}

}  // namespace iro::store
