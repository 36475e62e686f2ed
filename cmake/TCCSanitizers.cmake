# What a sanitized build (LLVM_USE_SANITIZER, set by scripts/sanitize.sh)
# needs beyond HandleLLVMOptions' compile flags.
#
# Model libraries are loaded into processes tcc did not build (Python, a
# user's C program), so everything uses clang's *shared* ASan runtime: the
# tools and tests link it with -shared-libasan, and the driver links each
# model library against it (TCC_MODEL_LINK_FLAGS), so a model's runtime code
# is checked in whatever process loads it. Processes not built with ASan
# preload it (the lit configuration sets LD_PRELOAD).
set(TCC_MODEL_LINK_FLAGS "" CACHE INTERNAL "Extra flags the driver links models with")
set(TCC_ASAN_RUNTIME "" CACHE INTERNAL "The shared ASan runtime of a sanitized build")
if(NOT LLVM_USE_SANITIZER MATCHES "Address")
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "A sanitized tcc build needs clang (scripts/sanitize.sh "
                      "configures it with clang-22)")
endif()
execute_process(COMMAND ${CMAKE_CXX_COMPILER} --print-runtime-dir
  OUTPUT_VARIABLE runtime_dir OUTPUT_STRIP_TRAILING_WHITESPACE)
set(asan ${runtime_dir}/libclang_rt.asan-${CMAKE_SYSTEM_PROCESSOR}.so)
if(NOT EXISTS ${asan})
  message(FATAL_ERROR "No shared ASan runtime at ${asan} (install libclang-rt-22-dev)")
endif()
add_link_options(-shared-libasan LINKER:-rpath,${runtime_dir})
set(TCC_ASAN_RUNTIME ${asan} CACHE INTERNAL "")
set(TCC_MODEL_LINK_FLAGS "${asan};-Wl,-rpath,${runtime_dir}" CACHE INTERNAL "")
message(STATUS "Sanitized build (${LLVM_USE_SANITIZER}), ASan runtime ${asan}")
