// Catch2's main, alone in its file: it compiles slowly and is shared by every test binary.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
