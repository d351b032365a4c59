#include "schema/valijson_boost_regex.hpp"

#include <chrono>
#include <exception>
#include <string>

namespace iro::schema {

namespace {
thread_local const SchemaPatterns* lent = nullptr;  // NOLINT: scoped by LentPatterns
}  // namespace

LentPatterns::LentPatterns(const SchemaPatterns& patterns) : previous_(lent) {
    lent = &patterns;
}

LentPatterns::~LentPatterns() {
    lent = previous_;
}

const SchemaPatterns* LentPatterns::current() {
    return lent;
}

namespace {

// RFC 3339 section 5.6, which JSON Schema draft 7 section 7.3.1 names for these formats.
constexpr const char* kFullDate = "([0-9]{4})-([0-9]{2})-([0-9]{2})";
constexpr const char* kFullTime =
    "([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-"
    "9])";

// The regular expression has already matched digits only, four for the year and two for the rest.
unsigned digits(const boost::ssub_match& part) {
    unsigned n = 0;
    for (const char c : part.str()) {
        n = n * 10 + static_cast<unsigned>(c - '0');
    }
    return n;
}

bool real_day(const boost::smatch& m) {
    const std::chrono::year_month_day day{std::chrono::year{static_cast<int>(digits(m[1]))},
                                          std::chrono::month{digits(m[2])},
                                          std::chrono::day{digits(m[3])}};
    return day.ok();
}

// Whether `value` is written as `format` says; formats the host does not know pass, as the
// draft allows.
bool formatted(const std::string& format, const std::string& value) {
    static const boost::regex date(std::string("^") + kFullDate + "$");
    static const boost::regex time(std::string("^") + kFullTime + "$");
    static const boost::regex date_time(std::string("^") + kFullDate + "[Tt]" + kFullTime + "$");
    boost::smatch m;
    if (format == "date") {
        return boost::regex_match(value, m, date) && real_day(m);
    }
    if (format == "time") {
        return boost::regex_match(value, time);
    }
    if (format == "date-time") {
        return boost::regex_match(value, m, date_time) && real_day(m);
    }
    return true;
}

}  // namespace

}  // namespace iro::schema

namespace valijson {

template <>
bool ValidationVisitor<adapters::NlohmannJsonAdapter>::visit(
    const constraints::PatternConstraint& constraint) {
    if (!m_target.isString()) {
        return true;
    }
    const std::string pattern = constraint.getPattern<std::string::allocator_type>();
    const std::string value = m_target.asString();
    bool matched = false;
    std::string why = "Failed to match regex specified by 'pattern' constraint.";
    try {
        const iro::schema::SchemaPatterns* lent = iro::schema::LentPatterns::current();
        const boost::regex* compiled = lent != nullptr ? lent->find(pattern) : nullptr;
        matched = compiled != nullptr
                      ? iro::schema::pattern_matches(*compiled, value)
                      : iro::schema::pattern_matches(iro::schema::compile_pattern(pattern), value);
    } catch (const boost::regex_error& e) {
        why = std::string("the schema's 'pattern' is not a regular expression: ") + e.what();
    } catch (const std::exception&) {
        // Boost.Regex gave up: the match would have taken too long. Refusing is the safe side.
        why = "could not be checked against the 'pattern' constraint in bounded time";
    }
    if (!matched && m_results != nullptr) {
        m_results->pushError(m_context, why);
    }
    return matched;
}

template <>
bool ValidationVisitor<adapters::NlohmannJsonAdapter>::visit(
    const constraints::FormatConstraint& constraint) {
    if (!m_target.isString()) {
        return true;
    }
    const std::string& format = constraint.getFormat();
    if (iro::schema::formatted(format, m_target.asString())) {
        return true;
    }
    if (m_results != nullptr) {
        m_results->pushError(m_context, "String should be a valid " + format);
    }
    return false;
}

}  // namespace valijson
