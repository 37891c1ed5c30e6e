# cmake --install build --prefix P: the tools in P/bin and their man pages
# (tools/CMakeLists.txt), the static libraries and their public headers,
# and a CMake package (find_package(
# qsvtc) gives qsvtc::qsvtc and qsvtc::qsvtc_runtime; cmake/qsvtcConfig.cmake.in).
# test/Install/ builds an out-of-tree consumer against such a tree.
include(CMakePackageConfigHelpers)

install(TARGETS tool-qsvt-approx tool-qsp-phases tool-qsvtc tool-qsvt-opt tool-qsvt-verify
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS qsvtc qsvtc_runtime EXPORT qsvtcTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/qsvtc DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(QSVTC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/qsvtc)
install(EXPORT qsvtcTargets NAMESPACE qsvtc:: DESTINATION ${QSVTC_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/qsvtcConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/qsvtcConfig.cmake
                              INSTALL_DESTINATION ${QSVTC_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/qsvtcConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/qsvtcConfig.cmake ${PROJECT_BINARY_DIR}/qsvtcConfigVersion.cmake
        DESTINATION ${QSVTC_CMAKE_DIR})
