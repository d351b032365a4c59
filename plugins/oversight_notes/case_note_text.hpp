#pragma once
// The note as the child's file in the CMS shows it: plain text a social worker (and, one day, the
// child) can read, written from the structured note.

#include <string>

#include "iro/plugin_api/services.hpp"

namespace iro::oversight_notes {

/// Text of one stored version, with a line saying what it amends when it is an amendment.
std::string case_note_text(const plugin::NoteRecord& note);

}  // namespace iro::oversight_notes
