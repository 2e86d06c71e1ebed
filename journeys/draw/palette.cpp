// The diagrams' palette: journeys/draw/palette.json, built in as text (kPaletteJson) and read
// once on first use.
#include <journeysim/draw.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace journeysim {

namespace draw_detail {
extern const char* const kPaletteJson;
}  // namespace draw_detail

namespace {

struct Palette {
    std::map<std::string, DiagramColours, std::less<>> elements;
    std::map<std::string, std::string, std::less<>> colours;
};

const Palette& palette() {
    static const Palette kPalette = [] {
        const nlohmann::json data = nlohmann::json::parse(draw_detail::kPaletteJson);
        Palette p;
        for (const auto& [name, colours] : data.at("elements").items())
            p.elements.emplace(name, DiagramColours{colours.at("fill").get<std::string>(),
                                                    colours.at("line").get<std::string>()});
        for (const auto& [name, colour] : data.at("colours").items())
            p.colours.emplace(name, colour.get<std::string>());
        return p;
    }();
    return kPalette;
}

template <typename Map>
const typename Map::mapped_type& look_up(const Map& map, std::string_view name, const char* what) {
    const auto it = map.find(name);
    if (it == map.end())
        throw std::out_of_range("journeys/draw/palette.json has no " + std::string(what) + " \"" +
                                std::string(name) + "\"");
    return it->second;
}

}  // namespace

const DiagramColours& diagram_colours(std::string_view element) {
    return look_up(palette().elements, element, "element");
}

const std::string& diagram_colour(std::string_view name) {
    return look_up(palette().colours, name, "colour");
}

}  // namespace journeysim
