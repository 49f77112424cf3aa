// Reading and checking evidence files (configs/evidence.toml) for `kokeilu evidence`.
#include "scenario/evidence.hpp"

#include "agents/metrics.hpp"
#include "scenario/schema.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace kokeilu::scenario {

namespace {

namespace fs = std::filesystem;
namespace chr = std::chrono;

std::optional<chr::year_month> parse_year_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') {
        return std::nullopt;
    }
    int year = 0;
    int month = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        if (i == 4) {
            continue;
        }
        if (text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
        int& part = i < 4 ? year : month;
        part = part * 10 + (text[i] - '0');
    }
    if (month < 1 || month > 12) {
        return std::nullopt;
    }
    return chr::year{year} / chr::month{static_cast<unsigned>(month)};
}

std::string year_month_text(chr::year_month ym) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u", static_cast<int>(ym.year()),
                  static_cast<unsigned>(ym.month()));
    return buffer;
}

Place place_of(const toml::node& node) {
    return Place{static_cast<int>(node.source().begin.line),
                 static_cast<int>(node.source().begin.column)};
}

std::string type_name(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
    }
}

/// What a measure name is for an evidence check.
enum class Lookup { Unknown, Neither, Stock, Flow };

/// The measure table by name: a stock, a flow (a cohort count sums like one), or neither (a
/// mean, share or ratio).
Lookup measure_kind(std::string_view name) {
    for (const agents::MetricInfo& m : agents::metric_table()) {
        if (m.name != name) {
            continue;
        }
        switch (m.aggregation.kind) {
        case agents::AggregationKind::Stock: return Lookup::Stock;
        case agents::AggregationKind::Flow:
        case agents::AggregationKind::Cohort: return Lookup::Flow;
        default: return Lookup::Neither;
        }
    }
    return Lookup::Unknown;
}

std::vector<std::string> measure_names() {
    std::vector<std::string> names;
    for (const agents::MetricInfo& m : agents::metric_table()) {
        names.emplace_back(m.name);
    }
    return names;
}

/// Reads one evidence file, collecting every problem.
class Reader {
public:
    explicit Reader(std::string display) : display_(std::move(display)) {}

    void read(std::string_view text, EvidenceFile& out);
    std::vector<Diagnostic> take() { return std::move(diags_); }

private:
    void error(Place p, std::string message) {
        diags_.push_back(Diagnostic{display_, p.line, p.column, std::move(message)});
    }
    void error(const toml::node& n, std::string message) { error(place_of(n), std::move(message)); }
    /// Reports keys of `table` not in `allowed`, with a did-you-mean.
    void only_keys(const toml::table& table, const std::vector<std::string>& allowed,
                   const std::string& where);
    std::optional<std::string> string(const toml::table& t, std::string_view key,
                                      const std::string& where);
    std::optional<double> number(const toml::table& t, std::string_view key,
                                 const std::string& where);
    std::optional<std::int64_t> integer(const toml::table& t, std::string_view key,
                                        const std::string& where);
    void strings(const toml::table& t, std::string_view key, const std::string& where,
                 std::vector<std::string>& out, std::vector<Place>& places);
    std::optional<MonthWindow> window(const toml::table& t, Place& place, const std::string& where);
    void read_run(const toml::table& run, EvidenceFile& out);
    void read_check(const toml::table& table, EvidenceCheck& check);
    bool read_scenario(const toml::table& check, std::string_view key, EvidenceScenario& out,
                       const std::string& where);
    void read_expectation(const toml::table& table, EvidenceExpectation& e,
                          const std::string& where);
    void read_measures(const toml::node& node, EvidenceExpectation& e, const std::string& where);
    void read_expected(const toml::node& node, EvidenceExpectation& e, const std::string& where);

    std::string display_;
    std::vector<Diagnostic> diags_;
    MonthWindow default_window_{chr::year{2021} / chr::March, chr::year{2023} / chr::December};
};

