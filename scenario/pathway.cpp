// Pathway graphs of service models: structural checks and Graphviz drawings (Boost.Graph).
#include "scenario/pathway.hpp"

#include "scenario/schema.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/pending/queue.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iomanip>
#include <map>
#include <sstream>
#include <utility>

namespace kokeilu::scenario {

namespace {

// Bidirectional (a directed graph that also keeps in-edges) so make_reverse_graph can walk it.
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
using Vertex = Graph::vertex_descriptor;

/// Probabilities may differ from 1 by rounding in the user's decimal fractions, no more.
constexpr double kSumTolerance = 1e-9;

/// One `next.<target>` entry of a stage.
struct Move {
    std::string target;
    double probability = 0.0;
    Origin origin;
};

/// A stage as the checks and drawings need it.
struct Stage {
    std::string name;
    bool exit = false;
    std::int64_t servers = 0;
    std::string duration;
    double mean_days = 0.0;
    double cv = 1.0;
    double arrivals_per_day = 0.0;
    bool pay_subsidy = false; ///< kind = "pay_subsidy": length set by the rules, not `duration`
    bool own_study = false;   ///< kind self_motivated_study: jobseekers also start it unprompted
    std::vector<Move> next;   ///< sorted by target name
    Origin origin;            ///< where diagnostics about the stage point

    [[nodiscard]] bool takes_no_time() const { return duration == "none" || mean_days == 0.0; }
};

/// A service model's stages (sorted by name) and its pathway graph: vertex i is stages[i], with
/// an edge for every `next` entry that names a stage of the model with a probability above 0.
struct Model {
    std::string name;
    std::string entry;
    std::string typ_stage; ///< a second way in (the TYP assessment), or empty
    Origin origin;         ///< where diagnostics about the whole model point
    std::vector<Stage> stages;
    std::map<std::string, Vertex> index;
    Graph graph;

