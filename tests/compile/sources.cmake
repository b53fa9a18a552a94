# Test sources for compile (paths relative to tests/).
list(APPEND JIUZHU_TEST_SOURCES compile/program_checks_test.cpp)
list(APPEND JIUZHU_TEST_SOURCES compile/by_person_test.cpp)
