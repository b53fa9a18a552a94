# Sources of engine/server (paths relative to engine/): the caseworkers' server of http.md.
# HTTP: Boost.Beast (header-only, in the Boost we already use); TLS: OpenSSL; hashes and randomness: libsodium.
list(APPEND JIUZHU_ENGINE_SOURCES
  server/json_dom.cpp
  server/json_patch.cpp
  server/crypto.cpp
  server/scope.cpp
  server/users.cpp
  server/sessions.cpp
  server/audit_log.cpp
  server/http_types.cpp
  server/service.cpp
  server/routes.cpp
  server/handlers_common.cpp
  server/handlers_session.cpp
  server/handlers_screen.cpp
  server/handlers_households.cpp
  server/visits.cpp
  server/handlers_visits.cpp
  server/handlers_worklists.cpp
  server/handlers_users.cpp
  server/http_server.cpp
  server/serve.cpp
  server/admin.cpp
)
find_package(OpenSSL REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
list(APPEND JIUZHU_ENGINE_EXTRA_LIBS OpenSSL::SSL OpenSSL::Crypto PkgConfig::SODIUM)
# The page (engine/server/web/, written separately) is embedded when it is there; until then `/` is a placeholder.
if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/web_assets.cmake AND EXISTS ${CMAKE_CURRENT_LIST_DIR}/web/index.html)
  include(${CMAKE_CURRENT_LIST_DIR}/web_assets.cmake)
  set(JIUZHU_ENGINE_DEFINITIONS ${JIUZHU_ENGINE_DEFINITIONS} JIUZHU_WEB_ASSETS)
endif()