    [[nodiscard]] std::optional<Vertex> find(const std::string& stage) const {
        const auto it = index.find(stage);
        return it == index.end() ? std::nullopt : std::optional<Vertex>(it->second);
    }
};

Diagnostic at(const Origin& o, std::string message) {
    return Diagnostic{o.file, o.line, o.column, std::move(message)};
}

std::string code(const std::string& name) {
    return "`" + name + "`";
}

/// Numbers in messages and drawings: short, no trailing zeros ("0.25", "1", "0.117647").
std::string number(double x, int digits = 6) {
    std::ostringstream os;
    os << std::setprecision(digits) << x;
    return os.str();
}

/// The first origin that points into a file, else the first that is not a default, else the
/// last candidate (a default: the diagnostic then names no file).
Origin best_origin(const std::vector<Origin>& candidates) {
    for (const auto& o : candidates) {
        if (o.kind == Origin::Kind::File) {
            return o;
        }
    }
    for (const auto& o : candidates) {
        if (o.kind != Origin::Kind::Default) {
            return o;
        }
    }
    return candidates.empty() ? Origin{} : candidates.back();
}

/// Origins of the keys directly or indirectly below `table` (e.g. a stage), in path order.
std::vector<Origin> key_origins(const Scenario& s, const std::string& table) {
    const std::string prefix = table + ".";
    std::vector<Origin> out;
    const auto& values = s.values();
    for (auto it = values.lower_bound(prefix);
         it != values.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
        out.push_back(it->second.origin);
    }
    return out;
}

Model read_model(const Scenario& s, const std::string& name) {
    Model m;
    m.name = name;
    const std::string base = "service_models." + name;
    const Entry* entry = s.find(base + ".entry");
    if (entry != nullptr) {
        if (const auto* e = std::get_if<std::string>(&entry->value)) {
            m.entry = *e;
        }
    }
    const Origin entry_origin = entry != nullptr ? entry->origin : Origin{};
    if (const Entry* typ = s.find(base + ".typ_stage")) {
        if (const auto* t = std::get_if<std::string>(&typ->value)) {
            m.typ_stage = *t;
        }
    }
    {
        std::vector<Origin> candidates;
        if (auto t = s.table_origin(base)) {
            candidates.push_back(*t);
        }
        candidates.push_back(entry_origin);
        m.origin = best_origin(candidates);
    }

    for (const auto& stage_name : s.names(base + ".stages")) {
        const std::string path = base + ".stages." + stage_name;
        Stage st;
        st.name = stage_name;
        st.exit = s.boolean(path + ".exit");
        st.servers = s.integer(path + ".servers");
        st.duration = s.string(path + ".duration");
        st.mean_days = s.number(path + ".duration_mean_days");
        st.cv = s.number(path + ".duration_cv");
        st.arrivals_per_day = s.number(path + ".arrivals_per_day");
        if (const Entry* kind = s.find(path + ".kind")) {
            const auto* word = std::get_if<std::string>(&kind->value);
            st.pay_subsidy = word != nullptr && *word == "pay_subsidy";
            st.own_study = word != nullptr && *word == "self_motivated_study";
        }
        for (const auto& target : s.names(path + ".next")) {
            const Entry* e = s.find(path + ".next." + target);
            if (e == nullptr) {
                continue; // a table below `next`: the loader has reported it already
            }
            double p = 0.0;
            if (const auto* d = std::get_if<double>(&e->value)) {
                p = *d;
            } else if (const auto* i = std::get_if<std::int64_t>(&e->value)) {
                p = static_cast<double>(*i);
            }
            st.next.push_back(Move{target, p, e->origin});
        }
        std::vector<Origin> candidates;
        if (auto t = s.table_origin(path)) {
            candidates.push_back(*t);
        }
        const auto keys = key_origins(s, path);
        candidates.insert(candidates.end(), keys.begin(), keys.end());
        candidates.push_back(entry_origin);
        st.origin = best_origin(candidates);
        m.index.emplace(stage_name, m.stages.size());
        m.stages.push_back(std::move(st));
    }

    m.graph = Graph(m.stages.size());
    for (std::size_t v = 0; v < m.stages.size(); ++v) {
        for (const auto& move : m.stages[v].next) {
            // A move with probability 0 is never taken: it neither reaches nor leaves anything.
            if (auto w = m.find(move.target); w && move.probability > 0.0) {
                boost::add_edge(v, *w, m.graph);
            }
        }
    }
    return m;
}

/// Marks the vertices of `g` reachable from `sources` (breadth-first search).
template <class G>
std::vector<bool> reachable(const G& g, std::size_t vertex_count,
                            const std::vector<Vertex>& sources) {
    std::vector<boost::default_color_type> colour(vertex_count, boost::white_color);
    if (!sources.empty()) {
        boost::queue<Vertex> queue;
        boost::breadth_first_search(
            g, sources.begin(), sources.end(), queue, boost::default_bfs_visitor(),
            boost::make_iterator_property_map(colour.begin(), boost::get(boost::vertex_index, g)));
    }
    std::vector<bool> out(vertex_count);
    for (std::size_t v = 0; v < vertex_count; ++v) {
        out[v] = colour[v] != boost::white_color;
    }
    return out;
}

std::string join_names(const std::vector<std::string>& names) {
    std::string s;
    for (std::size_t i = 0; i < names.size(); ++i) {
        s += (i == 0 ? "" : (i + 1 == names.size() ? " and " : ", ")) + code(names[i]);
    }
    return s;
}

/// Loops made only of stages that take no time: a client could go round them forever without
/// simulated time passing. Each loop is named by its stages, sorted; loops are sorted too.
std::vector<std::vector<Vertex>> zero_time_loops(const Model& m) {
    const std::size_t n = m.stages.size();
    std::vector<Vertex> instant; // vertices of the subgraph -> vertices of the model
    std::vector<std::size_t> local(n, n);
    for (std::size_t v = 0; v < n; ++v) {
        if (m.stages[v].takes_no_time()) {
            local[v] = instant.size();
            instant.push_back(v);
        }
    }
    Graph sub(instant.size());
    std::vector<bool> self_loop(instant.size(), false);
    for (std::size_t i = 0; i < instant.size(); ++i) {
        for (auto [e, end] = boost::out_edges(instant[i], m.graph); e != end; ++e) {
            const std::size_t j = local[boost::target(*e, m.graph)];
            if (j == n) {
                continue;
            }
            if (j == i) {
                self_loop[i] = true;
            }
            boost::add_edge(i, j, sub);
        }
    }
    std::vector<std::size_t> component(instant.size());
    const std::size_t count =
        instant.empty() ? 0
                        : static_cast<std::size_t>(boost::strong_components(
                              sub, boost::make_iterator_property_map(
                                       component.begin(), boost::get(boost::vertex_index, sub))));
    std::vector<std::vector<Vertex>> groups(count);
    for (std::size_t i = 0; i < instant.size(); ++i) {
        groups[component[i]].push_back(instant[i]); // ascending, hence sorted by stage name
    }
    std::vector<std::vector<Vertex>> loops;
    for (auto& g : groups) {
        if (g.size() > 1 || (g.size() == 1 && self_loop[local[g.front()]])) {
            loops.push_back(std::move(g));
        }
    }
    std::sort(loops.begin(), loops.end());
    return loops;
}

/// The first stage of kind self_motivated_study: jobseekers start it on their own initiative
/// (labour_market.own_study_per_month), as the jobseeker model does.
std::optional<Vertex> own_study_stage(const Model& m) {
    const auto own = std::find_if(m.stages.begin(), m.stages.end(),
                                  [](const Stage& st) { return st.own_study; });
    if (own == m.stages.end()) {
        return std::nullopt;
    }
    return static_cast<Vertex>(own - m.stages.begin());
}

void check_model(const Model& m, std::vector<Diagnostic>& out) {
    const std::string who = "service model " + m.name + ": ";
    const std::size_t n = m.stages.size();
    std::vector<std::string> stage_names;
    for (const auto& st : m.stages) {
        stage_names.push_back(st.name);
    }

    const auto entry = m.find(m.entry);
    std::vector<Vertex> sources;
    if (entry) {
        sources.push_back(*entry);
    }
    if (const auto typ = m.find(m.typ_stage); typ && typ != entry) {
        sources.push_back(*typ);
    }
    const auto own_study = own_study_stage(m);
    if (own_study && own_study != entry) {
        sources.push_back(*own_study);
    }
    std::vector<Vertex> exits;
    for (std::size_t v = 0; v < n; ++v) {
        if (m.stages[v].arrivals_per_day > 0.0 && v != entry) {
            sources.push_back(v);
        }
        if (m.stages[v].exit) {
            exits.push_back(v);
        }
    }
    const auto from_start = reachable(m.graph, n, sources);
    const auto to_exit = reachable(boost::make_reverse_graph(m.graph), n, exits);
    const bool all_reachable =
        std::all_of(from_start.begin(), from_start.end(), [](bool b) { return b; });

    for (std::size_t v = 0; v < n; ++v) {
        const Stage& st = m.stages[v];
        const std::string stage = "stage " + code(st.name);

        // `next` must name stages of this model.
        for (const auto& move : st.next) {
            if (m.find(move.target)) {
                continue;
            }
            std::string message = who + stage + " moves on to " + code(move.target) +
                                  ", which is not a stage of this model";
            if (auto guess = did_you_mean(move.target, stage_names)) {
                message += "; did you mean " + code(*guess) + "?";
            }
            out.push_back(at(move.origin, std::move(message)));
        }

        // Exits end the pathway; every other stage hands its clients on with probability 1.
        if (st.exit) {
            if (!st.next.empty()) {
                out.push_back(at(st.origin, who + stage + " is an exit (exit = true) but has " +
                                                "`next` stages; remove its `next` or set " +
                                                "exit = false"));
            }
        } else if (st.next.empty()) {
            out.push_back(at(st.origin, who + stage + " is not an exit and has no `next` " +
                                            "stages; add next.<stage> = 1.0 or set exit = true"));
        } else {
            double sum = 0.0;
            for (const auto& move : st.next) {
                sum += move.probability;
            }
            if (std::abs(sum - 1.0) > kSumTolerance) {
                out.push_back(at(st.origin, who + "the `next` probabilities of " + stage +
                                                " sum to " + number(sum, 12) + ", not 1"));
            }
        }

        // The distribution and its mean must agree on whether the stage takes time.
        if (st.duration == "none" && st.mean_days > 0.0) {
            out.push_back(at(st.origin, who + stage + " has duration = \"none\" but " +
                                            "duration_mean_days = " + number(st.mean_days) +
                                            "; choose a distribution or set "
                                            "duration_mean_days = 0"));
        } else if (st.duration != "none" && st.mean_days == 0.0) {
            out.push_back(at(st.origin, who + stage + " has duration = \"" + st.duration +
                                            "\" but duration_mean_days = 0; use duration = " +
                                            "\"none\" for a stage that takes no time"));
        }

        // (An entry that names no stage is reported by the loader's reference check.)
        if (!from_start[v] && (entry || m.entry.empty())) {
            out.push_back(
                at(st.origin,
                   who + stage + " cannot be reached from the entry stage " + code(m.entry) +
                       (m.typ_stage.empty() ? "" : ", the typ_stage " + code(m.typ_stage)) +
                       (own_study ? ", the jobseekers' own study " + code(m.stages[*own_study].name)
                                  : std::string()) +
                       " or from any stage with arrivals"));
        }
        if (!exits.empty() && !to_exit[v]) {
            out.push_back(at(st.origin, who + "no exit stage can be reached from " + stage +
                                            ": clients who get there never leave"));
        }
    }

    if (exits.empty() && n > 0) {
        std::string message = who + "no stage is an exit (exit = true), so clients never leave";
        if (!all_reachable) {
            message += " (nor do they leave from the stages that cannot be reached)";
        }
        out.push_back(at(m.origin, message + "; mark the stage where the pathway ends with "
                                             "exit = true"));
    }

    for (const auto& loop : zero_time_loops(m)) {
        const Stage& first = m.stages[loop.front()];
        std::string message;
        if (loop.size() == 1) {
            message = who + "stage " + code(first.name) + " moves on to itself and takes no time";
        } else {
            std::vector<std::string> names;
            for (Vertex v : loop) {
                names.push_back(m.stages[v].name);
            }
            message = who + "stages " + join_names(names) + " form a loop in which no time passes";
        }
        out.push_back(at(first.origin, message + " (duration = \"none\" or " +
                                           "duration_mean_days = 0): a client could go round " +
                                           "it forever in one instant; give " +
                                           (loop.size() == 1 ? "it" : "one of them") +
                                           " a duration"));
    }
}

std::string dot_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        default: out += c;
        }
    }
    return out;
}