void Reader::only_keys(const toml::table& table, const std::vector<std::string>& allowed,
                       const std::string& where) {
    for (const auto& [key, node] : table) {
        const std::string k(key.str());
        if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) {
            continue;
        }
        std::string message = "unknown key `" + k + "` in " + where;
        if (auto guess = did_you_mean(k, allowed)) {
            message += "; did you mean `" + *guess + "`?";
        } else {
            std::string list;
            for (const auto& a : allowed) {
                list += (list.empty() ? "" : ", ") + a;
            }
            message += " (allowed: " + list + ")";
        }
        error(Place{static_cast<int>(key.source().begin.line),
                    static_cast<int>(key.source().begin.column)},
              std::move(message));
    }
}

std::optional<std::string> Reader::string(const toml::table& t, std::string_view key,
                                          const std::string& where) {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
        return std::nullopt;
    }
    if (const auto v = n->value<std::string>(); v && n->is_string()) {
        return *v;
    }
    error(*n, where + ": `" + std::string(key) + "` must be a string, not " + type_name(*n));
    return std::nullopt;
}

std::optional<double> Reader::number(const toml::table& t, std::string_view key,
                                     const std::string& where) {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
        return std::nullopt;
    }
    if (n->is_number()) {
        return n->value<double>();
    }
    error(*n, where + ": `" + std::string(key) + "` must be a number, not " + type_name(*n));
    return std::nullopt;
}

std::optional<std::int64_t> Reader::integer(const toml::table& t, std::string_view key,
                                            const std::string& where) {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
        return std::nullopt;
    }
    if (n->is_integer()) {
        return n->value<std::int64_t>();
    }
    error(*n, where + ": `" + std::string(key) + "` must be an integer, not " + type_name(*n));
    return std::nullopt;
}

void Reader::strings(const toml::table& t, std::string_view key, const std::string& where,
                     std::vector<std::string>& out, std::vector<Place>& places) {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
        return;
    }
    const toml::array* arr = n->as_array();
    if (arr == nullptr) {
        error(*n, where + ": `" + std::string(key) + "` must be an array of strings like " +
                      "[\"pilot.start=2025-01-01\"], not " + type_name(*n));
        return;
    }
    for (const toml::node& el : *arr) {
        if (!el.is_string()) {
            error(el,
                  where + ": `" + std::string(key) + "` must hold strings, not " + type_name(el));
            continue;
        }
        out.push_back(*el.value<std::string>());
        places.push_back(place_of(el));
    }
}

std::optional<MonthWindow> Reader::window(const toml::table& t, Place& place,
                                          const std::string& where) {
    const toml::node* n = t.get("window");
    if (n == nullptr) {
        return std::nullopt;
    }
    const auto text = string(t, "window", where);
    if (!text) {
        return std::nullopt;
    }
    std::string why;
    auto w = parse_month_window(*text, why);
    if (!w) {
        error(*n, where + ": `window`: " + why);
        return std::nullopt;
    }
    place = place_of(*n);
    return w;
}

void Reader::read_run(const toml::table& run, EvidenceFile& out) {
    const std::string where = "[run]";
    only_keys(run, {"scale", "reps", "seed", "set", "window"}, where);
    if (const auto s = number(run, "scale", where)) {
        if (!(*s > 0.0 && *s <= 10.0)) {
            error(*run.get("scale"), "[run]: `scale` must be in (0, 10] (population.scale)");
        } else {
            out.scale = *s;
        }
    }
    if (const auto r = integer(run, "reps", where)) {
        if (*r < 2 || *r > 100000) {
            error(*run.get("reps"), "[run]: `reps` must be from 2 to 100000 (paired differences "
                                    "need at least 2 replications for an interval)");
        } else {
            out.replications = static_cast<int>(*r);
        }
    }
    if (const auto s = integer(run, "seed", where)) {
        if (*s < 0) {
            error(*run.get("seed"), "[run]: `seed` must be 0 or more");
        } else {
            out.seed = *s;
        }
    }
    strings(run, "set", where, out.sets, out.set_places);
    Place unused;
    if (auto w = window(run, unused, where)) {
        default_window_ = *w;
    }
}

