#include "eval/messages.h"

#include "eval/value.h"

namespace jiuzhu::eval {

namespace {

// Chinese names of enumeration values, by enumeration and code (the order of check::DomainValues).
std::string_view ZhName(Domain d, int code) {
  static const std::vector<std::string_view> kRelation = {"户主", "配偶", "子女", "父母", "孙子女", "祖父母", "兄弟姐妹", "子女配偶", "其他"};
  static const std::vector<std::string_view> kSex = {"男", "女"};
  static const std::vector<std::string_view> kSchool = {"不在学", "义务教育", "普通高中/中职", "全日制本专科", "研究生"};
  static const std::vector<std::string_view> kCategory = {"视力", "听力", "言语", "肢体", "智力", "精神", "多重", "无"};
  static const std::vector<std::string_view> kSelfCare = {"未评估", "全自理", "半失能", "全失能"};
  static const std::vector<std::string_view> kIncome = {"工资性收入", "经营净收入", "财产净收入", "赡养/抚养/扶养费", "离退休金", "城乡居民基础养老金",
                                                        "优待抚恤金", "计划生育奖励与扶助金", "奖学金/助学金", "政府救助款物", "奖励性补助", "残疾人两项补贴", "高龄津贴", "其他收入"};
  static const std::vector<std::string_view> kVehicle = {"汽车", "货车", "摩托车", "三轮车", "农用机械", "其他车辆"};
  static const std::vector<std::string_view> kHouse = {"住宅", "商业用房", "其他房产"};
  static const std::vector<std::string_view> kHukou = {"城市", "农村"};
  static const std::vector<std::string_view> kStatus = {"符合", "不符合", "待定"};
  static const std::vector<std::string_view> kRounding = {"分", "角", "元"};
  const std::vector<std::string_view>* names = nullptr;
  switch (d) {
    case Domain::kRelation: names = &kRelation; break;
    case Domain::kSex: names = &kSex; break;
    case Domain::kSchool: names = &kSchool; break;
    case Domain::kCategory: names = &kCategory; break;
    case Domain::kSelfCare: names = &kSelfCare; break;
    case Domain::kIncomeKind: names = &kIncome; break;
    case Domain::kVehicleKind: names = &kVehicle; break;
    case Domain::kHousePurpose: names = &kHouse; break;
    case Domain::kHukou: names = &kHukou; break;
    case Domain::kStatus: names = &kStatus; break;
    case Domain::kRounding: names = &kRounding; break;
    case Domain::kNone: break;
  }
  if (!names || code < 0 || code >= static_cast<int>(names->size())) return {};
  return (*names)[code];
}

}  // namespace

void AppendValue(const NamedValue& v, Lang lang, std::string& out) {
  switch (v.kind) {
    case NamedValue::Kind::kUnknown: out += lang == Lang::kZh ? "未知" : "unknown"; break;
    case NamedValue::Kind::kBool: out += v.boolean ? (lang == Lang::kZh ? "是" : "yes") : (lang == Lang::kZh ? "否" : "no"); break;
    case NamedValue::Kind::kMoney: out += v.number.ToFixed2(); break;
    case NamedValue::Kind::kNumber: out += v.number.ToString(); break;
    case NamedValue::Kind::kDate: out += v.date.ToString(); break;
    case NamedValue::Kind::kText: {
      std::string_view zh = lang == Lang::kZh ? ZhName(static_cast<Domain>(v.enumeration), v.code) : std::string_view();
      out += zh.empty() ? std::string_view(v.text) : zh;
      break;
    }
  }
}

std::string RenderMessage(const std::vector<plan::MessagePart>& parts, const std::vector<NamedValue>& values, Lang lang) {
  std::string out;
  for (const auto& p : parts) {
    if (p.value < 0) {
      out += p.text;
    } else if (static_cast<size_t>(p.value) < values.size()) {  // a damaged stored reason may have fewer
      AppendValue(values[p.value], lang, out);
    }
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
