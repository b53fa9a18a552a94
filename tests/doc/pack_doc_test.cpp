// `rules doc`: the policy page shows every program, rule, parameter and region of the shipped pack (checked
// by iterating the pack, so a rule added later can never silently drop from the page), escapes pack text, and
// the change view lists exactly what differs between two packs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "doc/pack_doc.h"
#include "jiuzhu/engine.h"
#include "jiuzhu/pack_doc.h"

namespace fs = std::filesystem;

namespace {

std::string ShippedRules() { return std::string(JIUZHU_SOURCE_DIR) + "/rules"; }

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A fresh temp folder, removed when the test ends.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) : path(fs::temp_directory_path() / name) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

// Replaces the one occurrence of `from` in `text`; fails the test when it is not there exactly once.
void ReplaceOnce(std::string& text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  text.replace(at, from.size(), to);
}

jiuzhu::pack::RawPack LoadRaw(const std::string& dir) {
  jiuzhu::pack::RawPack raw;
  jiuzhu::pack::DiagnosticSink sink(raw.files);
  jiuzhu::pack::LoadRawPack(dir, raw, sink);
  REQUIRE(sink.errors() == 0);
  return raw;
}

const char* kTinyPack = R"(pack: tiny
order: [p]
regions:
  - {code: "510500", name: "泸州市 <script>alert('r')</script>"}
parameters:
  - name: p.standard
    type: money
    title: {zh: "标准 <b>", en: "standard & co"}
    basis: "办法 \"第十条\""
    values:
      - {region: "510500", from: 2024-07-01, value: 5060 / 12, source: "<script>alert(1)</script>"}
programs:
  - id: p
    scope: household
    title: {zh: "项目 <i>", en: "program 'p'"}
    basis: 办法 第九条
    rules:
      - id: p.rule
        test: p.standard > 0
        values: {standard: p.standard}
        pass: {zh: "标准 {standard} 元 <script>x</script>", en: "ok"}
        fail: {zh: "不符合", en: "no"}
        basis: 办法 第九条
    amount: p.standard
    review_months: 12
)";

}  // namespace

TEST_CASE("the shipped pack's page shows every program, rule, parameter and region", "[doc]") {
  std::string html;
  std::vector<jiuzhu::Diagnostic> diagnostics;
  REQUIRE(jiuzhu::RenderPackDoc(ShippedRules(), nullptr, html, diagnostics));
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("lang=\"zh\"") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);

  jiuzhu::LoadResult loaded = jiuzhu::LoadRulePack(ShippedRules());
  REQUIRE(loaded.ok());
  CHECK(html.find(std::string(jiuzhu::RulesVersion(*loaded.pack))) != std::string::npos);

  jiuzhu::pack::RawPack raw = LoadRaw(ShippedRules());
  REQUIRE(raw.programs.size() >= 5);
  for (const auto& p : raw.programs) {
    INFO("program " << p.id);
    CHECK(html.find("id=\"prog-" + p.id + "\"") != std::string::npos);
    CHECK(html.find(jiuzhu::doc::Escape(p.title.zh)) != std::string::npos);
    CHECK(html.find(jiuzhu::doc::Escape(p.title.en)) != std::string::npos);
    for (const auto& r : p.rules) {
      INFO("rule " << r.id);
      CHECK(html.find("id=\"rule-" + r.id + "\"") != std::string::npos);
      CHECK(html.find("<code>" + r.id + "</code>") != std::string::npos);
    }
  }
  for (const auto& p : raw.params) {
    INFO("parameter " << p.name);
    CHECK(html.find("id=\"p-" + p.name + "\"") != std::string::npos);
    CHECK(html.find("<code>" + p.name + "</code>") != std::string::npos);
  }
  for (const auto& d : raw.derived) {
    INFO("derived " << d.name);
    CHECK(html.find("id=\"d-" + d.name + "\"") != std::string::npos);
  }
  for (const auto& r : raw.regions) {
    INFO("region " << r.code);
    CHECK(html.find("<code>" + r.code + "</code>") != std::string::npos);
    CHECK(html.find(r.name) != std::string::npos);
  }
}

TEST_CASE("parameter values and plain words read as a person would", "[doc]") {
  std::string html;
  std::vector<jiuzhu::Diagnostic> diagnostics;
  REQUIRE(jiuzhu::RenderPackDoc(ShippedRules(), nullptr, html, diagnostics));
  CHECK(html.find("788.00") != std::string::npos);                    // money with two decimals
  CHECK(html.find("5060 / 12<br>= 421.67") != std::string::npos);     // a fraction as written, and monthly
  CHECK(html.find("<span class=\"ph\">per_capita_income</span>") != std::string::npos);  // placeholders

  jiuzhu::doc::Glossary glossary = jiuzhu::doc::MakeGlossary(LoadRaw(ShippedRules()));
  std::string plain = jiuzhu::doc::PlainWordsHtml("counted_income < dibao_line and not m.counted", glossary);
  CHECK(plain.find(" 低于 ") != std::string::npos);
  CHECK(plain.find(" 且 非 ") != std::string::npos);
  CHECK(plain.find(">家庭月收入（计入部分）</a>") != std::string::npos);
  CHECK(plain.find("href=\"#d-counted\"") != std::string::npos);
  CHECK(jiuzhu::doc::PlainWordsHtml("count(m in members if m.alive)", glossary) ==
        "满足 <code>m.alive</code> 的<span title=\"members\">家庭成员</span>数");
  CHECK(jiuzhu::doc::PlainWordsHtml("x in ['a', 'b']", glossary) ==
        "<code>x</code> 属于 〔<code>'a'</code>、<code>'b'</code>〕");
  CHECK(jiuzhu::doc::PlainWordsHtml("(a or b) and c", glossary) ==
        "（<code>a</code> 或 <code>b</code>） 且 <code>c</code>");
  CHECK(jiuzhu::doc::PlainWordsHtml("a <", glossary) == "a &lt;");  // does not parse: shown as written
}

