# Test sources for doc (paths relative to tests/).
list(APPEND JIUZHU_TEST_SOURCES doc/pack_doc_test.cpp)
