// The embedded caseworker page (engine/server/web/): every file is found at its path with its content type, and
// nothing in it would break the page's Content-Security-Policy (default-src 'self') or escape data unsafely.
#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <string_view>

#include "server/web_assets.h"

using jiuzhu::server::FindWebAsset;
using jiuzhu::server::WebAsset;

namespace {

const char* const kFiles[] = {"/index.html", "/app.css", "/app.js", "/i18n.js", "/api.js",
                              "/view.js",    "/decision.js", "/editor.js", "/favicon.svg"};

bool Contains(std::string_view body, std::string_view needle) { return body.find(needle) != std::string_view::npos; }

}  // namespace

TEST_CASE("the page is served at / and at /index.html as UTF-8 HTML", "[server][web]") {
  const WebAsset* root = FindWebAsset("/");
  REQUIRE(root != nullptr);
  CHECK(root->content_type == "text/html; charset=utf-8");
  CHECK(FindWebAsset("/index.html") == root);
  CHECK(Contains(root->body, "<!doctype html>"));
  CHECK(Contains(root->body, "<meta charset=\"utf-8\">"));
}

TEST_CASE("scripts and styles are found with their content types", "[server][web]") {
  const WebAsset* js = FindWebAsset("/app.js");
  REQUIRE(js != nullptr);
  CHECK(js->content_type == "text/javascript; charset=utf-8");
  CHECK_FALSE(js->body.empty());
  const WebAsset* css = FindWebAsset("/app.css");
  REQUIRE(css != nullptr);
  CHECK(css->content_type == "text/css; charset=utf-8");
  const WebAsset* icon = FindWebAsset("/favicon.svg");
  REQUIRE(icon != nullptr);
  CHECK(icon->content_type == "image/svg+xml");
}

TEST_CASE("paths that are not files of the page are not found", "[server][web]") {
  CHECK(FindWebAsset("") == nullptr);
  CHECK(FindWebAsset("/nope.js") == nullptr);
  CHECK(FindWebAsset("app.js") == nullptr);
  CHECK(FindWebAsset("/app.js?x=1") == nullptr);
  CHECK(FindWebAsset("/../app.js") == nullptr);
  CHECK(FindWebAsset("/api/session") == nullptr);
}

TEST_CASE("the page has no inline script or style and no external URL", "[server][web]") {
  std::string html(FindWebAsset("/")->body);
  // Every <script> loads a file of the page and has an empty body.
  const std::regex script("<script([^>]*)>([\\s\\S]*?)</script>", std::regex::icase);
  int scripts = 0;
  for (std::sregex_iterator it(html.begin(), html.end(), script), end; it != end; ++it) {
    ++scripts;
    CAPTURE((*it)[0].str());
    CHECK((*it)[2].str().empty());
    CHECK(std::regex_search((*it)[1].str(), std::regex("src=\"/?[a-z_]+\\.js\"")));
  }
  CHECK(scripts >= 1);
  CHECK_FALSE(Contains(html, "<style"));
  CHECK_FALSE(std::regex_search(html, std::regex("\\sstyle=", std::regex::icase)));
  CHECK_FALSE(std::regex_search(html, std::regex("\\son[a-z]+=", std::regex::icase)));  // onclick=...
  // Nothing loaded from elsewhere (an SVG's xmlns is a name, not a load, so only HTML, CSS and JS are checked).
  for (const char* file : kFiles) {
    const WebAsset* asset = FindWebAsset(file);
    REQUIRE(asset != nullptr);
    if (std::string_view(file).ends_with(".svg")) continue;
    CAPTURE(file);
    CHECK_FALSE(Contains(asset->body, "http://"));
    CHECK_FALSE(Contains(asset->body, "https://"));
    CHECK_FALSE(Contains(asset->body, "//cdn"));
  }
}

TEST_CASE("the scripts build the page without innerHTML, eval or inline styles", "[server][web]") {
  for (const char* file : kFiles) {
    std::string_view path(file);
    if (path.substr(path.size() - 3) != ".js") continue;
    std::string_view body = FindWebAsset(path)->body;
    CAPTURE(file);
    CHECK_FALSE(Contains(body, "innerHTML"));
    CHECK_FALSE(Contains(body, "outerHTML"));
    CHECK_FALSE(Contains(body, "insertAdjacentHTML"));
    CHECK_FALSE(Contains(body, "document.write"));
    CHECK_FALSE(Contains(body, "eval("));
    CHECK_FALSE(Contains(body, "new Function"));
    CHECK_FALSE(Contains(body, ".style."));          // CSP forbids inline styles: classes only
    CHECK_FALSE(Contains(body, "setAttribute('style"));
  }
}
