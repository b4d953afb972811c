# cmake -P script: install, then configure/build/run the consumer project.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
endfunction()

file(REMOVE_RECURSE ${PREFIX} ${CONSUMER_BUILD})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})
run(${CMAKE_COMMAND} -S ${CONSUMER_SRC} -B ${CONSUMER_BUILD} -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${CONSUMER_BUILD})
run(${CONSUMER_BUILD}/consumer_shared)
run(${CONSUMER_BUILD}/consumer_static)

# pkg-config: compile and link the same program by hand.
find_program(PKG_CONFIG pkg-config)
find_program(CXX_COMPILER NAMES c++ g++)
if(PKG_CONFIG AND CXX_COMPILER)
  file(GLOB pcdir ${PREFIX}/lib*/pkgconfig ${PREFIX}/lib/*/pkgconfig)
  set(ENV{PKG_CONFIG_PATH} "${pcdir}")
  execute_process(COMMAND ${PKG_CONFIG} --cflags --libs cognito OUTPUT_VARIABLE flags RESULT_VARIABLE rc
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config cannot find cognito in ${pcdir}")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  string(REGEX REPLACE "^-L" "" libdir "${pcdir}")
  get_filename_component(libdir "${pcdir}" DIRECTORY)
  run(${CXX_COMPILER} -std=c++17 ${CONSUMER_SRC}/main.cpp ${flags} -Wl,-rpath,${libdir}
      -o ${CONSUMER_BUILD}/consumer_pkgconfig)
  run(${CONSUMER_BUILD}/consumer_pkgconfig)
endif()
