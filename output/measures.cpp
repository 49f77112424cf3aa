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

} // namespace

std::span<const Measure> standard_measures() {
    static const std::vector<Measure> kMeasures = build_measures();
    return kMeasures;
}

} // namespace kokeilu::output
