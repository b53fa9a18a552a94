// The facts codec: every field of a validated household survives the round trip; bytes of another format or
// cut short are refused rather than decoded into wrong facts.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "jiuzhu/household_reader.h"
#include "registry/facts_codec.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> OracleDocuments() {
  std::vector<std::string> docs;
  for (const auto& e : fs::directory_iterator(std::string(JIUZHU_SOURCE_DIR) + "/fixtures/oracle")) {
    if (e.path().extension() != ".json" || e.path().string().find(".expected.") != std::string::npos) continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    docs.push_back(ss.str());
  }
  return docs;
}

}  // namespace

TEST_CASE("facts round-trip: decoding and encoding again gives the same bytes", "[registry][facts]") {
  jiuzhu::HouseholdReader reader;
  jiuzhu::Household h, back;
  std::string bytes, again;
  auto docs = OracleDocuments();
  REQUIRE(docs.size() > 20);
  for (const auto& doc : docs) {
    REQUIRE(reader.ReadJson(doc, h).ok);
    jiuzhu::registry::EncodeFacts(h, bytes);
    REQUIRE(jiuzhu::registry::DecodeFacts(bytes, back));
    jiuzhu::registry::EncodeFacts(back, again);
    CHECK(again == bytes);
    CHECK(back.id == h.id);
    CHECK(back.members.size() == h.members.size());
    CHECK(back.enrolments.size() == h.enrolments.size());
    CHECK(back.obligors.size() == h.obligors.size());
    CHECK(back.assets.deposits == h.assets.deposits);
    CHECK(back.input_issues.size() == h.input_issues.size());
  }
}

TEST_CASE("facts that are cut short or of another format are refused", "[registry][facts]") {
  jiuzhu::HouseholdReader reader;
  jiuzhu::Household h;
  std::string bytes;
  REQUIRE(reader.ReadJson(OracleDocuments().front(), h).ok);
  jiuzhu::registry::EncodeFacts(h, bytes);
  for (size_t cut = 0; cut < bytes.size(); ++cut) CHECK_FALSE(jiuzhu::registry::DecodeFacts(bytes.substr(0, cut), h));
  std::string other = bytes;
  other[0] = 2;  // a format this build does not know
  CHECK_FALSE(jiuzhu::registry::DecodeFacts(other, h));
  CHECK_FALSE(jiuzhu::registry::DecodeFacts(bytes + "x", h));
}
