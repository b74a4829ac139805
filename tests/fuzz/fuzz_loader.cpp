// libFuzzer harness for the content loader: any bytes, served as one routine
// file of a pack, must load without a crash, a hang, a leak or undefined
// behaviour, and must either give a routine or say why not.
//
// [SECTION] Entry point
#include "memory_files.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

//-----------------------------------------------------------------------------
// [SECTION] Entry point
//-----------------------------------------------------------------------------
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    unknot::Library lib = fuzzing::loadFuzzRoutine(text);
    // The loader's contract: a file that gives no routine gets a diagnostic.
    // (A valid file may still carry warnings, so only this direction holds.)
    if (lib.routines.empty() && lib.diagnostics.empty()) {
        std::fprintf(stderr, "fuzz_loader: no routine and no diagnostic\n");
        std::abort();
    }
    for (const auto& d : lib.diagnostics) {
        // Every diagnostic points into the file (or the file as a whole).
        if (d.line < 0 || d.column < 0 || d.message.empty()) {
            std::fprintf(stderr, "fuzz_loader: bad diagnostic position or empty message\n");
            std::abort();
        }
    }
    return 0;
}
