# Sources of engine/doc (paths relative to engine/): the policy page of `rules doc`.
list(APPEND JIUZHU_ENGINE_SOURCES doc/pack_doc.cpp doc/plain_words.cpp doc/pack_diff.cpp)
