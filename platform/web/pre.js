// The page's side of the web shell, run inside the module before main():
//
// [SECTION] window.unknot: what tests and the bridge (web_bridge.cpp) share
// [SECTION] Arguments: the app's area, the journal's place
// [SECTION] Storage: IndexedDB (IDBFS) loaded before main, refusals noticed
// [SECTION] The journal's copy after every committed write (FS.syncfs)
// [SECTION] Input wakes the paused main loop; Back; visibility
// [SECTION] Screen readers, the wake lock, the first frame, errors
// [SECTION] Speech: the browser's speechSynthesis (web_speech.cpp)
// [SECTION] A user's pack from a file (.zip, or several .yaml)
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
unknotPage.imports = [];         // packs added from a file (or why not)
unknotPage.spoken = [];          // {text, lang, voice}: each utterance given to speechSynthesis
unknotPage.speechStops = 0;      // stopAll() calls (pause, skip, stop)
unknotPage.speechPending = 0;    // utterances waiting for their instant
unknotPage.notifications = [];   // {title, body}: each reminder handed to the browser

function unknotNotice(text) {
  unknotPage.notice = text;  // the tests read the words here
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
  // --watch: a pack added from a file (below) is loaded again at once, and
  // its problems show in the app, as for a content author on the desktop.
  var args = ["--size", w + "x" + h, "--watch"];
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
//
// Which notice: browsers say why by the error's name. QuotaExceededError is a
// full disk (or Safari's old private mode, which has no room at all);
// SecurityError and NotAllowedError are storage turned off for the site
// (cookies and site data blocked); no IndexedDB at all, or InvalidStateError
// (Firefox's private windows), is private browsing.
var UNKNOT_KEPT_IN_MEMORY = " Your sessions are kept only until this page is closed: use Export in History to keep them.";
var UNKNOT_STORAGE_NOTICES = {
  "private": "This looks like private browsing: the browser lets Unknot keep nothing on this device." +
             UNKNOT_KEPT_IN_MEMORY,
  "refused": "This browser refused Unknot a place to keep your journal (storage or site data is turned off in its " +
             "settings)." + UNKNOT_KEPT_IN_MEMORY,
  "quota": "This device has no room left for Unknot's journal." + UNKNOT_KEPT_IN_MEMORY +
           " Freeing some space lets Unknot keep them again after a reload.",
  "no-answer": "The browser's storage did not answer, so Unknot cannot keep anything on this device (private " +
               "browsing, or storage turned off)." + UNKNOT_KEPT_IN_MEMORY,
};
function unknotStorageProblem(err) {
  if (err === "no IndexedDB") return "private";
  if (err === "no answer from IndexedDB") return "no-answer";
  var e = err && err.target && err.target.error ? err.target.error : err;
  var name = (e && e.name) || "", text = String((e && e.message) || e);
  if (name === "QuotaExceededError" || /quota|no space left/i.test(text)) return "quota";
  if (name === "InvalidStateError") return "private";
  return "refused";
}

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
      unknotPage.storageProblem = unknotStorageProblem(why);
      unknotNotice(UNKNOT_STORAGE_NOTICES[unknotPage.storageProblem]);
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
  var running = false, waiting = 0, unanswered = false;
  function run() {
    var n = waiting;
    waiting = 0;
    unanswered = false;
    running = true;
    FS.syncfs(false, function (err) {
      if (err) return copied(err);
      // IDBFS answers when its last write *request* succeeded, which is before
      // its transaction is committed: a page closed then could lose it. A
      // read-only transaction on the same store starts only once that
      // read-write one has committed: its end is the real "durable".
      IDBFS.getDB("/data", function (e, db) {
        if (e) return copied(e);
        try {
          var tx = db.transaction([IDBFS.DB_STORE_NAME], "readonly");
          tx.oncomplete = function () { copied(null); };
          tx.onerror = tx.onabort = function () { copied(tx.error || "IndexedDB failed"); };
          tx.objectStore(IDBFS.DB_STORE_NAME).count();
        } catch (x) {
          copied(x);
        }
      });
    });
    function copied(err) {
      running = false;
      unknotPage.syncs += n;
      if (n === 0 && !err) unknotPage.packSyncs = (unknotPage.packSyncs || 0) + 1;
      if (err) {
        // Said once: every later copy would fail the same way.
        if (!unknotPage.syncError) {
          var full = unknotStorageProblem(err) === "quota";
          unknotNotice((full ? "This device has no room left for Unknot's journal" :
                               "The browser stopped saving Unknot's journal") +
                       ": your latest sessions are kept only until this page is closed. Use Export in History " +
                       "to keep them" + (full ? ", and free some space." : "."));
        }
        unknotPage.syncError = String((err && err.name) || err);
      }
      for (var i = 0; i < n; ++i) Module._unknot_web_synced(err ? 0 : 1);
      if (waiting || unanswered) run();
    }
  }
  // `quiet`: a copy nobody waits for (an added pack), not answered.
  Module.unknotSyncJournal = function (quiet) {
    if (quiet) unanswered = true;
    else waiting++;
    if (!running) run();
  };
})();

