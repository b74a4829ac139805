// The page's side of the web shell, run inside the module before main():
//
// [SECTION] window.unknot: what tests and the bridge (web_bridge.cpp) share
// [SECTION] Arguments: the app's area, the journal's place
// [SECTION] Storage: IndexedDB (IDBFS) loaded before main, refusals noticed
// [SECTION] The journal's copy after every committed write (FS.syncfs)
// [SECTION] Input wakes the paused main loop; Back; visibility
// [SECTION] Screen readers, the wake lock, the first frame, errors
//
// Every notice is plain English (the page's own words, shown in a banner).

//-----------------------------------------------------------------------------
// [SECTION] window.unknot
//-----------------------------------------------------------------------------
var unknotPage = (window.unknot = window.unknot || {});
unknotPage.frames = 0;           // frames drawn (the idle test reads it)
unknotPage.state = null;         // {screen, hotspots} after each change
unknotPage.announced = [];       // what the live region said, in order
unknotPage.vibrations = [];      // navigator.vibrate patterns asked for
unknotPage.storage = "pending";  // "indexeddb", then "persistent"; or "memory"
unknotPage.syncs = 0;            // journal copies done
unknotPage.wakeLock = "none";    // "held", "released", "unsupported"
unknotPage.firstFrameMs = null;  // performance.now() at the first frame
unknotPage.errors = [];
unknotPage.downloads = [];       // files handed to the browser (History's Export)

function unknotNotice(text) {
  var n = document.getElementById("notice");
  if (!n) return;
  n.querySelector(".text").textContent = text;
  n.hidden = false;
}

Module.canvas = document.getElementById("canvas");
// Filled in place once storage has answered (emscripten reads this array
// before preRun, so it must be this one, not a new one).
Module.arguments = [];
Module.printErr = function (line) {
  unknotPage.errors.push(line);
  console.warn(line);
};

//-----------------------------------------------------------------------------
// [SECTION] Arguments
//-----------------------------------------------------------------------------
// The window is the app's area (the page minus the safe areas, see
// index.html): SDL sizes the canvas to it at the device's pixel ratio.
function unknotArguments(memoryJournal) {
  var area = document.getElementById("app");
  var w = Math.max(1, Math.round(area.clientWidth)), h = Math.max(1, Math.round(area.clientHeight));
  var args = ["--size", w + "x" + h];
  if (memoryJournal) args.push("--journal", ":memory:");
  return args;
}

//-----------------------------------------------------------------------------
// [SECTION] Storage
//-----------------------------------------------------------------------------
// /data is kept in IndexedDB. It is loaded before main() (a run dependency),
// then a small write is tried: private browsing and refused storage fail one
// of the two, and the journal is then kept in memory (sessions can still be
// exported), with a notice. A browser that never answers counts as refusal.
Module.preRun = Module.preRun || [];
Module.preRun.push(function () {
  FS.mkdir("/data");
  addRunDependency("unknot-storage");
  var settled = false;
  function settle(ok, why) {
    if (settled) return;
    settled = true;
    unknotPage.storage = ok ? "indexeddb" : "memory";
    if (!ok) {
      unknotPage.storageError = String(why);
      unknotNotice("This browser does not let Unknot keep anything on this device (private browsing, or storage " +
                   "turned off). Your sessions are kept only until this page is closed: use Export to keep them.");
    }
    Array.prototype.push.apply(Module.arguments, unknotArguments(!ok));
    if (ok && navigator.storage && navigator.storage.persist) {
      // Asked so the browser does not evict the journal when space runs low.
      navigator.storage.persist().then(function (granted) { if (granted) unknotPage.storage = "persistent"; },
                                        function () {});
    }
    removeRunDependency("unknot-storage");
  }
  setTimeout(function () { settle(false, "no answer from IndexedDB"); }, 5000);
  try {
    if (typeof indexedDB === "undefined" || !indexedDB) return settle(false, "no IndexedDB");
    FS.mount(IDBFS, {}, "/data");
    FS.syncfs(true, function (err) {
      if (err) return settle(false, err);
      try { FS.writeFile("/data/.probe", "unknot"); } catch (e) { return settle(false, e); }
      FS.syncfs(false, function (err2) { settle(!err2, err2); });
    });
  } catch (e) {
    settle(false, e);
  }
});

