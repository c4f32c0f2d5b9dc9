# ASan+UBSan for the whole tree; CI runs the unit tests under it.
if(GALGUARD_SANITIZE)
  set(galguard_san_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined
                         -fno-omit-frame-pointer)
  add_compile_options(${galguard_san_flags})
  # GCC 12's -Wmaybe-uninitialized misfires inside libstdc++'s <regex> once the sanitizers
  # instrument it (std::function moves in regex_automaton.h); the normal build keeps it on.
  add_compile_options(-Wno-maybe-uninitialized)
  add_link_options(${galguard_san_flags})
endif()

# libFuzzer needs clang; the fuzz targets also carry ASan/UBSan.
if(GALGUARD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "GALGUARD_FUZZ needs clang (CXX=clang++)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
