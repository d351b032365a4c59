#pragma once
// The regular expressions a JSON Schema carries ("pattern"), compiled with Boost.Regex.
//
// valijson 1.0 would match them with std::regex, whose libstdc++ matcher recurses once per
// character (a 100 KB event id overflowed the stack and killed the host) and backtracks without
// bound. Boost.Regex matches without recursion and gives up, with an exception, on a match that
// would take too long; see valijson_boost_regex.hpp for where it replaces std::regex.

#include <boost/regex.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

namespace iro::schema {

/// Every "pattern" of one schema document, compiled. Immutable once built.
class SchemaPatterns {
  public:
    /// Walks the schema's subschemas and compiles each pattern. Throws InvalidSchema naming the
    /// JSON pointer of a pattern that is not a regular expression, or of a "patternProperties",
    /// which the host does not evaluate (valijson would match it with std::regex).
    static SchemaPatterns of(const nlohmann::json& schema_document);

    /// The compiled pattern, or nullptr when the walk did not meet it (a subschema reached only
    /// through an unusual "$ref"); the caller then compiles it itself.
    const boost::regex* find(const std::string& pattern) const;

  private:
    std::unordered_map<std::string, boost::regex> compiled_;
};

/// A pattern compiled the way the host reads JSON Schema patterns (ECMAScript syntax, matched
/// anywhere in the value). Throws boost::regex_error when it is not a regular expression.
boost::regex compile_pattern(const std::string& pattern);

/// Whether `value` matches somewhere. Throws std::runtime_error when Boost.Regex gives up on a
/// match that would take too long.
bool pattern_matches(const boost::regex& pattern, const std::string& value);

}  // namespace iro::schema
