# Every dependency comes from Debian's packages (see scripts/setup.sh).
find_package(Boost 1.74 REQUIRED)  # Boost.Graph and Boost.Random are header-only here
find_package(nlohmann_json 3.10 REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(GVC REQUIRED IMPORTED_TARGET libgvc libcgraph)
