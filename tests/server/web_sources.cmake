# The caseworker page's embedding test (paths relative to tests/), added only when the engine embeds the page
# (engine/server/web_assets.cmake sets the global property once the server's sources include it).
get_property(_jiuzhu_web_assets GLOBAL PROPERTY JIUZHU_WEB_ASSETS)
if(_jiuzhu_web_assets)
  list(APPEND JIUZHU_TEST_SOURCES server/web_assets_test.cpp)
endif()
