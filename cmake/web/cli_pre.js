// Runs before main() in the node build of the command line (cli_main.cpp).
//
// Emscripten's program sees an in-memory file system holding only what was
// packed (the bundled content, at /unknot/...). A command line must also read
// the files its user names, as the desktop one does: each top-level folder of
// the host (except /dev, /proc and /sys, which emscripten provides itself) is
// mounted at its own path with NODEFS, and the working folder is the host's,
// so relative and absolute paths mean the same as natively.
//
// Why not NODERAWFS: it replaces the whole file system with the host's, and
// then the packed content (the same .data the web page will load) is gone.
// Files next to this script (unknot.wasm, unknot.data) are found from where the
// script is, not from node's working folder.
Module['locateFile'] = function (path) { return require('path').join(__dirname, path); };

// A program that never started (its .data or .wasm missing or unreadable) must
// not look like a success: node would exit 0 after printing the error.
process.on('exit', function () {
  if (!Module['calledRun'] && !process.exitCode) process.exitCode = 2;
});

Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  var nodeFs = require('fs');
  // NODEFS in emscripten 3.1.6 rewrites a link's target relative to the mount
  // root, which breaks every relative link (symptom: golden case
  // lint/symlink-leaves-pack says "broken symbolic link" instead of "leaves
  // the pack folder"). Each host folder is mounted at its own path here, so
  // the target as the host gives it is already right.
  NODEFS.node_ops.readlink = function (node) {
    try {
      return nodeFs.readlinkSync(NODEFS.realPath(node));
    } catch (e) {
      if (!e.code) throw e;
      throw new FS.ErrnoError(NODEFS.convertNodeCode(e));
    }
  };
  var skip = { dev: true, proc: true, sys: true, unknot: true };
  nodeFs.readdirSync('/').forEach(function (name) {
    if (skip[name]) return;
    var host = '/' + name;
    var st;
    try { st = nodeFs.lstatSync(host); } catch (e) { return; }
    if (!st.isDirectory()) return;  // a link such as /bin -> usr/bin: reached through /usr
    try { FS.mkdir(host); } catch (e) { /* already there (/tmp, /home) */ }
    FS.mount(NODEFS, { root: host }, host);
  });
  FS.chdir(process.cwd());
  // The program's environment is emscripten's own by default (HOME=/home/web_user):
  // give it node's, so HOME and XDG_DATA_HOME are the user's.
  Object.keys(process.env).forEach(function (k) { ENV[k] = process.env[k]; });
});
