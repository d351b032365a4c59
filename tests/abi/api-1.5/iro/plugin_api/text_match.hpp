#pragma once
// Matching labels typed or exported by other systems against ours: the same words with another
// dash, quote, spacing or case are the same label (York's own tables mix "-" and "–").

#include <string>
#include <string_view>

#include "iro/plugin_api/export.hpp"

namespace iro::plugin {

/// `text` in lower case, with en and em dashes and the minus sign as '-', curly single quotes as
/// '\'', and runs of white space as one space, trimmed.
IRO_API_VISIBLE std::string normalised_text(std::string_view text);

}  // namespace iro::plugin
