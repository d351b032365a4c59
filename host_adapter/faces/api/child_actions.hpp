#pragma once
// Actions on a child's records shared by the JSON API and the panel's forms.

#include "api/endpoint.hpp"
#include "midpoint_prompts/prompt_store.hpp"

namespace iro::api {

/// Applies a person's action to the prompt {prompt_id} of the child {id}, as the role reaching
/// the child, with `reason` kept in the prompt's history (a dismissal needs one). ApiError 404
/// when the prompt is not the child's, 403 when it is addressed to another role, 409 when its
/// state does not allow the action.
http::Response act_on_prompt(Call& call, Context& context, prompts::PersonAction action,
                             const std::string& reason);

/// The review {review_id} must be the child's; ApiError 404 otherwise.
void require_childs_review(const Call& call, const std::string& review_id);

}  // namespace iro::api