std::string dot_id(const std::string& name) {
    return "\"" + dot_escape(name) + "\"";
}

/// "exp. 5 d, 2 servers": how long the stage takes and how many it serves at once.
std::string stage_summary(const Stage& st) {
    std::string time;
    if (st.pay_subsidy) {
        time = "6/12/24 or 5/10 months by the pay-subsidy rules";
    } else if (st.duration == "none") {
        time = "no time";
    } else if (st.duration == "fixed") {
        time = "fixed " + number(st.mean_days) + " d";
    } else if (st.duration == "exponential") {
        time = "exp. " + number(st.mean_days) + " d";
    } else {
        time = st.duration + " " + number(st.mean_days) + " d, cv " + number(st.cv);
    }
    std::string servers;
    if (st.servers == 0) {
        servers = "no server limit";
    } else {
        servers = std::to_string(st.servers) + (st.servers == 1 ? " server" : " servers");
    }
    std::string text = time + ", " + servers;
    if (st.arrivals_per_day > 0.0) {
        text += "\n" + number(st.arrivals_per_day) + " arrivals/day";
    }
    return text;
}

/// The DOT drawing of a model; `title` labels the graph.
std::string model_dot(const Model& m, const std::string& title) {
    std::ostringstream os;
    os << "digraph " << dot_id(m.name) << " {\n";
    os << "    label=" << dot_id(title) << ";\n";
    os << "    labelloc=t;\n";
    os << "    rankdir=LR;\n";
    os << "    node [shape=box, style=rounded];\n";
    // The entry is marked by an arrow from a dot; a name with a space cannot be a stage's.
    const std::string start = dot_id("entry point");
    os << "    " << start << " [shape=point, label=\"\"];\n";
    for (const auto& st : m.stages) {
        // An exit that takes no time needs no more than its name.
        const bool bare = st.exit && st.takes_no_time() && st.arrivals_per_day == 0.0;
        os << "    " << dot_id(st.name)
           << " [label=" << dot_id(bare ? st.name : st.name + "\n" + stage_summary(st));
        if (st.exit) {
            os << ", shape=doublecircle";
        }
        if (st.name == m.entry) {
            os << ", penwidth=2";
        }
        os << "];\n";
    }
    if (m.find(m.entry)) {
        os << "    " << start << " -> " << dot_id(m.entry) << " [label=\"entry\"];\n";
    }
    for (const auto& st : m.stages) {
        for (const auto& move : st.next) {
            os << "    " << dot_id(st.name) << " -> " << dot_id(move.target)
               << " [label=" << dot_id(number(move.probability)) << "];\n";
        }
    }
    os << "}\n";
    return os.str();
}

