# Test sources for server (paths relative to tests/): the caseworkers' server's pieces without sockets.
list(APPEND JIUZHU_TEST_SOURCES server/json_patch_test.cpp server/security_test.cpp server/visits_test.cpp)
