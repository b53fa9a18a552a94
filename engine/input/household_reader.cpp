// HouseholdReader: parses the text (simdjson DOM / yaml-cpp), then runs the one validator (validator.h) over the
// format's node view. Everything reused between households lives in Impl, so a batch of JSON households
// allocates, once warm, only what filling the Household itself needs.
#include "jiuzhu/household_reader.h"

#include <simdjson.h>
#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <string>

#include "input/json_node.h"
#include "input/validator.h"
#include "input/yaml_node.h"

namespace jiuzhu {

struct HouseholdReader::Impl {
  simdjson::dom::parser json_parser;
  input::NumberTokens numbers;
  input::ValidatorScratch scratch;
};

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

void SyntaxError(ReadResult& result, std::string_view code, std::string_view zh, std::string_view en) {
  result.ok = false;
  result.errors.push_back(HouseholdError{"", std::string(code), fmt::format("{} ({})", zh, en)});
}

}  // namespace

HouseholdReader::HouseholdReader() : impl_(std::make_unique<Impl>()) {}
HouseholdReader::~HouseholdReader() = default;

ReadResult HouseholdReader::ReadJson(std::string_view json, Household& out) {
  ReadResult result;
  out.Clear();
  // Editors on Windows write a byte order mark; it is not part of the JSON text.
  if (json.starts_with(kUtf8Bom)) json.remove_prefix(kUtf8Bom.size());
  simdjson::dom::element root;
  if (const auto error = impl_->json_parser.parse(json.data(), json.size()).get(root); error) {
    const char* what = simdjson::error_message(error);
    SyntaxError(result, "bad_json", fmt::format("JSON 无法解析：{}", what), fmt::format("cannot parse JSON: {}", what));
    return result;
  }
  impl_->numbers.Reset(json, &impl_->json_parser);
  input::Validator<input::JsonNode> validator(out, result, impl_->scratch);
  validator.ReadDocument(input::JsonNode(root, &impl_->numbers));
  return result;
}

ReadResult HouseholdReader::ReadYaml(std::string_view yaml, Household& out) {
  ReadResult result;
  out.Clear();
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    const std::string where = fmt::format("line {}, column {}: {}", e.mark.line + 1, e.mark.column + 1, e.msg);
    SyntaxError(result, "bad_yaml", fmt::format("YAML 无法解析：{}", where), fmt::format("cannot parse YAML: {}", where));
    return result;
  }
  input::Validator<input::YamlNode> validator(out, result, impl_->scratch);
  validator.ReadDocument(input::YamlNode(root));
  return result;
}

}  // namespace jiuzhu