/// `what` is "provider" or "service model"; throws if `name` is not among `names`.
void require_name(const std::vector<std::string>& names, std::string_view name,
                  const std::string& what) {
    if (std::find(names.begin(), names.end(), name) != names.end()) {
        return;
    }
    std::string message = "no " + what + " `" + std::string(name) + "` in the scenario";
    if (auto guess = did_you_mean(name, names)) {
        message += "; did you mean `" + *guess + "`?";
    }
    throw ConfigError({Diagnostic{"", 0, 0, std::move(message)}});
}

} // namespace

void check_pathways(const Scenario& scenario, std::vector<Diagnostic>& out) {
    for (const auto& name : scenario.names("service_models")) {
        check_model(read_model(scenario, name), out);
    }
}

std::string service_model_dot(const Scenario& scenario, std::string_view model) {
    require_name(scenario.names("service_models"), model, "service model");
    const Model m = read_model(scenario, std::string(model));
    return model_dot(m, "service model " + m.name);
}

std::string pathway_dot(const Scenario& scenario, std::string_view provider) {
    require_name(scenario.names("providers"), provider, "provider");
    const std::string name(provider);
    const Model m = read_model(scenario, scenario.string("providers." + name + ".service_model"));
    return model_dot(m, "provider " + name + ": service model " + m.name);
}

} // namespace kokeilu::scenario
