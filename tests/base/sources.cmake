# Test sources for base (paths relative to tests/).
list(APPEND JIUZHU_TEST_SOURCES base/num_test.cpp base/date_test.cpp base/did_you_mean_test.cpp)
