# The caseworker page's tests, added once the engine embeds the page (engine/server/web_assets.cmake sets the global
# property when the server's sources include it). Included from tests/CMakeLists.txt (paths relative to tests/).
get_property(_jiuzhu_web_assets GLOBAL PROPERTY JIUZHU_WEB_ASSETS)
if(_jiuzhu_web_assets)
  list(APPEND JIUZHU_TEST_SOURCES server/web_assets_test.cpp)
  # The page end to end in headless Chromium against `jiuzhu serve` (tests/server/e2e/run.sh); exit 77, reported
  # by CTest as skipped, only where /usr/bin/chromium is not installed. Screenshots: BUILD_DIR/e2e-screenshots/.
  add_test(NAME web_e2e COMMAND bash ${PROJECT_SOURCE_DIR}/tests/server/e2e/run.sh ${PROJECT_BINARY_DIR}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(web_e2e PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 RUN_SERIAL TRUE)
endif()
