#pragma once
// What an import found wrong, located precisely enough for someone to open the file and fix it.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace iro::importers {

struct ImportIssue {
    std::string file;  ///< as given, e.g. /data/903/reviews.csv
    std::size_t line = 0;
    std::size_t column = 0;
    std::string rule;  ///< DfE rule number ("166"), "INT08", or our own name ("overlap")
    std::string child_id;
    std::string message;
};

/// "file:line:column: rule: message".
inline std::string format_issue(const ImportIssue& issue) {
    return issue.file + ":" + std::to_string(issue.line) + ":" + std::to_string(issue.column) +
           ": " + issue.rule + ": " + issue.message;
}

/// An import that must not be applied; the store is untouched. Carries every fatal problem found.
class ImportRejected : public Error {
  public:
    explicit ImportRejected(std::vector<ImportIssue> problems)
        : Error(ErrorKind::invalid, summary(problems)), problems_(std::move(problems)) {}
    const std::vector<ImportIssue>& problems() const { return problems_; }

  private:
    static std::string summary(const std::vector<ImportIssue>& problems) {
        std::string text = "rejected, nothing applied:";
        for (const auto& p : problems) {
            text += "\n  " + format_issue(p);
        }
        return text;
    }
    std::vector<ImportIssue> problems_;
};

}  // namespace iro::importers