TEST_CASE("pack text is HTML-escaped everywhere", "[doc]") {
  TempDir dir("jiuzhu_doc_escape");
  WriteText(dir.path / "pack.yaml", kTinyPack);
  std::string html;
  std::vector<jiuzhu::Diagnostic> diagnostics;
  REQUIRE(jiuzhu::RenderPackDoc(dir.path.string(), nullptr, html, diagnostics));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("<i>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("泸州市 &lt;script&gt;alert(&#39;r&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("standard &amp; co") != std::string::npos);
  CHECK(html.find("办法 &quot;第十条&quot;") != std::string::npos);
  CHECK(html.find("program &#39;p&#39;") != std::string::npos);
}

TEST_CASE("the change view lists exactly what differs", "[doc]") {
  TempDir dir("jiuzhu_doc_changed");
  for (const auto& e : fs::directory_iterator(ShippedRules()))
    if (e.path().extension() == ".yaml") fs::copy_file(e.path(), dir.path / e.path().filename());
  std::string params = ReadText(dir.path / "parameters.yaml");
  ReplaceOnce(params, "from: 2021-01-01, urban: 910,", "from: 2021-01-01, urban: 925,");
  WriteText(dir.path / "parameters.yaml", params);
  std::string dibao = ReadText(dir.path / "dibao.yaml");
  ReplaceOnce(dibao, "zh: 无工商登记的企业或个体工商户\n", "zh: 无企业或个体工商户登记\n");
  WriteText(dir.path / "dibao.yaml", dibao);

  std::vector<jiuzhu::doc::Change> changes =
      jiuzhu::doc::DiffPacks(LoadRaw(ShippedRules()), LoadRaw(dir.path.string()));
  for (const auto& c : changes) UNSCOPED_INFO(c.kind << " " << c.subject << " " << c.field << ": " << c.before << " -> " << c.after);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].action == jiuzhu::doc::ChangeAction::kChanged);
  CHECK(changes[0].kind == "rule");
  CHECK(changes[0].subject == "dibao.no_business");
  CHECK(changes[0].field == "pass.zh");
  CHECK(changes[0].before == "无工商登记的企业或个体工商户");
  CHECK(changes[0].after == "无企业或个体工商户登记");
  CHECK(changes[1].kind == "value");
  CHECK(changes[1].subject == "dibao.standard 540000 2021-01-01");
  CHECK(changes[1].field == "urban");
  CHECK(changes[1].before == "910");
  CHECK(changes[1].after == "925");

  std::string html;
  std::vector<jiuzhu::Diagnostic> diagnostics;
  std::string base = ShippedRules();
  REQUIRE(jiuzhu::RenderPackDoc(dir.path.string(), &base, html, diagnostics));
  CHECK(html.find("id=\"changes\"") != std::string::npos);
  CHECK(html.find("修改") != std::string::npos);
  CHECK(html.find("dibao.standard 540000 2021-01-01") != std::string::npos);

  std::string same;
  REQUIRE(jiuzhu::RenderPackDoc(base, &base, same, diagnostics));
  CHECK(same.find("两个规则包的规则与参数相同") != std::string::npos);
}

TEST_CASE("the change view reports added and removed entries", "[doc]") {
  TempDir dir("jiuzhu_doc_added");
  std::string tiny = kTinyPack;
  WriteText(dir.path / "pack.yaml", tiny);
  TempDir base("jiuzhu_doc_added_base");
  ReplaceOnce(tiny, "  - {code: \"510500\"", "  - {code: \"540000\", name: 西藏自治区}\n  - {code: \"510500\"");
  WriteText(base.path / "pack.yaml", tiny);
  std::vector<jiuzhu::doc::Change> changes =
      jiuzhu::doc::DiffPacks(LoadRaw(base.path.string()), LoadRaw(dir.path.string()));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].action == jiuzhu::doc::ChangeAction::kRemoved);
  CHECK(changes[0].kind == "region");
  CHECK(changes[0].subject == "540000");
}

TEST_CASE("a broken pack renders nothing and gives its diagnostics", "[doc]") {
  TempDir dir("jiuzhu_doc_broken");
  std::string tiny = kTinyPack;
  ReplaceOnce(tiny, "test: p.standard > 0", "test: p.standrd > 0");
  WriteText(dir.path / "pack.yaml", tiny);
  std::string html;
  std::vector<jiuzhu::Diagnostic> diagnostics;
  CHECK_FALSE(jiuzhu::RenderPackDoc(dir.path.string(), nullptr, html, diagnostics));
  CHECK(html.empty());
  bool error = false;
  for (const auto& d : diagnostics) error = error || (d.severity == jiuzhu::Severity::kError && d.line > 0);
  CHECK(error);

  // A good pack against a broken base is refused too.
  std::string base = dir.path.string();
  diagnostics.clear();
  CHECK_FALSE(jiuzhu::RenderPackDoc(ShippedRules(), &base, html, diagnostics));
  CHECK_FALSE(diagnostics.empty());
}
