# Installs the libraries, the public headers, the CLI and a CMake package so that other
# projects can use `find_package(journeysim)` and link `journeysim::journeys` / `journeysim::sim`.
include(CMakePackageConfigHelpers)

set(JOURNEYSIM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/journeysim)
set(_journeysim_libs journeysim_journeys journeysim_sim)
if(TARGET journeysim_report)
  list(APPEND _journeysim_libs journeysim_report)
endif()

install(TARGETS ${_journeysim_libs}
  EXPORT journeysimTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/journeysim DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT journeysimTargets NAMESPACE journeysim:: DESTINATION ${JOURNEYSIM_CMAKE_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/journeysimConfig.cmake.in
  ${PROJECT_BINARY_DIR}/journeysimConfig.cmake
  INSTALL_DESTINATION ${JOURNEYSIM_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/journeysimConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/journeysimConfig.cmake
  ${PROJECT_BINARY_DIR}/journeysimConfigVersion.cmake
  DESTINATION ${JOURNEYSIM_CMAKE_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/schema/model.schema.json
  DESTINATION ${CMAKE_INSTALL_DATADIR}/journeysim/schema)