bool Reader::read_scenario(const toml::table& check, std::string_view key, EvidenceScenario& out,
                           const std::string& where) {
    const toml::node* n = check.get(key);
    if (n == nullptr) {
        return false;
    }
    const toml::table* t = n->as_table();
    out.scenario_place = place_of(*n);
    if (t == nullptr) {
        error(*n, where + ": `" + std::string(key) +
                      "` must be a table like { scenario = \"FILE\", set = [\"KEY=VALUE\"] }, "
                      "not " +
                      type_name(*n));
        return true;
    }
    const std::string sub = where + " " + std::string(key);
    only_keys(*t, {"scenario", "set"}, sub);
    if (const auto s = string(*t, "scenario", sub)) {
        out.scenario = *s;
        out.scenario_place = place_of(*t->get("scenario"));
    }
    strings(*t, "set", sub, out.sets, out.set_places);
    return true;
}

void Reader::read_measures(const toml::node& node, EvidenceExpectation& e,
                           const std::string& where) {
    if (node.is_string()) {
        e.measures.push_back(*node.value<std::string>());
    } else if (const toml::array* arr = node.as_array(); arr != nullptr && !arr->empty()) {
        for (const toml::node& el : *arr) {
            if (el.is_string()) {
                e.measures.push_back(*el.value<std::string>());
            }
        }
        if (e.measures.size() != arr->size()) {
            error(node, where + ": `measure` must be a measure name or an array of names");
            return;
        }
    } else {
        error(node, where + ": `measure` must be a measure name or an array of names, not " +
                        type_name(node));
        return;
    }
    std::optional<MeasureKind> kind;
    for (const auto& m : e.measures) {
        const Lookup k = measure_kind(m);
        if (k == Lookup::Unknown) {
            const auto guess = did_you_mean(m, measure_names());
            error(node, where + ": unknown measure `" + m + "`" +
                            (guess ? "; did you mean `" + *guess + "`?"
                                   : " (output/SCHEMA.md lists the measures)"));
            continue;
        }
        if (k == Lookup::Neither) {
            error(node, where + ": measure `" + m +
                            "` is a mean, share or ratio; evidence checks take stocks (a mean "
                            "over the window's months) and flows (a sum)");
            continue;
        }
        const MeasureKind mk = k == Lookup::Stock ? MeasureKind::Stock : MeasureKind::Flow;
        if (kind && *kind != mk) {
            error(node, where +
                            ": the measures summed in one check must all be stocks or all "
                            "flows; `" +
                            m + "` is not like the first");
        }
        kind = kind.value_or(mk);
    }
    e.kind = kind.value_or(MeasureKind::Stock);
    if (e.label.empty()) {
        for (const auto& m : e.measures) {
            e.label += (e.label.empty() ? "" : " + ") + m;
        }
    }
}

void Reader::read_expected(const toml::node& node, EvidenceExpectation& e,
                           const std::string& where) {
    static const std::map<std::string, ExpectKind, std::less<>> kWords{
        {"positive", ExpectKind::Positive},
        {"negative", ExpectKind::Negative},
        {"zero", ExpectKind::Zero},
        {"not_negative", ExpectKind::NotNegative},
        {"not_positive", ExpectKind::NotPositive}};
    const std::string what = where +
                             ": `expect` must be one of \"positive\", \"negative\", \"zero\", "
                             "\"not_negative\", \"not_positive\", a number or a range [LOW, HIGH]";
    if (node.is_string()) {
        const std::string word = *node.value<std::string>();
        const auto it = kWords.find(word);
        if (it == kWords.end()) {
            error(node, what + ", not \"" + word + "\"");
            return;
        }
        e.expect = it->second;
        return;
    }
    e.expect = ExpectKind::Range;
    if (node.is_number()) {
        e.low = e.high = *node.value<double>();
        return;
    }
    const toml::array* arr = node.as_array();
    if (arr == nullptr || arr->size() != 2 || !arr->get(0)->is_number() ||
        !arr->get(1)->is_number()) {
        error(node, what);
        return;
    }
    e.low = *arr->get(0)->value<double>();
    e.high = *arr->get(1)->value<double>();
    if (std::isnan(e.low) || std::isnan(e.high) || e.low > e.high) {
        error(node, where + ": `expect` [LOW, HIGH] needs LOW <= HIGH (and no nan)");
    }
}

