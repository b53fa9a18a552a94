# Test sources for pack (paths relative to tests/).
list(APPEND JIUZHU_TEST_SOURCES pack/local_pack_test.cpp)
