# tcc_add_model(<target> SOURCES <model.th>
#               [DEVICE cpu|cuda] [FLAGS <tcc option>...]
#               [HEADER <name.h>] [DUMP_IR_DIR <dir>])
#
# Compiles a .th model with tcc at build time into lib<target>.so and its C
# header, and makes <target> a library to link against:
#
#   tcc_add_model(regression SOURCES regression.th FLAGS -O3)
#   add_executable(app main.c)
#   target_link_libraries(app PRIVATE regression)   # #include "regression.h"
#
# The model is named <target>: the C++ wrappers are in namespace <target>.
#
# The model is rebuilt when the .th file or tcc changes. FLAGS are tcc
# command-line options (`--floatX=float32`, `-O3`, `--optimizer=fast_compile`);
# a user's ~/.tccrc and TCC_FLAGS are not read, so a build does not depend on
# who runs it. HEADER names the generated header (default <target>.h);
# DUMP_IR_DIR receives the IR after every pass (tcc --dump-dir).
#
# Works with the installed package (find_package(TCC)) and in a build that
# adds the tcc source tree with add_subdirectory: both define TCC::tcc.

function(tcc_add_model target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "DEVICE;HEADER;DUMP_IR_DIR"
                        "SOURCES;FLAGS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR
      "tcc_add_model(${target}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  list(LENGTH ARG_SOURCES num_sources)
  if(NOT num_sources EQUAL 1)
    message(FATAL_ERROR
      "tcc_add_model(${target}): SOURCES takes exactly one .th file "
      "(a model is one program), got '${ARG_SOURCES}'")
  endif()
  if(NOT TARGET TCC::tcc)
    message(FATAL_ERROR
      "tcc_add_model(${target}): TCC::tcc is not defined; use "
      "find_package(TCC) or add_subdirectory(<tcc source>) first")
  endif()
  if(NOT ARG_DEVICE)
    set(ARG_DEVICE cpu)
  endif()
  if(NOT ARG_DEVICE MATCHES "^(cpu|cuda)$")
    message(FATAL_ERROR
      "tcc_add_model(${target}): DEVICE must be cpu or cuda, got '${ARG_DEVICE}'")
  endif()
  if(NOT ARG_HEADER)
    set(ARG_HEADER ${target}.h)
  endif()

  cmake_path(ABSOLUTE_PATH ARG_SOURCES BASE_DIRECTORY
             ${CMAKE_CURRENT_SOURCE_DIR} OUTPUT_VARIABLE source)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/tcc_models/${target})
  set(library ${dir}/lib${target}.so)
  set(header ${dir}/include/${ARG_HEADER})
  # An imported target's include directory must exist when CMake generates.
  file(MAKE_DIRECTORY ${dir}/include)

  set(options --model-name=${target} --device=${ARG_DEVICE} ${ARG_FLAGS})
  if(ARG_DUMP_IR_DIR)
    cmake_path(ABSOLUTE_PATH ARG_DUMP_IR_DIR BASE_DIRECTORY
               ${CMAKE_CURRENT_BINARY_DIR} OUTPUT_VARIABLE dump_dir)
    list(APPEND options --dump-dir=${dump_dir})
  endif()

  # In a build of tcc itself the runtime archive is a target too: a change to
  # it relinks the model (an install replaces tcc with it).
  set(depends ${source} TCC::tcc)
  if(TARGET tccrt)
    list(APPEND depends tccrt $<TARGET_FILE:tccrt>)
  endif()

  add_custom_command(
    OUTPUT ${library} ${header}
    COMMAND ${CMAKE_COMMAND} -E env TCCRC= TCC_FLAGS= TCC_OPTIONS=
            $<TARGET_FILE:TCC::tcc> ${source} ${options} -o ${library}
    COMMAND ${CMAKE_COMMAND} -E env TCCRC= TCC_FLAGS= TCC_OPTIONS=
            $<TARGET_FILE:TCC::tcc> ${source} ${options} --emit=header
            -o ${header}
    DEPENDS ${depends}
    COMMENT "Compiling model ${ARG_SOURCES} with tcc"
    VERBATIM)
  add_custom_target(${target}_tcc_compile ALL DEPENDS ${library} ${header})

  add_library(${target} SHARED IMPORTED GLOBAL)
  set_target_properties(${target} PROPERTIES
    IMPORTED_LOCATION ${library}
    IMPORTED_SONAME lib${target}.so
    INTERFACE_INCLUDE_DIRECTORIES ${dir}/include
    INTERFACE_LINK_LIBRARIES TCC::runtime
    TCC_MODEL_SOURCE ${source}
    TCC_MODEL_HEADER ${header})
  add_dependencies(${target} ${target}_tcc_compile)
endfunction()
