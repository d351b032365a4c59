#pragma once
// SSDA903 code sets and date format, as the DfE's children-looked-after return defines them.

#include <optional>
#include <string_view>

#include "iro/plugin_api/dates.hpp"

namespace iro::importers::ssda903 {

bool is_sex(std::string_view code);                  ///< 1, 2
bool is_legal_status(std::string_view code);         ///< C1 C2 D1 E1 J1 J2 J3 L1 L2 L3 V2 V3 V4
bool is_reason_new_episode(std::string_view code);   ///< S L P T U B
bool is_category_of_need(std::string_view code);     ///< N1..N8 (DfE rule 145)
bool is_placement(std::string_view code);            ///< DfE rule 146 list
bool is_placement_provider(std::string_view code);   ///< PR0..PR5
bool is_reason_ceased(std::string_view code);        ///< DfE rule 149 list
bool is_participation(std::string_view code);        ///< PN0..PN7
bool is_short_break(std::string_view legal_status);  ///< V3, V4: not reviewed under reg. 33

/// What a legal status code means, as the DfE's SSDA903 guidance describes it (shortened); empty
/// for a code that is not one.
std::string_view legal_status_text(std::string_view code);

/// Parses the return's dd/mm/yyyy; nullopt for anything else or a day that does not exist.
std::optional<plugin::Date> parse_date(std::string_view text);

/// Whole years of age on `on`.
int age_on(plugin::Date date_of_birth, plugin::Date on);

}  // namespace iro::importers::ssda903