void Reader::read_expectation(const toml::table& table, EvidenceExpectation& e,
                              const std::string& where) {
    only_keys(table,
              {"measure", "label", "divide_by", "window", "difference", "expect", "tolerance"},
              where);
    e.place = place_of(table);
    if (const auto l = string(table, "label", where)) {
        e.label = *l;
    }
    if (const toml::node* m = table.get("measure")) {
        read_measures(*m, e, where);
    } else {
        error(table, where + ": missing `measure` (a measure name of output/SCHEMA.md)");
    }
    if (const auto d = number(table, "divide_by", where)) {
        if (!(*d > 0.0) || !std::isfinite(*d)) {
            error(*table.get("divide_by"), where + ": `divide_by` must be a positive number");
        } else {
            e.divide_by = *d;
        }
    }
    if (auto w = window(table, e.window_place, where)) {
        e.window = *w;
    }
    if (const auto d = string(table, "difference", where)) {
        if (*d == "absolute" || *d == "relative") {
            e.difference = *d == "absolute" ? Difference::Absolute : Difference::Relative;
        } else {
            error(*table.get("difference"),
                  where + ": `difference` must be \"absolute\" or \"relative\", not \"" + *d +
                      "\"");
        }
    }
    if (const toml::node* x = table.get("expect")) {
        read_expected(*x, e, where);
    } else {
        error(table, where + ": missing `expect` (\"positive\", \"negative\", \"zero\", "
                             "\"not_negative\", \"not_positive\", a number or [LOW, HIGH])");
    }
    const toml::node* tol = table.get("tolerance");
    if (const auto t = number(table, "tolerance", where)) {
        if (!(*t >= 0.0) || !std::isfinite(*t)) {
            error(*tol, where + ": `tolerance` must be a finite number >= 0, in the unit of the "
                                "difference (a fraction for a relative one)");
        } else {
            e.tolerance = *t;
        }
    } else if (tol == nullptr && e.expect == ExpectKind::Range && e.low == e.high) {
        error(table, where + ": an expected value needs a `tolerance` (how far the simulated "
                             "mean may be from it)");
    }
}

void Reader::read_check(const toml::table& table, EvidenceCheck& check) {
    check.place = place_of(table);
    const auto name = string(table, "name", "[[check]]");
    std::string where = "[[check]]";
    if (!name) {
        if (table.get("name") == nullptr) {
            error(table, "[[check]]: missing `name`");
        }
    } else if (name->empty() || !std::all_of(name->begin(), name->end(), [](char c) {
                   return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
               })) {
        error(*table.get("name"), "[[check]]: `name` must be lower-case letters, digits and _");
    } else {
        check.name = *name;
        where = "check `" + *name + "`";
    }
    only_keys(table, {"name", "enabled", "reason", "source", "base", "change", "window", "expect"},
              where);
    if (const toml::node* en = table.get("enabled")) {
        if (en->is_boolean()) {
            check.enabled = *en->value<bool>();
        } else {
            error(*en, where + ": `enabled` must be true or false");
        }
    }
    check.reason = string(table, "reason", where).value_or("");
    if (!check.enabled && check.reason.empty()) {
        error(table, where + ": a check with `enabled = false` needs a `reason`");
    }
    check.source = string(table, "source", where).value_or("");
    if (check.source.empty() && !table.contains("source")) {
        error(table, where + ": missing `source` (the DOMAIN.md section or paper behind it)");
    }
    read_scenario(table, "base", check.base, where);
    if (!read_scenario(table, "change", check.change, where)) {
        error(table, where + ": missing `change` (a table with `scenario` and/or `set`)");
    }
    if (table.get("change") == nullptr || table.get("change")->as_table() == nullptr ||
        !table.get("change")->as_table()->contains("scenario")) {
        check.change.scenario = check.base.scenario;
        check.change.scenario_place = check.base.scenario_place;
    }
    MonthWindow window = default_window_;
    Place window_place = check.place;
    if (auto w = this->window(table, window_place, where)) {
        window = *w;
    }
    const toml::node* expect = table.get("expect");
    const toml::array* arr = expect == nullptr ? nullptr : expect->as_array();
    if (arr == nullptr || arr->empty() || !arr->is_array_of_tables()) {
        error(expect == nullptr ? static_cast<const toml::node&>(table) : *expect,
              where + ": needs at least one [[check.expect]] table");
        return;
    }
    for (const toml::node& n : *arr) {
        EvidenceExpectation e;
        e.window = window;
        e.window_place = window_place;
        read_expectation(*n.as_table(), e,
                         where + " expect " + std::to_string(check.expect.size() + 1));
        check.expect.push_back(std::move(e));
    }
}

