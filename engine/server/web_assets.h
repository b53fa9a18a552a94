// The caseworker page (engine/server/web/): its files, embedded in the binary at build time by web_assets.cmake,
// so `jiuzhu serve` needs nothing beside itself. The table is generated (web_assets.cpp in the build tree) and
// read-only; FindWebAsset may be called from any thread.
#pragma once

#include <string_view>

namespace jiuzhu::server {

// One file of the page: its URL path ("/app.js"), the Content-Type to send, and its bytes.
struct WebAsset {
  std::string_view path, content_type, body;
};

// The asset served at `path` ("/" and "/index.html" are the page); nullptr when there is none. The query string
// must already be cut off.
const WebAsset* FindWebAsset(std::string_view path);

}  // namespace jiuzhu::server
