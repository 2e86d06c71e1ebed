// Loads a model through the installed library and prints its name and journey count.
#include <journeysim/load.hpp>

#include <cstdio>

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    try {
        const auto loaded = journeysim::load_model_file(argv[1]);
        std::printf("%s: %zu journeys\n", loaded.model->name.c_str(),
                    loaded.model->journeys.size());
        return 0;
    } catch (const journeysim::InputError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
