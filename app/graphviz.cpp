// dot_to_svg with libgvc.
#include "app/graphviz.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <memory>
#include <mutex>
#include <stdexcept>

namespace kokeilu::app {

std::string dot_to_svg(const std::string& dot_text) {
    // Graphviz keeps global state: one layout at a time, and one context for the whole
    // process. (Graphviz 2.42 caches font names across contexts: freeing a context and making
    // another reads freed memory, found by AddressSanitizer.)
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    // Freed once, at exit.
    static const std::unique_ptr<GVC_t, int (*)(GVC_t*)> context(gvContext(), gvFreeContext);
    if (!context) {
        throw std::runtime_error("graphviz: cannot create a context");
    }
    GVC_t* const gvc = context.get();
    std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(agmemread(dot_text.c_str()), agclose);
    if (!graph) {
        throw std::runtime_error("graphviz: the DOT text does not parse");
    }
    if (gvLayout(gvc, graph.get(), "dot") != 0) {
        throw std::runtime_error("graphviz: the layout failed");
    }
    char* data = nullptr;
    unsigned int length = 0;
    const int rendered = gvRenderData(gvc, graph.get(), "svg", &data, &length);
    std::string svg = rendered == 0 && data != nullptr ? std::string(data, length) : std::string();
    if (data != nullptr) {
        gvFreeRenderData(data);
    }
    gvFreeLayout(gvc, graph.get());
    if (rendered != 0 || svg.empty()) {
        throw std::runtime_error("graphviz: rendering SVG failed");
    }
    // Inline SVG in HTML: drop everything before the <svg element.
    if (const auto start = svg.find("<svg"); start != std::string::npos) {
        svg.erase(0, start);
    }
    return svg;
}

} // namespace kokeilu::app
