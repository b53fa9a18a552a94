#include "registry/batch_worker.h"

#include <algorithm>

#include "jiuzhu/decision_writer.h"
#include "registry/facts_codec.h"

namespace jiuzhu::registry {

BatchWorker::BatchWorker(std::shared_ptr<const RulePack> pack, const DecisionCodec& codec, const RunContext& context)
    : codec_(codec), context_(context), screener_(std::move(pack)), loader_(context) {}

// semantics §4: a batch keeps the date it first proposed a 渐退期 for an enrolment and counts from it — so a
// stored proposal is applied as if the enrolment carried it.
void HouseholdLoader::ApplyProposals(const std::string& id, const ChunkFacts& facts) {
  had_until_.clear();
  auto it = facts.proposals.find(id);
  for (Enrolment& e : household_.enrolments) {
    if (e.program != "dibao" || !e.member.empty()) continue;
    if (e.phase_out_until) {
      had_until_.push_back(e.since.ToString());
      continue;
    }
    if (it == facts.proposals.end()) continue;
    for (const auto& [since, until] : it->second) {
      if (since == e.since) {
        e.phase_out_until = until;
        had_until_.push_back(e.since.ToString());
      }
    }
  }
}

int HouseholdLoader::RecordMaxAgeMonths(Screener& rules) {
  if (indexed_ != &rules) {
    indexed_ = &rules;
    max_age_param_ = rules.ParameterIndex("data.record_max_age_months");
  }
  std::optional<Num> months = rules.NumberParameter(max_age_param_, household_, context_.as_of);
  return months && !months->IsNegative() ? static_cast<int>(months->Floor()) : kDefaultRecordMaxAgeMonths;
}

HouseholdLoader::Status HouseholdLoader::Load(const HouseholdInput& in, const ChunkFacts& facts, Screener& rules, ReadResult& error) {
  // The facts validated at import, when current; else the document, validated now (a registry another
  // system wrote, or one imported before schema v2).
  if (in.facts.empty() || !DecodeFacts(in.facts, household_)) {
    if (!in.facts.empty() && in.doc.empty()) return Status::kNeedsDocument;
    error = reader_.ReadJson(in.doc, household_);
    if (!error.ok) return Status::kBroken;
  }
  ApplyProposals(in.id, facts);
  records_.clear();
  for (const Member& m : household_.members) {
    auto rec = facts.records_by_person.find(m.id);
    if (rec == facts.records_by_person.end()) continue;
    for (const Record& record : rec->second) records_.push_back(&record);
  }
  mismatches_.clear();
  if (!records_.empty()) ApplyRecords(household_, records_, context_.as_of, RecordMaxAgeMonths(rules), mismatches_);
  return Status::kLoaded;
}

void BatchWorker::Process(const HouseholdInput& in, const ChunkFacts& facts, HouseholdOutcome& out) {
  out.id = in.id;
  out.version = in.version;
  out.flags.clear();
  out.new_proposals.clear();
  out.flag_codes.clear();
  out.flag_rows.clear();
  ReadResult r;
  const HouseholdLoader::Status loaded = loader_.Load(in, facts, screener_, r);
  out.needs_document = loaded == HouseholdLoader::Status::kNeedsDocument;
  out.quarantined = loaded == HouseholdLoader::Status::kBroken;
  if (out.needs_document) return;
  if (out.quarantined) {
    out.error_json.clear();
    AppendErrorJson(std::nullopt, r, out.error_json);
    return;
  }
  const Household& household = loader_.household();
  out.region = household.region;
  out.grid = household.grid;
  screener_.Screen(household, context_.as_of, ReasonsMode::kAll, decision_, /*render_texts=*/false);
  for (Flag& f : loader_.mismatches()) decision_.flags.push_back(std::move(f));
  CollectFlags(out);
  codec_.Encode(decision_, context_.body_format, out.body);
}

namespace {

// One element of decisions.flag_rows (schema v6): [code, program, member, amount_now, amount_new, message], the
// amounts as "1234.50" text or null, which the view run_flags reads back as columns.
void AppendFlagRow(const Flag& f, std::string& out) {
  out += out.empty() ? "[[" : ",[";
  AppendJsonString(f.code, out);
  out += ',';
  AppendJsonString(f.program, out);
  out += ',';
  AppendJsonString(f.member, out);
  for (const std::optional<Num>& amount : {f.amount_now, f.amount_new}) {
    out += ',';
    if (amount) out.append(1, '"').append(amount->ToFixed2()).append(1, '"');
    else out += "null";
  }
  out += ',';
  AppendJsonString(f.message, out);
  out += ']';
}

}  // namespace

void BatchWorker::CollectFlags(HouseholdOutcome& out) {
  for (const Flag& f : decision_.flags) {
    if (!out.flag_codes.empty()) out.flag_codes += ';';
    out.flag_codes += f.code;
    AppendFlagRow(f, out.flag_rows);
    FlagRow& row = out.flags.emplace_back();
    row.code = f.code;
    row.amount_now = f.amount_now;
    row.amount_new = f.amount_new;
    // A phase_out flag for a household enrolment that had no date before this run is a new proposal.
    if (f.code == "phase_out" && f.member.empty() && f.until) {
      const Enrolment* enrolled = nullptr;
      for (const Enrolment& e : loader_.household().enrolments)
        if (e.program == "dibao" && e.member.empty() && e.since <= context_.as_of && !enrolled) enrolled = &e;
      const std::vector<std::string>& had_until = loader_.had_until();
      if (enrolled && std::find(had_until.begin(), had_until.end(), enrolled->since.ToString()) == had_until.end())
        out.new_proposals.emplace_back(enrolled->since, *f.until);
    }
  }
  if (!out.flag_rows.empty()) out.flag_rows += ']';
}

}  // namespace jiuzhu::registry
