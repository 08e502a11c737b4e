# `cmake --install BUILD --prefix PREFIX`: the vitrum binary, the Python package, the plot scripts, the recipes and the
# GFA reference data, laid out so that nothing is looked up in the source tree (core/install_paths.hpp):
#   PREFIX/bin/vitrum
#   PREFIX/share/vitrum/scripts/plot_*.py, recipes/*.toml, data/gfa/ (a copy of VITRUM_GFA_DATA, with its README)
#   PREFIX/${VITRUM_PYTHON_INSTALL_DIR}/vitrum/ (import with PYTHONPATH=PREFIX/${VITRUM_PYTHON_INSTALL_DIR} unless
#   PREFIX is /usr or /usr/local, whose dist-packages Debian's /usr/bin/python3 already reads)
set(VITRUM_PYTHON_INSTALL_DIR lib/python3/dist-packages CACHE STRING "Where the Python package goes, under the prefix")

install(TARGETS vitrum RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scripts/ DESTINATION share/vitrum/scripts FILES_MATCHING PATTERN "plot_*.py")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/recipes/ DESTINATION share/vitrum/recipes)
install(FILES ${PROJECT_SOURCE_DIR}/docs/data-licences.md DESTINATION share/vitrum)
option(VITRUM_INSTALL_GFA_DATA "Copy the GFA reference data into share/vitrum/data/gfa (see docs/data-licences.md)" ON)
if(VITRUM_INSTALL_GFA_DATA AND IS_DIRECTORY ${VITRUM_GFA_DATA})
  install(DIRECTORY ${VITRUM_GFA_DATA}/ DESTINATION share/vitrum/data/gfa)
endif()

install(TARGETS vitrum_python LIBRARY DESTINATION ${VITRUM_PYTHON_INSTALL_DIR}/vitrum)
file(GLOB VITRUM_PYTHON_INSTALL_FILES ${PROJECT_SOURCE_DIR}/python/vitrum/*.py ${PROJECT_SOURCE_DIR}/python/vitrum/*.pyi
     ${PROJECT_SOURCE_DIR}/python/vitrum/py.typed)
install(FILES ${VITRUM_PYTHON_INSTALL_FILES} DESTINATION ${VITRUM_PYTHON_INSTALL_DIR}/vitrum)
