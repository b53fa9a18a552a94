# Sources of engine/registry (paths relative to engine/): the SQLite registry and the monthly batch.
list(APPEND JIUZHU_ENGINE_SOURCES
  registry/database.cpp
  registry/schema.cpp
  registry/importer.cpp
  registry/records_store.cpp
  registry/decision_codec.cpp
  registry/decision_codec_v1.cpp
  registry/decision_codec_v2.cpp
  registry/facts_codec.cpp
  registry/batch_worker.cpp
  registry/batch_reading.cpp
  registry/wal_checkpointer.cpp
  registry/batch.cpp
  registry/batch_summary.cpp
  registry/exporter.cpp
)
# `whatif`: two packs over the registry, compared (one file per concern); its --set overrides act on a RawPack.
list(APPEND JIUZHU_ENGINE_SOURCES registry/whatif_compare.cpp registry/whatif_totals.cpp registry/whatif_lists.cpp
                                  registry/whatif_runner.cpp pack/param_override.cpp)
# Other departments' records (RECORDS.csv): parsing and applying them to a household.
list(APPEND JIUZHU_ENGINE_SOURCES registry/records.cpp)
# The worklist files of `batch --worklists DIR`; the XLSX lists need libxlsxwriter (Debian: libxlsxwriter-dev,
# which ships only a pkg-config file). The lead links JIUZHU_ENGINE_EXTRA_LIBS into jiuzhu_engine.
list(APPEND JIUZHU_ENGINE_SOURCES registry/worklists.cpp registry/worklists_csv.cpp registry/worklists_xlsx.cpp)
find_package(PkgConfig REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
list(APPEND JIUZHU_ENGINE_EXTRA_LIBS PkgConfig::XLSXWRITER)
