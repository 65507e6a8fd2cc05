# The rooms of the tree. docs/architecture-graph.txt names each room's library, folder and
# the rooms and Qt modules it may use; this file reads it once at configure time, and
# mdnscope_add_library() links each library with exactly those (public, so a room's
# headers may name their types). A room that is not linked cannot be included: its folder
# is not on the include path, so a forbidden arrow fails to build. tst_architecture checks
# every #include against the same file.

file(STRINGS ${PROJECT_SOURCE_DIR}/docs/architecture-graph.txt _mdnscope_graph_lines
    REGEX "^[A-Za-z]")
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/docs/architecture-graph.txt)
foreach(_line IN LISTS _mdnscope_graph_lines)
    string(REGEX REPLACE "[ \t]+" ";" _fields "${_line}")
    list(POP_FRONT _fields _library _folder)
    set_property(GLOBAL PROPERTY MDNSCOPE_LINKS_${_library} ${_fields})
    set_property(GLOBAL PROPERTY MDNSCOPE_FOLDER_${_library} ${_folder})
endforeach()

# mdnscope_room_links(<library> <out-var>): what the graph lets <library> use.
function(mdnscope_room_links library out)
    get_property(known GLOBAL PROPERTY MDNSCOPE_FOLDER_${library} SET)
    if(NOT known)
        message(FATAL_ERROR "${library} is not a room of docs/architecture-graph.txt")
    endif()
    get_property(links GLOBAL PROPERTY MDNSCOPE_LINKS_${library})
    set(${out} ${links} PARENT_SCOPE)
endfunction()

# mdnscope_add_library(<name> SOURCES <files...>): the room's static library of the
# sources in the current folder (listed by name); its folder is its public include directory.
function(mdnscope_add_library name)
    cmake_parse_arguments(L "" "" "SOURCES" ${ARGN})
    mdnscope_room_links(${name} links)
    qt_add_library(${name} STATIC ${L_SOURCES})
    target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${links} PRIVATE mdnscope_options)
    mdnscope_collect_sources(${L_SOURCES})
endfunction()

# mdnscope_collect_sources(<files...>): relative to the current folder; lupdate reads them.
function(mdnscope_collect_sources)
    set(paths ${ARGN})
    list(TRANSFORM paths PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/)
    set_property(GLOBAL APPEND PROPERTY MDNSCOPE_SOURCES ${paths})
endfunction()
