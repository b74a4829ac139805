// The web page's entry point: the window app, as platform/main.cpp starts it
// on a desktop, with the page's folders. There is no command line in a page:
// pre.js gives the arguments (--size of the page's area, and --journal
// :memory: when the browser refuses storage).
//
// Folders: the bundled content and fonts are packed into unknot.data at
// /unknot/share/unknot (so exeDir /unknot/bin finds them by the engine's usual
// "<exe>/../share/unknot" rule); /data is the IndexedDB-backed folder (IDBFS,
// mounted and loaded by pre.js before main runs) holding the journal and the
// user's own packs.
#include "unknot/platform/shell.hpp"

#include <emscripten.h>

#include <iostream>

int main(int argc, char* argv[]) {
    unknot::platform::AppOptions options;
    int status = unknot::platform::parseAppOptions(argc, argv, options, std::cout, std::cerr);
    if (status < 0) status = unknot::platform::runApp(options, {"/unknot/bin", "/data"});
    // 0: the browser now runs the frames. Anything else: the page says why
    // (the messages went to the console and to window.unknot.errors).
    if (status != 0) EM_ASM({ Module.unknotFailed($0); }, status);
    return status;
}
