// `unknot lint` without the window app: runs the command line in-process with
// the build tree's bundled content (the vocabularies), for tests/schema.
//     schema_lint lint PATH...
#include "unknot/cli.hpp"

#include <chrono>
#include <iostream>

int main(int argc, char* argv[]) {
    unknot::CliEnv env;
    env.exeDir = std::string(UNKNOT_BINARY_DIR) + "/bin";  // content: bin/../share/unknot/content
    env.prefDir = "";                                      // no user packs
    env.in = &std::cin;
    env.out = &std::cout;
    env.err = &std::cerr;
    env.nowMs = [] {
        return static_cast<std::int64_t>(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
                .count());
    };
    env.sleepMs = [](std::int64_t) {};
    return unknot::runCli(argc, argv, env);
}
