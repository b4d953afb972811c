# cmake -P: install the build into PREFIX, then build and run a C program
# against it twice: with find_package(cognito) + cognito::cognito_c, and with
# the compiler flags from pkg-config (cognito_c.pc). WITH_CURL (0/1): whether the
# build has libcurl; without it the program must bring its own transport.
cmake_minimum_required(VERSION 3.25)
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
endfunction()

file(REMOVE_RECURSE ${PREFIX} ${CONSUMER_BUILD})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})
if(NOT EXISTS ${PREFIX}/include/cognito/cognito.h OR NOT EXISTS ${PREFIX}/include/cognito/module.modulemap)
  message(FATAL_ERROR "cognito.h / module.modulemap not installed under ${PREFIX}/include/cognito")
endif()
run(${CMAKE_COMMAND} -S ${CONSUMER_SRC} -B ${CONSUMER_BUILD} -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${CONSUMER_BUILD})
run(${CONSUMER_BUILD}/consumer_c)

find_program(PKG_CONFIG pkg-config)
if(PKG_CONFIG AND C_COMPILER)
  file(GLOB pcdir ${PREFIX}/lib*/pkgconfig ${PREFIX}/lib/*/pkgconfig)
  set(ENV{PKG_CONFIG_PATH} "${pcdir}")
  execute_process(COMMAND ${PKG_CONFIG} --cflags --libs cognito_c OUTPUT_VARIABLE flags RESULT_VARIABLE rc
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config cannot find cognito_c in ${pcdir}")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  get_filename_component(libdir "${pcdir}" DIRECTORY)
  run(${C_COMPILER} -std=c99 -Wall -Wextra -pedantic -Werror -DCONSUMER_WITH_CURL=${WITH_CURL} ${CONSUMER_SRC}/main.c ${flags}
      -Wl,-rpath,${libdir} -o ${CONSUMER_BUILD}/consumer_c_pkgconfig)
  run(${CONSUMER_BUILD}/consumer_c_pkgconfig)
endif()
