// Rendering message templates with the values a rule used: "家庭月人均收入 {income} 元" -> "… 620.00 元".
#pragma once

#include <string>
#include <vector>

#include "compile/plan.h"
#include "jiuzhu/decision.h"
#include "jiuzhu/decision_writer.h"

namespace jiuzhu::eval {

std::string RenderMessage(const std::vector<plan::MessagePart>& parts, const std::vector<NamedValue>& values, Lang lang);
// Fills reason.text and reason.text_en from the rule's message for the outcome (a generic text when the rule
// has no `unknown` message, or the rule was skipped).
void RenderRuleText(const plan::Rule& rule, Outcome outcome, Reason& reason);
void AppendValue(const NamedValue& v, Lang lang, std::string& out);

}  // namespace jiuzhu::eval
