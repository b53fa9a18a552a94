# Test sources for registry (paths relative to tests/).
list(APPEND JIUZHU_TEST_SOURCES registry/records_test.cpp)
list(APPEND JIUZHU_TEST_SOURCES registry/batch_test.cpp)
list(APPEND JIUZHU_TEST_SOURCES registry/worklists_test.cpp)
list(APPEND JIUZHU_TEST_SOURCES registry/facts_codec_test.cpp)
list(APPEND JIUZHU_TEST_SOURCES registry/whatif_test.cpp)
list(APPEND JIUZHU_TEST_SOURCES registry/decision_codec_test.cpp)
list(APPEND JIUZHU_TEST_SOURCES registry/schema_test.cpp)
