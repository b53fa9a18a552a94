#include "eval/messages.h"

namespace jiuzhu::eval {

void AppendValue(const NamedValue& v, Lang lang, std::string& out) {
  switch (v.kind) {
    case NamedValue::Kind::kUnknown: out += lang == Lang::kZh ? "未知" : "unknown"; break;
    case NamedValue::Kind::kBool: out += v.boolean ? (lang == Lang::kZh ? "是" : "yes") : (lang == Lang::kZh ? "否" : "no"); break;
    case NamedValue::Kind::kMoney: out += v.number.ToFixed2(); break;
    case NamedValue::Kind::kNumber: out += v.number.ToString(); break;
    case NamedValue::Kind::kDate: out += v.date.ToString(); break;
    case NamedValue::Kind::kText: out += v.text; break;
  }
}

std::string RenderMessage(const std::vector<plan::MessagePart>& parts, const std::vector<NamedValue>& values, Lang lang) {
  std::string out;
  for (const auto& p : parts) {
    if (p.value < 0) out += p.text;
    else AppendValue(values[p.value], lang, out);
  }
  return out;
}

void RenderRuleText(const plan::Rule& rule, Outcome outcome, Reason& reason) {
  const plan::Message* m = nullptr;
  if (outcome == Outcome::kPass) m = &rule.pass;
  else if (outcome == Outcome::kFail) m = &rule.fail;
  else if (outcome == Outcome::kUnknown && rule.unknown.present) m = &rule.unknown;
  if (m) {
    reason.text = RenderMessage(m->zh, reason.values, Lang::kZh);
    reason.text_en = RenderMessage(m->en, reason.values, Lang::kEn);
    return;
  }
  if (outcome == Outcome::kSkip) {
    reason.text = "不适用，未评估（" + rule.id + "）";
    reason.text_en = "does not apply; not evaluated (" + rule.id + ")";
    return;
  }
  reason.text = "缺少所需事实或参数，无法判断";
  reason.text_en = "cannot be decided: a fact or parameter it needs is missing";
}

}  // namespace jiuzhu::eval
