// Byte layout, in Household's field order (registry/byte_codec.h for the primitives): version byte; id, region,
// hukou, grid; members (each with its disability and incomes); assets (vehicles, houses); expenses; obligors;
// enrolments; ext_json; input issues. An optional is a presence byte before its value; an enumeration a byte,
// range-checked on decoding.
#include "registry/facts_codec.h"

#include "registry/byte_codec.h"

namespace jiuzhu::registry {
namespace {

constexpr uint8_t kFormat = 1;

template <typename E>
bool GetEnum(ByteReader& in, E& out, int count) {
  uint8_t b = in.Byte();
  if (b >= count) return false;
  out = static_cast<E>(b);
  return true;
}

void PutMember(ByteWriter& w, const Member& m) {
  w.String(m.id);
  w.String(m.name);
  w.Byte(static_cast<uint8_t>(m.relation));
  w.Day(m.birth_date);
  w.Byte(static_cast<uint8_t>(m.sex));
  w.Byte(static_cast<uint8_t>(m.school_level));
  w.Byte(static_cast<uint8_t>(m.imprisoned | m.compulsory_rehab << 1 | m.declared_missing << 2 | m.serious_illness << 3 |
                              m.institutional_care << 4 | m.orphan_support << 5 | m.work_injury_care_fee << 6));
  w.Number(m.religious_away_years);
  w.Bool(m.deceased_on.has_value());
  if (m.deceased_on) w.Day(*m.deceased_on);
  w.Bool(m.disability.has_value());
  if (m.disability) {
    w.Byte(static_cast<uint8_t>(m.disability->category));
    w.Byte(static_cast<uint8_t>(m.disability->grade));
    w.String(m.disability->certificate);
    w.Bool(m.disability->needs_long_term_care);
  }
  w.Byte(static_cast<uint8_t>(m.self_care));
  w.Number(m.other_care_allowance);
  w.Varint(m.incomes.size());
  for (const Income& i : m.incomes) {
    w.Byte(static_cast<uint8_t>(i.kind));
    w.Number(i.monthly);
    w.Bool(i.irregular);
  }
}

bool GetMember(ByteReader& in, Member& m) {
  m.id = in.String();
  m.name = in.String();
  if (!GetEnum(in, m.relation, 9)) return false;
  m.birth_date = in.Day();
  if (!GetEnum(in, m.sex, 2) || !GetEnum(in, m.school_level, 5)) return false;
  uint8_t bits = in.Byte();
  m.imprisoned = bits & 1;
  m.compulsory_rehab = bits & 2;
  m.declared_missing = bits & 4;
  m.serious_illness = bits & 8;
  m.institutional_care = bits & 16;
  m.orphan_support = bits & 32;
  m.work_injury_care_fee = bits & 64;
  m.religious_away_years = in.Number();
  m.deceased_on.reset();
  if (in.Bool()) m.deceased_on = in.Day();
  if (!in.Bool()) {
    m.disability.reset();
  } else {
    Disability& d = m.disability ? *m.disability : m.disability.emplace();  // keeps the certificate's buffer
    if (!GetEnum(in, d.category, 7)) return false;
    d.grade = in.Byte();
    d.certificate = in.String();
    d.needs_long_term_care = in.Bool();
  }
  if (!GetEnum(in, m.self_care, 4)) return false;
  m.other_care_allowance = in.Number();
  m.incomes.resize(in.Varint() & 0xffff);
  for (Income& i : m.incomes) {
    if (!GetEnum(in, i.kind, kIncomeKindCount)) return false;
    i.monthly = in.Number();
    i.irregular = in.Bool();
  }
  return in.ok();
}

void PutAssets(ByteWriter& w, const Assets& a, const Expenses& e) {
  w.Number(a.deposits);
  w.Number(a.securities);
  w.Varint(a.vehicles.size());
  for (const Vehicle& v : a.vehicles) {
    w.Byte(static_cast<uint8_t>(v.kind));
    w.Number(v.value);
    w.Bool(v.for_disability);
  }
  w.Varint(a.houses.size());
  for (const House& h : a.houses) {
    w.Number(h.area_m2);
    w.Byte(static_cast<uint8_t>(h.purpose));
  }
  w.Signed(a.businesses);
  w.Bool(a.public_payroll);
  w.Number(e.medical_self_paid);
  w.Number(e.education);
}

bool GetAssets(ByteReader& in, Assets& a, Expenses& e) {
  a.deposits = in.Number();
  a.securities = in.Number();
  a.vehicles.resize(in.Varint() & 0xffff);
  for (Vehicle& v : a.vehicles) {
    if (!GetEnum(in, v.kind, 6)) return false;
    v.value = in.Number();
    v.for_disability = in.Bool();
  }
  a.houses.resize(in.Varint() & 0xffff);
  for (House& h : a.houses) {
    h.area_m2 = in.Number();
    if (!GetEnum(in, h.purpose, 3)) return false;
  }
  a.businesses = in.Signed();
  a.public_payroll = in.Bool();
  e.medical_self_paid = in.Number();
  e.education = in.Number();
  return in.ok();
}

void PutObligor(ByteWriter& w, const Obligor& o) {
  w.String(o.id);
  w.Byte(static_cast<uint8_t>(o.relation));
  w.Day(o.birth_date);
  w.Bool(o.monthly_income.has_value());
  if (o.monthly_income) w.Number(*o.monthly_income);
  w.Byte(o.assets_within_limits ? (*o.assets_within_limits ? 2 : 1) : 0);
  w.Varint(o.status);
}

bool GetObligor(ByteReader& in, Obligor& o) {
  o.id = in.String();
  if (!GetEnum(in, o.relation, 6)) return false;
  o.birth_date = in.Day();
  o.monthly_income.reset();
  if (in.Bool()) o.monthly_income = in.Number();
  uint8_t assets = in.Byte();
  o.assets_within_limits.reset();
  if (assets) o.assets_within_limits = assets == 2;
  o.status = static_cast<uint16_t>(in.Varint());
  return in.ok();
}

void PutEnrolment(ByteWriter& w, const Enrolment& e) {
  w.String(e.program);
  w.String(e.member);
  w.Day(e.since);
  w.Number(e.monthly);
  w.Day(e.last_review);
  w.Bool(e.phase_out_until.has_value());
  if (e.phase_out_until) w.Day(*e.phase_out_until);
}

void GetEnrolment(ByteReader& in, Enrolment& e) {
  e.program = in.String();
  e.member = in.String();
  e.since = in.Day();
  e.monthly = in.Number();
  e.last_review = in.Day();
  e.phase_out_until.reset();
  if (in.Bool()) e.phase_out_until = in.Day();
}

}  // namespace

void EncodeFacts(const Household& h, std::string& out) {
  ByteWriter w(out);
  w.Byte(kFormat);
  w.String(h.id);
  w.String(h.region);
  w.Byte(static_cast<uint8_t>(h.hukou));
  w.String(h.grid);
  w.Varint(h.members.size());
  for (const Member& m : h.members) PutMember(w, m);
  PutAssets(w, h.assets, h.expenses);
  w.Varint(h.obligors.size());
  for (const Obligor& o : h.obligors) PutObligor(w, o);
  w.Varint(h.enrolments.size());
  for (const Enrolment& e : h.enrolments) PutEnrolment(w, e);
  w.String(h.ext_json);
  w.Varint(h.input_issues.size());
  for (const DataIssue& i : h.input_issues) {
    w.String(i.path);
    w.String(i.code);
    w.String(i.message);
  }
  w.Finish();
}

// Every field is written, over what the previous household left (no Clear): members, incomes and their strings
// keep their buffers from one household to the next. A field added to Household must be decoded here.
bool DecodeFacts(std::string_view bytes, Household& h) {
  ByteReader in(bytes);
  if (in.Byte() != kFormat) return false;
  h.id = in.String();
  h.region = in.String();
  if (!GetEnum(in, h.hukou, 2)) return false;
  h.grid = in.String();
  h.members.resize(in.Varint() & 0xffff);
  for (Member& m : h.members)
    if (!GetMember(in, m)) return false;
  if (!GetAssets(in, h.assets, h.expenses)) return false;
  h.obligors.resize(in.Varint() & 0xffff);
  for (Obligor& o : h.obligors)
    if (!GetObligor(in, o)) return false;
  h.enrolments.resize(in.Varint() & 0xffff);
  for (Enrolment& e : h.enrolments) GetEnrolment(in, e);
  h.ext_json = in.String();
  h.input_issues.resize(in.Varint() & 0xffff);
  for (DataIssue& i : h.input_issues) {
    i.path = in.String();
    i.code = in.String();
    i.message = in.String();
  }
  return in.ok() && in.AtEnd() && !h.members.empty();
}

}  // namespace jiuzhu::registry
