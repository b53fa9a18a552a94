# The caseworker page (web/) embedded into jiuzhu_engine: at build time embed_web_assets.cmake turns every file
# listed below into a byte array of a generated web_assets.cpp in the build tree; editing a file regenerates it.
# Included from server/sources.cmake (so CMAKE_CURRENT_SOURCE_DIR is engine/). Explicit list, no GLOB: a new file
# of the page is added here.
set(JIUZHU_WEB_FILES index.html app.css app.js i18n.js api.js view.js decision.js editor.js favicon.svg)
set(_jiuzhu_web_dir ${CMAKE_CURRENT_LIST_DIR}/web)
set(_jiuzhu_web_inputs "")
foreach(f ${JIUZHU_WEB_FILES})
  list(APPEND _jiuzhu_web_inputs ${_jiuzhu_web_dir}/${f})
endforeach()
set(_jiuzhu_web_cpp ${CMAKE_CURRENT_BINARY_DIR}/generated/web_assets.cpp)
string(REPLACE ";" "," _jiuzhu_web_list "${JIUZHU_WEB_FILES}")
add_custom_command(
  OUTPUT ${_jiuzhu_web_cpp}
  COMMAND ${CMAKE_COMMAND} -DWEB_DIR=${_jiuzhu_web_dir} "-DWEB_FILES=${_jiuzhu_web_list}" -DOUT=${_jiuzhu_web_cpp}
          -P ${CMAKE_CURRENT_LIST_DIR}/embed_web_assets.cmake
  DEPENDS ${_jiuzhu_web_inputs} ${CMAKE_CURRENT_LIST_DIR}/embed_web_assets.cmake
  COMMENT "Embedding the caseworker page (engine/server/web)"
  VERBATIM)
list(APPEND JIUZHU_ENGINE_SOURCES ${_jiuzhu_web_cpp})
# Tells tests/server/web_sources.cmake that FindWebAsset is linked into jiuzhu_engine.
set_property(GLOBAL PROPERTY JIUZHU_WEB_ASSETS ON)
