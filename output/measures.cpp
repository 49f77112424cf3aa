// The standard measure catalogue (output/SCHEMA.md, section "Measures"), read from the model's
// measure table (agents/metrics.hpp).
#include "output/measures.hpp"

#include "agents/metrics.hpp"

#include <string>
#include <vector>

namespace kokeilu::output {

namespace {

std::vector<Measure> build_measures() {
    std::vector<Measure> out;
    for (const agents::Metric metric : agents::metric_schema_order()) {
        const agents::MetricInfo& m = agents::metric_info(metric);
        out.push_back({std::string(m.name), std::string(m.unit), std::string(m.description)});
    }
    return out;
}

const char* kind_name(agents::AggregationKind kind) {
    switch (kind) {
    case agents::AggregationKind::Stock: return "stock";
    case agents::AggregationKind::Flow: return "flow";
    case agents::AggregationKind::Mean: return "mean";
    case agents::AggregationKind::Quantile: return "quantile";
    case agents::AggregationKind::Share: return "share";
    case agents::AggregationKind::Ratio: return "ratio";
    case agents::AggregationKind::Cohort: return "cohort";
    }
    return "";
}

} // namespace

std::string combines_as(std::string_view name) {
    for (const agents::MetricInfo& m : agents::metric_table()) {
        if (m.name != name) {
            continue;
        }
        std::string text = kind_name(m.aggregation.kind);
        if (m.aggregation.denominator) {
            text += ", by `" + std::string(agents::metric_name(*m.aggregation.denominator)) + "`";
        }
        return text;
    }
    return {};
}

std::span<const Measure> standard_measures() {
    static const std::vector<Measure> kMeasures = build_measures();
    return kMeasures;
}

} // namespace kokeilu::output