//-----------------------------------------------------------------------------
// [SECTION] Input, Back, visibility
//-----------------------------------------------------------------------------
// The main loop pauses when nothing moves (web_runner.cpp); anything that may
// change the screen starts it again. SDL's own listeners queue the events.
// Not before the wasm is running: its exports exist as stubs before that
// (symptom: "Cannot read properties of undefined (reading '$h')").
function unknotWake() {
  if (runtimeInitialized) Module._unknot_web_wake();
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
  if (runtimeInitialized) Module._unknot_web_visibility(document.hidden ? 1 : 0);
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

//-----------------------------------------------------------------------------
// [SECTION] Speech
//-----------------------------------------------------------------------------
// The session hands each utterance over a little ahead of its instant, with
// the delay to it: a timer from that call speaks it on the session clock.
// Only in a voice of the session's language: without one nothing is said
// (Settings says so; the tones still guide), never the words in another
// language's voice. Chromium fills getVoices() late ("voiceschanged"): the
// loop is woken then, so Settings shows the answer.
(function () {
  var timers = [];
  function synth() {
    return typeof speechSynthesis !== "undefined" && speechSynthesis &&
           typeof SpeechSynthesisUtterance !== "undefined" ? speechSynthesis : null;
  }
  // "en" takes en-GB or en_US; the device's default voice, then a local one
  // (works offline), is preferred among them.
  function voiceFor(lang) {
    var s = synth(), want = String(lang).toLowerCase(), best = null, voices;
    if (!s) return null;
    try { voices = s.getVoices() || []; } catch (e) { return null; }
    for (var i = 0; i < voices.length; ++i) {
      var v = voices[i], l = String(v.lang || "").toLowerCase().replace("_", "-");
      if (l !== want && l.split("-")[0] !== want) continue;
      var score = (v.default ? 2 : 0) + (v.localService ? 1 : 0);
      if (!best || score > best.score) best = {voice: v, score: score};
    }
    return best && best.voice;
  }
  Module.unknotHasVoice = function (lang) { return !!voiceFor(lang); };
  Module.unknotSpeak = function (text, lang, delayMs, rate, volume) {
    var timer = setTimeout(function () {
      timers = timers.filter(function (t) { return t !== timer; });
      unknotPage.speechPending = timers.length;
      var v = voiceFor(lang);
      if (!v) return;
      var u = new SpeechSynthesisUtterance(text);
      u.voice = v;
      u.lang = v.lang;
      u.rate = Math.min(10, Math.max(0.1, rate));
      u.volume = Math.min(1, Math.max(0, volume));
      unknotPage.spoken.push({text: text, lang: lang, voice: v.name});
      synth().speak(u);
    }, Math.max(0, delayMs));
    timers.push(timer);
    unknotPage.speechPending = timers.length;
  };
  Module.unknotStopSpeaking = function () {
    timers.forEach(clearTimeout);
    timers = [];
    unknotPage.speechPending = 0;
    unknotPage.speechStops++;
    var s = synth();
    if (s) s.cancel();
  };
  var s = synth();
  if (s && s.addEventListener) s.addEventListener("voiceschanged", unknotWake);
})();

//-----------------------------------------------------------------------------
// [SECTION] A user's pack from a file
//-----------------------------------------------------------------------------
// How a therapist's pack reaches a phone: on Settings, "Add a pack from a
// file" takes a .zip of a pack folder, or its .yaml files (pack.yaml at the
// pack's root, the others in routines/). They are written to /data/packs/NAME,
// which the loader reads as on the desktop (the user's packs folder), copied
// to IndexedDB, and the content is loaded again through the same lint: its
// problems show in the app. Hostile files are refused here first: at most
// 500 files and 8 MB, no path leaving the pack's folder.
var UNKNOT_PACK_MAX_FILES = 500, UNKNOT_PACK_MAX_BYTES = 8 * 1024 * 1024;

function unknotSafePath(p) {
  var parts = p.replace(/\\/g, "/").split("/").filter(function (x) { return x !== "" && x !== "."; });
  if (!parts.length || parts.some(function (x) { return x === ".."; }) || /^[a-zA-Z]:/.test(p) || p[0] === "/")
    return null;
  return parts.join("/");
}

// The entries of a .zip (stored or deflated), by its central directory.
async function unknotUnzip(buffer) {
  var v = new DataView(buffer), end = -1;
  for (var i = buffer.byteLength - 22; i >= Math.max(0, buffer.byteLength - 65557); --i)
    if (v.getUint32(i, true) === 0x06054b50) { end = i; break; }
  if (end < 0) throw new Error("not a .zip file");
  var count = v.getUint16(end + 10, true), at = v.getUint32(end + 16, true), out = [], total = 0;
  if (count > UNKNOT_PACK_MAX_FILES) throw new Error("more than " + UNKNOT_PACK_MAX_FILES + " files");
  for (var n = 0; n < count; ++n) {
    if (v.getUint32(at, true) !== 0x02014b50) throw new Error("damaged .zip file");
    var method = v.getUint16(at + 10, true), size = v.getUint32(at + 20, true), real = v.getUint32(at + 24, true);
    var nameLen = v.getUint16(at + 28, true), extra = v.getUint16(at + 30, true), comment = v.getUint16(at + 32, true);
    var local = v.getUint32(at + 42, true);
    var name = new TextDecoder().decode(new Uint8Array(buffer, at + 46, nameLen));
    at += 46 + nameLen + extra + comment;
    if (name.endsWith("/")) continue;
    total += real;
    if (total > UNKNOT_PACK_MAX_BYTES) throw new Error("larger than 8 MB");
    var data = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    var raw = new Uint8Array(buffer, data, size), bytes;
    if (method === 0) bytes = raw.slice();
    else if (method === 8) {
      var stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    } else throw new Error(name + ": compression method " + method + " is not supported");
    out.push({name: name, bytes: bytes});
  }
  return out;
}

// The files, as {path inside the pack, bytes}, and the pack's folder name.
async function unknotPackFiles(files) {
  var entries = [];
  if (files.length === 1 && /\.zip$/i.test(files[0].name)) {
    entries = await unknotUnzip(await files[0].arrayBuffer());
    // A zip of a folder: that folder is the pack.
    var tops = {};
    entries.forEach(function (e) { tops[e.name.split("/")[0]] = true; });
    var keys = Object.keys(tops), folder = files[0].name.replace(/\.zip$/i, "");
    if (keys.length === 1 && entries.every(function (e) { return e.name.indexOf("/") > 0; })) {
      folder = keys[0];
      entries.forEach(function (e) { e.name = e.name.slice(folder.length + 1); });
    }
    return {folder: folder, entries: entries};
  }
  var total = 0;
  for (var i = 0; i < files.length; ++i) {
    var f = files[i];
    if (!/\.ya?ml$/i.test(f.name)) throw new Error(f.name + " is neither a .zip nor a .yaml file");
    total += f.size;
    if (total > UNKNOT_PACK_MAX_BYTES || i >= UNKNOT_PACK_MAX_FILES) throw new Error("too many or too large files");
    var bytes = new Uint8Array(await f.arrayBuffer());
    entries.push({name: f.name === "pack.yaml" ? "pack.yaml" : "routines/" + f.name, bytes: bytes});
  }
  var pack = entries.find(function (e) { return e.name === "pack.yaml"; }), id = null;
  if (pack) {
    var m = /^id:\s*["']?([A-Za-z0-9._-]+)/m.exec(new TextDecoder().decode(pack.bytes));
    if (m) id = m[1];
  }
  return {folder: id || "imported-" + Date.now(), entries: entries};
}

Module.unknotImportPack = async function (files) {
  try {
    var pack = await unknotPackFiles(files);
    var folder = unknotSafePath(pack.folder);
    if (!folder || folder.indexOf("/") >= 0) throw new Error("the pack's name \"" + pack.folder + "\" cannot be a folder");
    var root = "/data/packs/" + folder;
    var written = 0;
    pack.entries.forEach(function (e) {
      var p = unknotSafePath(e.name);
      if (!p) throw new Error(e.name + " leaves the pack's folder");
      var dir = root;
      p.split("/").slice(0, -1).forEach(function (d) { dir += "/" + d; try { FS.mkdirTree(dir); } catch (x) {} });
      try { FS.mkdirTree(root); } catch (x) {}
      FS.writeFile(root + "/" + p, e.bytes);
      written++;
    });
    unknotPage.imports.push({folder: folder, files: written});
    if (unknotPage.storage !== "memory") Module.unknotSyncJournal(true);
    Module._unknot_web_content_changed();
    unknotNotice("Added the pack \"" + folder + "\" (" + written + " files). If some of it could not be loaded, " +
                 "the app says why on its home screen.");
  } catch (e) {
    unknotPage.imports.push({error: String(e.message || e)});
    unknotNotice("This pack could not be added: " + (e.message || e));
  }
};

// The button, shown on the Settings screen only (the app's own screens are
// drawn on the canvas; this one control is the page's).
Module.unknotStateChanged = function (state) {
  var b = document.getElementById("add-pack");
  if (b) b.hidden = !state || state.screen !== "settings";
};
document.getElementById("add-pack-file").addEventListener("change", function (ev) {
  var files = Array.prototype.slice.call(ev.target.files || []);
  ev.target.value = "";
  if (files.length) Module.unknotImportPack(files);
});
