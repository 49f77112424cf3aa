# Curated warnings, sanitizers and checked-build switch, applied per target.

set(KOKEILU_WARNINGS
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
    -Wnon-virtual-dtor -Woverloaded-virtual -Wsuggest-override -Wimplicit-fallthrough
    -Wdouble-promotion)
# Not -Wnull-dereference: at -O2 GCC 12 reports false positives inside libstdc++ strings
# inlined into CLI11 (seen in CI), and the sanitizer build catches real null dereferences.

function(kokeilu_target_defaults tgt)
    target_compile_options(${tgt} PRIVATE ${KOKEILU_WARNINGS})
    # Bit-identical results: never fuse multiply-adds (clang does by default on some targets)
    # and never allow value-changing float optimisations.
    target_compile_options(${tgt} PRIVATE -ffp-contract=off -fno-fast-math)
    if(KOKEILU_WARNINGS_AS_ERRORS)
        target_compile_options(${tgt} PRIVATE -Werror)
    endif()
    if(KOKEILU_CHECKED)
        target_compile_definitions(${tgt} PRIVATE KOKEILU_CHECKED=1)
    endif()
    if(KOKEILU_SANITIZER)
        string(REPLACE ";" "," _san "${KOKEILU_SANITIZER}")
        target_compile_options(${tgt} PRIVATE -fsanitize=${_san} -fno-omit-frame-pointer
                               -fno-sanitize-recover=all)
        target_link_options(${tgt} PRIVATE -fsanitize=${_san})
    endif()
endfunction()