void Reader::read(std::string_view text, EvidenceFile& out) {
    toml::table root;
    try {
        root = toml::parse(text, std::string_view(display_));
    } catch (const toml::parse_error& e) {
        error(Place{static_cast<int>(e.source().begin.line),
                    static_cast<int>(e.source().begin.column)},
              "TOML syntax: " + std::string(e.description()));
        return;
    }
    only_keys(root, {"run", "check"}, "the evidence file");
    if (const toml::node* run = root.get("run")) {
        if (const toml::table* t = run->as_table()) {
            read_run(*t, out);
        } else {
            error(*run, "`run` must be a table ([run])");
        }
    }
    const toml::node* checks = root.get("check");
    const toml::array* arr = checks == nullptr ? nullptr : checks->as_array();
    if (arr == nullptr || !arr->is_array_of_tables() || arr->empty()) {
        error(checks == nullptr ? Place{1, 1} : place_of(*checks),
              "the evidence file needs at least one [[check]] table");
        return;
    }
    std::set<std::string> names;
    for (const toml::node& n : *arr) {
        EvidenceCheck check;
        read_check(*n.as_table(), check);
        if (!check.name.empty() && !names.insert(check.name).second) {
            error(check.place, "check `" + check.name + "` is defined twice");
        }
        out.checks.push_back(std::move(check));
    }
}

} // namespace

std::string MonthWindow::to_string() const {
    if (last_month) {
        return "last";
    }
    return from == to ? year_month_text(from) : year_month_text(from) + ".." + year_month_text(to);
}

std::optional<MonthWindow> parse_month_window(std::string_view text, std::string& why) {
    MonthWindow w;
    if (text == "last") {
        w.last_month = true;
        return w;
    }
    const auto dots = text.find("..");
    const auto from = parse_year_month(text.substr(0, dots));
    const auto to = dots == std::string_view::npos ? from : parse_year_month(text.substr(dots + 2));
    if (!from || !to) {
        why = "expected months as YYYY-MM..YYYY-MM, YYYY-MM or \"last\", got \"" +
              std::string(text) + "\"";
        return std::nullopt;
    }
    if (*to < *from) {
        why = "the window ends before it starts: \"" + std::string(text) + "\"";
        return std::nullopt;
    }
    w.from = *from;
    w.to = *to;
    return w;
}

EvidenceFile parse_evidence(std::string_view text, const std::string& display,
                            const std::string& folder) {
    EvidenceFile out;
    out.display = display;
    out.folder = folder;
    if (text.size() > kMaxInputBytes) {
        throw ConfigError({Diagnostic{display, 1, 1, "input too large (over 4 MiB)"}});
    }
    Reader reader(display);
    reader.read(text, out);
    std::vector<Diagnostic> diags = reader.take();
    if (!diags.empty()) {
        sort_and_dedup(diags, {display});
        throw ConfigError(std::move(diags));
    }
    return out;
}

EvidenceFile load_evidence(const std::string& file) {
    if (file.empty()) {
        EvidenceFile f =
            parse_evidence(builtin_evidence_text(), "configs/evidence.toml (built in)", "");
        f.builtin = true;
        return f;
    }
    std::ifstream in(file, std::ios::binary);
    std::error_code ec;
    if (!in || fs::is_directory(file, ec)) {
        throw ConfigError({Diagnostic{file, 0, 0, "cannot read the evidence file"}});
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_evidence(text.str(), file, fs::path(file).parent_path().string());
}

} // namespace kokeilu::scenario