//-----------------------------------------------------------------------------
// [SECTION] The journal's copy
//-----------------------------------------------------------------------------
// Called after every committed write (web_services.cpp). Copies run one at a
// time; requests made during one are covered by the next. Each request is
// answered once (unknot_web_synced), so the app knows when all are done.
(function () {
  var running = false, waiting = 0;
  function run() {
    var n = waiting;
    waiting = 0;
    running = true;
    FS.syncfs(false, function (err) {
      running = false;
      unknotPage.syncs += n;
      if (err) {
        unknotPage.syncError = String(err);
        unknotNotice("Your browser's storage for Unknot is full: the latest sessions are kept only until this " +
                     "page is closed. Free some space, or use Export to keep them.");
      }
      for (var i = 0; i < n; ++i) Module._unknot_web_synced(err ? 0 : 1);
      if (waiting) run();
    });
  }
  Module.unknotSyncJournal = function () {
    waiting++;
    if (!running) run();
  };
})();

//-----------------------------------------------------------------------------
// [SECTION] Input, Back, visibility
//-----------------------------------------------------------------------------
// The main loop pauses when nothing moves (web_runner.cpp); anything that may
// change the screen starts it again. SDL's own listeners queue the events.
function unknotWake() {
  if (Module._unknot_web_wake) Module._unknot_web_wake();
}
["pointerdown", "pointermove", "pointerup", "touchstart", "touchmove", "touchend", "wheel", "keydown", "keyup",
 "resize", "focus"].forEach(function (type) {
  window.addEventListener(type, unknotWake, {capture: true, passive: true});
});
// The browser's Back and Android's back gesture go back inside the app: one
// history entry is kept above the page's own, and put back after each Back
// the app handled. At Home the app has nothing to go back to: the browser
// goes back for real (leaves, as the back key leaves an app on Android).
Module.postRun = Module.postRun || [];
Module.postRun.push(function () {
  history.replaceState({unknot: "root"}, "");
  history.pushState({unknot: "app"}, "");
  window.addEventListener("popstate", function () {
    if (Module._unknot_web_back()) history.pushState({unknot: "app"}, "");
    else history.back();
  });
});
document.addEventListener("visibilitychange", function () {
  if (Module._unknot_web_visibility) Module._unknot_web_visibility(document.hidden ? 1 : 0);
  if (!document.hidden) unknotTakeWakeLock();
});

//-----------------------------------------------------------------------------
// [SECTION] Screen readers, the wake lock, the first frame, errors
//-----------------------------------------------------------------------------
Module.unknotAnnounce = function (text) {
  unknotPage.announced.push(text);
  var live = document.getElementById("announce");
  // Emptied first, so the same words twice (a step repeated) are said twice.
  live.textContent = "";
  setTimeout(function () { live.textContent = text; }, 50);
};

var unknotWakeWanted = false, unknotWakeSentinel = null;
function unknotTakeWakeLock() {
  if (!unknotWakeWanted || unknotWakeSentinel || document.hidden) return;
  if (!("wakeLock" in navigator)) { unknotPage.wakeLock = "unsupported"; return; }
  navigator.wakeLock.request("screen").then(function (s) {
    unknotWakeSentinel = s;
    unknotPage.wakeLock = "held";
    s.addEventListener("release", function () {
      unknotWakeSentinel = null;
      unknotPage.wakeLock = "released";
    });
    if (!unknotWakeWanted) s.release();
  }, function (e) { unknotPage.wakeLock = "refused: " + e; });
}
Module.unknotKeepAwake = function (on) {
  unknotWakeWanted = on;
  if (on) unknotTakeWakeLock();
  else if (unknotWakeSentinel) unknotWakeSentinel.release();
  else unknotPage.wakeLock = "released";
};

Module.unknotFirstFrame = function () {
  unknotPage.firstFrameMs = performance.now();
  if (performance.mark) performance.mark("unknot-first-frame");
  var l = document.getElementById("loading");
  if (l) l.hidden = true;
};
Module.unknotFailed = function (status) {
  var l = document.getElementById("loading");
  if (l) l.textContent = "Unknot could not start (" + status + "): " + unknotPage.errors.join(" ");
};
