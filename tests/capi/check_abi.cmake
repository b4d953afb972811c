# cmake -DABIDIFF=abidiff -DLIB=libcognito_c.so -DBASELINE=capi/abi/libcognito_c.abi
#       -DHEADERS=<build>/capi/include/cognito -P check_abi.cmake
#
# Compares the built library's exported interface with the checked-in ABI
# baseline (libabigail's abidiff). Fails on anything incompatible: a removed
# function, variable or symbol, or a changed one (parameter or return types,
# struct layouts reachable from the API). Added functions are compatible:
# the test passes and prints them — regenerate the baseline with
# `cmake --build <dir> --target cognito_c_abi_baseline` (see capi/abi/README.md).
# Without abidiff the test is skipped (exit 77), never passed.
cmake_minimum_required(VERSION 3.25)
if(NOT ABIDIFF)
  message(STATUS "abidiff not found (Debian: apt-get install abigail-tools): skipped")
  cmake_language(EXIT 77)
endif()
if(NOT DEBUG_INFO)
  message(STATUS "the library is built without debug information (abidiff needs DWARF): skipped")
  cmake_language(EXIT 77)
endif()
if(NOT EXISTS "${BASELINE}")
  message(FATAL_ERROR "no ABI baseline at ${BASELINE}: run cmake --build <dir> --target cognito_c_abi_baseline")
endif()
execute_process(COMMAND "${ABIDIFF}" --exported-interfaces-only --headers-dir2 "${HEADERS}" "${BASELINE}" "${LIB}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc MATCHES "^[0-9]+$")
  message(FATAL_ERROR "abidiff did not run: ${rc}")
endif()
# Exit status bits: 1 error, 2 usage error, 4 ABI change, 8 incompatible change.
math(EXPR error "${rc} & 3")
math(EXPR incompatible "${rc} & 8")
if(error)
  message(FATAL_ERROR "abidiff failed (exit ${rc})")
endif()
if(incompatible)
  message(FATAL_ERROR "INCOMPATIBLE ABI change against ${BASELINE} (exit ${rc}): see the report above")
endif()
# abidiff reports changed signatures as a mere "ABI change" (bit 4): read the
# summaries and accept additions only.
set(bad FALSE)
foreach(what "Functions changes summary" "Variables changes summary")
  if(out MATCHES "${what}: ([0-9]+) Removed(, [0-9]+ Removed \\(filtered\\))?, ([0-9]+) Changed")
    if(NOT CMAKE_MATCH_1 EQUAL 0 OR NOT CMAKE_MATCH_3 EQUAL 0)
      set(bad TRUE)
    endif()
  endif()
endforeach()
foreach(what "Function symbols changes summary" "Variable symbols changes summary")
  if(out MATCHES "${what}: ([0-9]+) Removed")
    if(NOT CMAKE_MATCH_1 EQUAL 0)
      set(bad TRUE)
    endif()
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "INCOMPATIBLE ABI change against ${BASELINE}: removed or changed interfaces (report above). "
                      "Within ABI version 1 only additions are allowed.")
endif()
math(EXPR changed "${rc} & 4")
if(changed)
  message(STATUS "compatible ABI change (additions only); regenerate the baseline when releasing")
else()
  message(STATUS "ABI identical to the baseline")
endif()
