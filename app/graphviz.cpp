// dot_to_svg with libgvc.
#include "app/graphviz.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <memory>
#include <mutex>
#include <stdexcept>

namespace kokeilu::app {

std::string dot_to_svg(const std::string& dot_text) {
    // Graphviz keeps global state: one layout at a time.
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    std::unique_ptr<GVC_t, int (*)(GVC_t*)> gvc(gvContext(), gvFreeContext);
    if (!gvc) {
        throw std::runtime_error("graphviz: cannot create a context");
    }
    std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(agmemread(dot_text.c_str()), agclose);
    if (!graph) {
        throw std::runtime_error("graphviz: the DOT text does not parse");
    }
    if (gvLayout(gvc.get(), graph.get(), "dot") != 0) {
        throw std::runtime_error("graphviz: the layout failed");
    }
    char* data = nullptr;
    unsigned int length = 0;
    const int rendered = gvRenderData(gvc.get(), graph.get(), "svg", &data, &length);
    std::string svg = rendered == 0 && data != nullptr ? std::string(data, length) : std::string();
    if (data != nullptr) {
        gvFreeRenderData(data);
    }
    gvFreeLayout(gvc.get(), graph.get());
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
