// Internal: the names of the groups, datasets, attributes and fields of a result file.
// output/SCHEMA.md documents each of them; a test checks that the two agree.
#pragma once

#include <cstddef>

namespace kokeilu::output::detail {

// Root attributes.
inline constexpr const char* kSchemaVersionAttr = "schema_version";
inline constexpr const char* kCompleteAttr = "complete";

// /metadata and its attributes.
inline constexpr const char* kMetadataGroup = "/metadata";
/// One resolved scenario text per scenario, in scenario order (schema version 2 on).
inline constexpr const char* kScenarioTextsAttr = "scenario_texts";
/// Schema version 1 stored one text instead: a comparison's scenarios joined, each after a
/// line starting with `kLegacyScenarioHeading` ("# ==== scenario N: NAME ===="). Only read.
inline constexpr const char* kLegacyScenarioTextAttr = "scenario_text";
inline constexpr const char* kLegacyScenarioHeading = "# ==== scenario ";
inline constexpr const char* kSeedAttr = "seed";
inline constexpr const char* kReplicationsAttr = "replications";
inline constexpr const char* kVersionAttr = "kokeilu_version";
inline constexpr const char* kGitRevisionAttr = "git_revision";
inline constexpr const char* kWallTimeAttr = "wall_time_s";

// /dimensions: one table per code column of /monthly/rows, /traces/rows and /summary/rows.
inline constexpr const char* kDimensionsGroup = "/dimensions";
inline constexpr const char* kScenariosTable = "/dimensions/scenarios";
inline constexpr const char* kProvidersTable = "/dimensions/providers";
inline constexpr const char* kTargetGroupsTable = "/dimensions/target_groups";
inline constexpr const char* kMeasuresTable = "/dimensions/measures";
inline constexpr const char* kMonthsTable = "/dimensions/months";
// Written only when not empty (so files without traces are as before traces existed).
inline constexpr const char* kTraceEventsTable = "/dimensions/trace_events";
inline constexpr const char* kStatesTable = "/dimensions/states";
// Written only when not empty (so files without breakdowns are as before breakdowns existed).
inline constexpr const char* kBreakdownGroupsTable = "/dimensions/breakdown_groups";
// Written only when some provider has member municipalities; the providers' `region` field
// only when some provider has a region (files without them are as before they were stored).
inline constexpr const char* kMunicipalitiesTable = "/dimensions/municipalities";

// /monthly/rows.
inline constexpr const char* kMonthlyGroup = "/monthly";
inline constexpr const char* kMonthlyRows = "/monthly/rows";
/// Rows per chunk of /monthly/rows (32 bytes each: 128 KiB chunks before compression).
inline constexpr std::size_t kChunkRows = 4096;
/// Deflate level of /monthly/rows (after the shuffle filter).
inline constexpr unsigned kDeflateLevel = 4;

// /traces/rows: written only when there is at least one trace row; same chunk size (40 bytes
// a row: 160 KiB chunks before compression), shuffle and deflate level as /monthly/rows.
inline constexpr const char* kTracesGroup = "/traces";
inline constexpr const char* kTracesRows = "/traces/rows";

// /breakdowns/rows: written only when there is at least one breakdown row; same row size (32
// bytes), chunk size, shuffle and deflate level as /monthly/rows.
inline constexpr const char* kBreakdownsGroup = "/breakdowns";
inline constexpr const char* kBreakdownsRows = "/breakdowns/rows";

// /summary/rows: written only when there is at least one summary row; same chunk size (56 bytes
// a row: 224 KiB chunks before compression), shuffle and deflate level as /monthly/rows.
inline constexpr const char* kSummaryGroup = "/summary";
inline constexpr const char* kSummaryRows = "/summary/rows";
/// Attribute of /summary/rows: the confidence level of its intervals, e.g. 0.95.
inline constexpr const char* kConfidenceLevelAttr = "confidence_level";

} // namespace kokeilu::output::detail
