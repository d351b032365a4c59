#pragma once
// Where the host's schemas meet valijson's regular expressions. Include it after valijson's
// headers in every file that instantiates valijson's validator (only json_schema.cpp does).
//
// valijson 1.0 matches "pattern" and the "date", "time" and "date-time" formats with std::regex.
// libstdc++'s matcher recurses once per character, so one long string in an event or a request
// overflowed the stack and ended the host; it also backtracks without bound. These explicit
// specialisations of valijson's visitor for the nlohmann adapter match with Boost.Regex instead,
// which does not recurse and gives up on a match that would take too long (the value is then
// refused). "patternProperties", the third use, is refused when a schema is compiled
// (SchemaPatterns::of).

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/validation_visitor.hpp>

#include "schema/schema_patterns.hpp"

namespace iro::schema {

/// Lends a schema's compiled patterns to valijson's visitor for the length of one validation on
/// this thread: valijson gives its visitor nowhere to carry them.
class LentPatterns {
  public:
    explicit LentPatterns(const SchemaPatterns& patterns);
    ~LentPatterns();
    LentPatterns(const LentPatterns&) = delete;
    LentPatterns& operator=(const LentPatterns&) = delete;

    /// The patterns lent on this thread, or nullptr outside a validation.
    static const SchemaPatterns* current();

  private:
    const SchemaPatterns* previous_;
};

}  // namespace iro::schema

namespace valijson {

template <>
bool ValidationVisitor<adapters::NlohmannJsonAdapter>::visit(
    const constraints::PatternConstraint& constraint);

template <>
bool ValidationVisitor<adapters::NlohmannJsonAdapter>::visit(
    const constraints::FormatConstraint& constraint);

}  // namespace valijson
