# cmake -P script: a build with COGNITO_WITH_CURL=OFF links, installs, and asks
# nothing of libcurl: no NEEDED libcurl and no curl_* symbol in libcognito.so /
# libcognito_c.so, no curl_* reference in libcognito.a, and an installed
# package (cognitoConfig.cmake, cognitoTargets.cmake, cognito.pc) that does not
# require it.
#
#   -DBUILD_DIR=<dir>    check this build (configured with COGNITO_WITH_CURL=OFF)
#   -DSOURCE_DIR=<dir> -DSCRATCH=<dir> [-DGENERATOR= -DC_COMPILER= -DCXX_COMPILER=]
#                        first configure and build only the libraries that way
#                        in SCRATCH (Debug; reused between runs)
#   -DPREFIX=<dir> -DNM=<nm> -DREADELF=<readelf>
cmake_minimum_required(VERSION 3.25)
# run(<command...>): stops the script if the command fails; its standard output in `out`.
macro(run)
  execute_process(COMMAND ${ARGN} OUTPUT_VARIABLE out COMMAND_ERROR_IS_FATAL ANY)
endmacro()

if(NOT BUILD_DIR)
  set(BUILD_DIR ${SCRATCH})
  set(compilers)
  foreach(lang C CXX)
    if(${lang}_COMPILER)
      list(APPEND compilers -DCMAKE_${lang}_COMPILER=${${lang}_COMPILER})
    endif()
  endforeach()
  string(TIMESTAMP t0 "%s")
  run(${CMAKE_COMMAND} --fresh -S ${SOURCE_DIR} -B ${BUILD_DIR} -G ${GENERATOR} ${compilers}
      -DCMAKE_BUILD_TYPE=Debug -DCOGNITO_WITH_CURL=OFF -DCOGNITO_BUILD_TESTS=OFF
      -DCOGNITO_BUILD_EXAMPLES=OFF -DCOGNITO_BUILD_BENCHMARKS=OFF)
  run(${CMAKE_COMMAND} --build ${BUILD_DIR} --parallel 2)
  string(TIMESTAMP t1 "%s")
  math(EXPR secs "${t1} - ${t0}")
  message(STATUS "configured and built the libraries without libcurl in ${secs} s")
endif()

file(REMOVE_RECURSE ${PREFIX})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})

set(problems)
file(GLOB_RECURSE shared ${PREFIX}/lib*/libcognito.so ${PREFIX}/lib*/libcognito_c.so)
file(GLOB_RECURSE static ${PREFIX}/lib*/libcognito.a)
if(NOT shared OR NOT static)
  message(FATAL_ERROR "libcognito.so / libcognito_c.so / libcognito.a not installed under ${PREFIX}")
endif()
foreach(lib ${shared})
  run(${READELF} -d ${lib})
  if(out MATCHES "NEEDED[^\n]*curl")
    list(APPEND problems "${lib} needs libcurl")
  endif()
  run(${NM} -D ${lib})
  if(out MATCHES "(^|\n)[^\n]* [A-Za-z] curl_")
    list(APPEND problems "${lib} uses or exports curl_* symbols")
  endif()
endforeach()
run(${NM} ${static})
if(out MATCHES "(^|\n)[^\n]* [A-Za-z] curl_")
  list(APPEND problems "${static} refers to curl_* symbols")
endif()

file(GLOB_RECURSE package ${PREFIX}/lib*/cmake/cognito/*.cmake)
file(GLOB_RECURSE pcfiles ${PREFIX}/lib*/pkgconfig/*.pc)
if(NOT package OR NOT pcfiles)
  message(FATAL_ERROR "CMake package / pkg-config files not installed under ${PREFIX}")
endif()
foreach(f ${package} ${pcfiles})
  file(READ ${f} text)
  if(text MATCHES "CURL::|(Requires|Libs)[^\n]*curl")
    list(APPEND problems "${f} asks for libcurl")
  endif()
endforeach()
list(FILTER package INCLUDE REGEX "/cognitoConfig.cmake$")
file(READ "${package}" text)
if(NOT text MATCHES "set\\(COGNITO_WITH_CURL OFF\\)")
  list(APPEND problems "${package} does not say COGNITO_WITH_CURL OFF")
endif()

if(problems)
  list(JOIN problems "\n  " problems)
  message(FATAL_ERROR "built with COGNITO_WITH_CURL=OFF, but:\n  ${problems}")
endif()
message(STATUS "without libcurl: libraries and installed package free of libcurl")
