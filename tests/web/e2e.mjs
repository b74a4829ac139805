// The web app end to end, in Debian's Chromium driven by puppeteer-core, as a
// phone: 390x844 CSS pixels, device-pixel-ratio 3, touch. Taps land in the
// middle of the app's hotspots, which the page publishes after every change
// (window.unknot.state, as `unknot --trace` does on the desktop).
//
// [SECTION] Setup: the site served, Chromium started, helpers
// [SECTION] The journeys (each a check with a name; the first failure stops)
// [SECTION] Main
//
// Usage: node tests/web/e2e.mjs [SITE_DIR]   (default build-web/site)
// Environment: UNKNOT_CHROMIUM (default /usr/bin/chromium), NODE_PATH or
// UNKNOT_NODE_MODULES holding puppeteer-core, UNKNOT_E2E_TIMEOUT_S (how long
// any one wait may last, default 90). Exit 0 all passed, 1 a check failed, 77
// skipped (no site, no Chromium, no puppeteer-core).
//
// Waits poll a condition (the app's published state, a counter of the page)
// with a generous limit, never a fixed sleep: on a loaded machine they only
// take longer, and a broken app still fails them, at the limit.
import {spawn} from "node:child_process";
import {createRequire} from "node:module";
import fs from "node:fs";
import zlib from "node:zlib";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";

//-----------------------------------------------------------------------------
// [SECTION] Setup
//-----------------------------------------------------------------------------
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const site = path.resolve(process.argv[2] || path.join(process.env.UNKNOT_WEB_DIR || path.join(repo, "build-web"), "site"));
const chromium = process.env.UNKNOT_CHROMIUM || "/usr/bin/chromium";

// UNKNOT_WEB_REQUIRED=1 (CI's web stage): a skip is a failure.
function skip(why) {
  console.log(`SKIP: ${why}`);
  process.exit(process.env.UNKNOT_WEB_REQUIRED === "1" ? 1 : 77);
}
if (!fs.existsSync(path.join(site, "index.html"))) skip(`no web build in ${site} (bash cmake/quickstart.sh web-build)`);
if (!fs.existsSync(chromium)) skip(`no Chromium at ${chromium} (Debian package chromium)`);
let puppeteer;
try {
  const modules = process.env.UNKNOT_NODE_MODULES || path.join(repo, "build-web/node/node_modules");
  puppeteer = createRequire(path.join(modules, "x.js"))("puppeteer-core");
} catch (e) {
  skip(`puppeteer-core not installed (npm install --prefix build-web/node puppeteer-core@22): ${e.message}`);
}

// The site on a free port, by the same server as `quickstart.sh web`.
function serve() {
  return new Promise((resolve, reject) => {
    const p = spawn("python3", [path.join(repo, "cmake/web/serve.py"), "--port", "0", "--site", site],
                    {env: {...process.env, UNKNOT_SERVE_QUIET: "1"}, stdio: ["ignore", "pipe", "inherit"]});
    p.stdout.on("data", (d) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(String(d));
      if (m) resolve({proc: p, url: `http://127.0.0.1:${m[1]}/`});
    });
    p.on("exit", (code) => reject(new Error(`serve.py exited ${code}`)));
  });
}

const phone = {width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true};
let passed = 0;
function ok(what) {
  passed++;
  console.log(`ok ${passed}: ${what}`);
}
function check(cond, what, detail = "") {
  if (!cond) throw new Error(`FAILED: ${what}${detail ? ` (${detail})` : ""}`);
  ok(what);
}

const state = (page) => page.evaluate(() => window.unknot && window.unknot.state);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// The longest any one wait may take (a loaded machine once needed 216 s for
// the whole run, so each wait is given far more than it takes when idle).
const limitMs = Number(process.env.UNKNOT_E2E_TIMEOUT_S || 90) * 1000;

// Polls `fn` (run in the page, with `arg`) until it is truthy; fails with
// `what` at the limit.
async function until(page, what, fn, arg, ms = limitMs) {
  try {
    return await page.waitForFunction(fn, {timeout: ms, polling: 50}, arg);
  } catch (e) {
    throw new Error(`FAILED: ${what} (not within ${ms / 1000} s)`);
  }
}

// Waits until the app shows `screen` with `spot` among its hotspots
// ("card:*": any whose id starts with "card:").
async function waitFor(page, screen, spot) {
  const end = Date.now() + limitMs;
  let s = null;
  while (Date.now() < end) {
    s = await state(page);
    const has = (h) => spot.endsWith("*") ? h.id.startsWith(spot.slice(0, -1)) : h.id === spot;
    if (s && s.screen === screen && (!spot || s.hotspots.some(has))) return s;
    await sleep(50);
  }
  throw new Error(`FAILED: screen ${screen}${spot ? ` with ${spot}` : ""} not shown within ${limitMs / 1000} s ` +
                  `(last: ${s ? s.screen + " " + s.hotspots.map((h) => h.id).join(",") : "none"})`);
}

// Waits until the published state differs from `before` (a JSON string): the
// screen has moved, so the next tap lands on what is now drawn. False at
// `ms` (the caller looks again).
async function changed(page, before, ms = limitMs) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (JSON.stringify(await state(page)) !== before) return true;
    await sleep(50);
  }
  return false;
}

// Taps `id` and waits until the screen has moved.
async function tapAndWait(page, id) {
  const before = JSON.stringify(await state(page));
  await tap(page, id);
  await changed(page, before);
}

// The words the screen drew (state.text: each piece of text, whole).
async function shows(page, words) {
  const s = await state(page);
  return !!s && Array.isArray(s.text) && s.text.some((t) => t.includes(words));
}

// A touch tap in the middle of a hotspot (logical px are CSS px in the canvas).
async function tap(page, id) {
  const s = await state(page);
  const h = s && s.hotspots.find((x) => x.id === id);
  if (!h) throw new Error(`FAILED: no hotspot ${id} on ${s && s.screen}`);
  const box = await (await page.$("#canvas")).boundingBox();
  await page.touchscreen.tap(box.x + h.x + h.w / 2, box.y + h.y + h.h / 2);
}

// Scrolls with the mouse wheel until the hotspot is fully in view.
async function scrollTo(page, id) {
  for (let i = 0; i < 40; ++i) {
    const s = await state(page);
    const h = s && s.hotspots.find((x) => x.id === id);
    if (h && h.y >= 0 && h.y + h.h <= phone.height - 10) return;
    const before = JSON.stringify(s);
    await page.mouse.move(195, 500);
    await page.mouse.wheel({deltaY: h && h.y < 0 ? -200 : 200});
    await changed(page, before, 3000);  // at the end of the list nothing moves
  }
  throw new Error(`FAILED: could not scroll ${id} into view`);
}

async function started(page) {
  await until(page, "the app drew its first frame",
              () => window.unknot && window.unknot.firstFrameMs !== null && window.unknot.state, null, 2 * limitMs);
}

// A speechSynthesis the test reads: what reached the browser's voice, and its
// cancels. getVoices() gives `voices` ([]: a device without any voice).
function fakeSpeech(voices) {
  const synth = {
    spoken: [],
    cancels: 0,
    getVoices: () => voices,
    speak(u) {
      synth.spoken.push({text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null});
    },
    cancel() {
      synth.cancels++;
    },
    pause() {},
    resume() {},
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", {configurable: true, get: () => synth});
  window.SpeechSynthesisUtterance = function (text) {
    this.text = text;
    this.lang = "";
    this.voice = null;
  };
}
const testVoices = [{name: "Test French", lang: "fr-FR", default: false, localService: true},
                    {name: "Test English", lang: "en-US", default: true, localService: true}];

// A fresh browser context (its own storage) with the phone's viewport; each
// `before` runs in the page before the app's scripts.
async function freshPage(browser, url, ...before) {
  return permittedPage(browser, url, null, ...before);
}

// The same, with the browser's answers set for the site: `permissions` lists
// what is granted and refuses the rest (null: nothing set, the browser asks).
async function permittedPage(browser, url, permissions, ...before) {
  const ctx = await browser.createBrowserContext();
  if (permissions) await ctx.overridePermissions(new URL(url).origin, permissions);
  const page = await ctx.newPage();
  await page.emulate({viewport: phone, userAgent: await browser.userAgent()});
  for (const [fn, arg] of before) await page.evaluateOnNewDocument(fn, arg);
  await page.goto(url);
  await started(page);
  return {ctx, page};
}

//-----------------------------------------------------------------------------
// [SECTION] The journeys
//-----------------------------------------------------------------------------
// A first start: the safety note, then Home.
async function firstStart(page) {
  await started(page);
  await waitFor(page, "safety", "safety-ok");
  check(await page.title() === "Before you start · Unknot", "first start: the safety note, and it is the page's title",
        await page.title());
  const storage = await page.evaluate(() => window.unknot.storage);
  check(storage === "indexeddb" || storage === "persistent", "the journal is kept in IndexedDB", storage);
  await tap(page, "safety-ok");
  await waitFor(page, "home", "browse");
  ok("the note acknowledged with a tap: Home");
}

// Browse by area, open a card, start, answer the pain question, pause and
// resume with taps, Back inside a session, hidden page pauses.
async function session(page) {
  await tap(page, "browse");
  const browse = await waitFor(page, "browse", "spot:neck");
  check(browse.hotspots.length > 0, "browse by area: the body map's areas");
  await tap(page, "spot:neck");
  const list = await waitFor(page, "list", "card:*");
  await until(page, "an area's list carries the area's name as the page's title",
              () => document.title === "Neck · Unknot");
  ok("an area's list is titled with the area's name");
  // neck-release, as the desktop's end-to-end test (its first step is timed).
  const card = list.hotspots.find((h) => h.id === "card:neck-release") ||
               list.hotspots.find((h) => h.id.startsWith("card:"));
  check(!!card, "the neck's routines are listed", list.hotspots.map((h) => h.id).join(","));
  await scrollTo(page, card.id);
  await tap(page, card.id);
  await waitFor(page, "card", "start");
  ok(`opened ${card.id}`);
  // The card's title is its routine's name (the top bar's words).
  const want = card.id === "card:neck-release" ? "Gentle neck release" : null;
  await until(page, "a card carries its routine's name as the page's title",
              (w) => w ? document.title === `${w} · Unknot`
                       : document.title.endsWith(" · Unknot") && document.title !== "Unknot · Unknot", want);
  const title = (await page.title()).replace(/ · Unknot$/, "");
  check(await shows(page, title), `the card's page title is its routine's name: "${title}"`);
  await tap(page, "start");
  await waitFor(page, "pain", "pain:6");
  await tap(page, "pain:6");
  await waitFor(page, "player", "pause");
  check((await page.title()) === `${title} · Unknot`, "a session's page title is its routine's name", await page.title());
  await until(page, "the first step's words went to the live region", () => window.unknot.announced.length > 0);
  const said = await page.evaluate(() => window.unknot.announced.slice());
  check(said[said.length - 1].length > 0, "the first step's words went to the live region", said.join(" | "));
  // The voice: the first prompt is spoken, in the session's language (the
  // English voice of the fake device, which has a French one too).
  await until(page, "the first prompt is spoken by the browser's voice", () => window.speechSynthesis.spoken.length > 0);
  const spoken = await page.evaluate(() => window.speechSynthesis.spoken.slice());
  check(spoken[0].voice === "Test English" && spoken[0].lang === "en-US" && said.includes(spoken[0].text),
        "the first prompt is spoken in the session's language", JSON.stringify(spoken[0]));
  const wake = await page.evaluate(() => window.unknot.wakeLock);
  check(wake !== "none", "a screen wake lock was asked for while playing", wake);
  const cancels = await page.evaluate(() => window.speechSynthesis.cancels);
  await tap(page, "pause");
  await waitFor(page, "player", "resume");
  ok("paused with a tap");
  const voice = await page.evaluate(() => ({cancels: window.speechSynthesis.cancels,
                                             pending: window.unknot.speechPending}));
  check(voice.cancels > cancels && voice.pending === 0,
        "pause silences the voice and drops the words not yet due", JSON.stringify(voice));
  const afterPause = await page.evaluate(() => window.unknot.wakeLock);
  check(afterPause !== "held", "the wake lock is let go on pause", afterPause);
  await tap(page, "resume");
  await waitFor(page, "player", "pause");
  ok("resumed with a tap");
  // The browser's Back (Android's back gesture) stays in the app: it asks
  // whether to stop, as the device's back key does.
  const url = page.url();
  await page.evaluate(() => history.back());
  await waitFor(page, "player", "stop-cancel");
  check(page.url() === url, "Back in a session stays in the app and asks to stop", page.url());
  await tap(page, "stop-cancel");
  await waitFor(page, "player", "pause");
  // Hidden (another app, the phone locked): the session pauses at once.
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await page.evaluate(() => {
    delete document.hidden;
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await waitFor(page, "player", "resume");
  ok("visibilitychange to hidden paused the session");
  await tap(page, "resume");
  await waitFor(page, "player", "pause");
  return card.id.slice("card:".length);
}

// Finish it (Skip through every step, Continue where it waits), answer the
// pain question after, Done.
async function finish(page) {
  for (let i = 0; i < 200; ++i) {
    const s = await state(page);
    if (s.screen === "end") break;
    const ids = s.hotspots.map((h) => h.id);
    const next = ["continue", "skip"].find((id) => ids.includes(id));
    if (next) await tapAndWait(page, next).catch(() => {});  // gone meanwhile: look again
    else await changed(page, JSON.stringify(s), 5000);
  }
  await waitFor(page, "end", "done");
  const vib = await page.evaluate(() => window.unknot.vibrations.length);
  check(vib > 0, "haptics: navigator.vibrate was asked for during the session (a touch screen: on by default)",
        `${vib} patterns`);
  const said = await page.evaluate(() => window.unknot.announced.slice());
  check(said.includes("Session finished"), "\"Session finished\" went to the live region");
  check((await page.evaluate(() => window.unknot.syncs)) > 0, "the session was copied to IndexedDB before the end screen");
  await scrollTo(page, "pain-after:4");
  // The answer is a journal write: done once its copy to IndexedDB is.
  const syncs = await page.evaluate(() => window.unknot.syncs);
  await tap(page, "pain-after:4");
  await until(page, "the pain answer after the session was saved", (n) => window.unknot.syncs > n, syncs);
  await tap(page, "done");
  await waitFor(page, "card", "start");
  ok("finished, the pain question answered");
}

// Reloaded at once: the session is in the journal, and History opens.
async function reloadKeepsSession(page, routine) {
  await page.reload();
  await started(page);
  await waitFor(page, "home", "history");
  // The file and its write-ahead log, as loaded from IndexedDB by this page.
  const has = await page.evaluate((id) => ["/data/journal.db", "/data/journal.db-wal"].some((f) => {
    try {
      return new TextDecoder("latin1").decode(Module.FS.readFile(f)).includes(id);
    } catch (e) {
      return false;
    }
  }), routine);
  check(has, "after a reload the journal (from IndexedDB) holds the session");
  await tap(page, "history");
  await waitFor(page, "history");
  check((await page.title()).includes("Unknot"), "History opens after the reload");
  // Export hands the CSV and JSON to the browser as downloads.
  await scrollTo(page, "export");
  await tap(page, "export");
  await until(page, "History's Export hands over two files", () => window.unknot.downloads.length >= 2);
  const files = await page.evaluate(() => window.unknot.downloads.slice());
  check(files.some((f) => f.endsWith(".json")) && files.some((f) => f.endsWith(".csv")),
        "History's Export is offered as downloads (CSV and JSON)", files.join(", "));
}

// A plan over weeks, started on the phone: the start is a journal write
// copied to IndexedDB, and after a reload Home shows the plan's Today card;
// then Stop, after its question.
// From Home: Plans, the plan `id`, Start; it ends on the plan's screen.
async function startPlan(page, id) {
  await scrollTo(page, "plans");
  await tap(page, "plans");
  await waitFor(page, "plans", "plan:*");
  await scrollTo(page, `plan:${id}`);
  await tap(page, `plan:${id}`);
  await waitFor(page, "plan", "plan-start");
  await tap(page, "plan-start");
  await waitFor(page, "plan", "plan-stop");
}

async function plan(page) {
  await waitFor(page, "home", "");
  const syncs = await page.evaluate(() => window.unknot.syncs);
  await startPlan(page, "calmer-evenings");
  await until(page, "starting a plan was copied to IndexedDB", (n) => window.unknot.syncs > n, syncs);
  ok("a plan started from its screen");
  await page.reload();
  await started(page);
  await waitFor(page, "home", "");
  await scrollTo(page, "today-plan");
  check(await shows(page, "Calmer evenings"), "after a reload Home's Today card names the plan started");
  // Stopped again (after its question), so the journeys that follow see Home as before.
  await tap(page, "today-plan");
  await waitFor(page, "plan", "plan-stop");
  await tap(page, "plan-stop");
  await waitFor(page, "plan", "plan-stop-yes");
  await tap(page, "plan-stop-yes");
  await waitFor(page, "plan", "plan-start");
  await tap(page, "back-nav");
  await waitFor(page, "plans", "back-nav");
  await tap(page, "back-nav");
  await waitFor(page, "home", "");
  ok("the plan stopped from its screen after a question");
}

// Installable: the manifest's fields and icons; the service worker controls
// the page; offline, a reload still starts the app.
async function installable(page, url) {
  const m = await page.evaluate(async () => (await fetch("manifest.webmanifest")).json());
  check(m.name && m.short_name === "Unknot" && m.display === "standalone" && m.orientation === "portrait" &&
        /^#[0-9a-f]{6}$/.test(m.theme_color) && /^#[0-9a-f]{6}$/.test(m.background_color),
        "the manifest has name, short name, standalone, portrait and colours");
  for (const want of [["192x192", "any"], ["512x512", "any"], ["512x512", "maskable"]]) {
    const icon = m.icons.find((i) => i.sizes === want[0] && i.purpose === want[1]);
    check(!!icon, `the manifest lists a ${want[1]} icon of ${want[0]}`);
    const size = await page.evaluate(async (src) => {
      const b = await createImageBitmap(await (await fetch(src)).blob());
      return `${b.width}x${b.height}`;
    }, icon.src);
    check(size === want[0], `icon ${icon.src} is ${want[0]}`, size);
  }
  check(await page.evaluate(() => !!document.querySelector('link[rel="apple-touch-icon"]') &&
                                   !!document.querySelector('meta[name="apple-mobile-web-app-capable"]')),
        "iOS's Add to Home Screen tags are there");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await started(page);
  check(await page.evaluate(() => !!navigator.serviceWorker.controller), "the service worker controls the page");
  await page.setOfflineMode(true);
  await page.reload();
  await started(page);
  await waitFor(page, "home", "browse");
  ok("offline, a reload still starts the app");
  await tap(page, "browse");
  await waitFor(page, "browse", "spot:neck");
  ok("and it works offline");
  await page.setOfflineMode(false);
}

// A .zip as a phone's file manager makes one: a folder, its files stored or
// deflated (zlib's raw deflate, as zip's method 8 is).
function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; ++k) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function makeZip(entries) {
  const parts = [], central = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name), data = Buffer.from(e.data || ""), method = e.deflate ? 8 : 0;
    const body = e.deflate ? zlib.deflateRawSync(data) : data, crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(dir, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

// Files chosen with Settings' "Add a pack from a file" (the page's file
// picker, as a person picks them), then the answer the page gave.
async function pick(page, files) {
  const n = await page.evaluate(() => window.unknot.imports.length);
  const input = await page.$("#add-pack-file");
  await input.uploadFile(...files);
  await until(page, `the files picked were answered (${files.map((f) => path.basename(f)).join(", ")})`,
              (k) => window.unknot.imports.length > k, n);
  return page.evaluate((k) => window.unknot.imports[k], n);
}

// A user's pack from the file picker: several .yaml files, then a .zip; the
// same lint, problems shown. The golden case broken-beside-valid: two
// routines load, two have errors. Also: Settings with a voice for the
// language says nothing about a missing one.
async function userPack(page, tmp) {
  const dir = path.join(repo, "tests/golden/lint/broken-beside-valid");
  await page.evaluate(() => history.back());  // the browser's Back: Home
  await waitFor(page, "home", "settings");
  await tap(page, "settings");
  await waitFor(page, "settings");
  check(await page.evaluate(() => !document.getElementById("add-pack").hidden),
        "Settings shows \"Add a pack from a file\"");
  await scrollTo(page, "voice-guided");
  check(!(await shows(page, "No voice for this language")), "with an English voice, Settings does not say \"no voice\"");
  const imp = await pick(page, fs.readdirSync(dir).map((f) => path.join(dir, f)));
  check(!imp.error && imp.files === 4, "the four .yaml files were added as a pack", JSON.stringify(imp));
  await page.evaluate(() => history.back());
  await waitFor(page, "home", "problems");
  ok("its problems are shown on Home (the same lint as the desktop)");
  await tap(page, "problems");
  await waitFor(page, "problems");
  await until(page, "the problems screen names the added pack's folder",
              (folder) => window.unknot.state.text.some((t) => t.includes(folder)), imp.folder);
  ok("and listed on the problems screen");
  await page.evaluate(() => history.back());
  await waitFor(page, "home", "browse");
  // Hostile input is refused before anything is written.
  await page.evaluate(() => Module.unknotImportPack([new File(["x"], "evil.exe")]));
  await until(page, "the hostile file was answered", () => window.unknot.imports.length > 1);
  const bad = await page.evaluate(() => window.unknot.imports[1]);
  check(!!bad.error, "a file that is neither .zip nor .yaml is refused with a reason", JSON.stringify(bad));
  // A .zip of a pack folder: pack.yaml stored, the routines deflated.
  const read = (f) => fs.readFileSync(path.join(dir, f), "utf8");
  const good = read("good.yaml").replace(/^id: good$/m, "id: zip-good");
  const broken = read("bad.yaml").replace(/^id: bad$/m, "id: zip-bad");
  const zip = path.join(tmp, "zipped-pack.zip");
  fs.writeFileSync(zip, makeZip([
    {name: "zipped-pack/"},
    {name: "zipped-pack/pack.yaml",
     data: "format: 1\nid: zipped-pack\ntitle: {en: A zipped pack, fr: Un paquet zippé}\nversion: 1.0.0\nlanguages: [en, fr]\n"},
    {name: "zipped-pack/routines/zip-good.yaml", data: good, deflate: true},
    {name: "zipped-pack/routines/zip-bad.yaml", data: broken, deflate: true},
  ]));
  await tap(page, "settings");
  await waitFor(page, "settings");
  const zipped = await pick(page, [zip]);
  check(!zipped.error && zipped.folder === "zipped-pack" && zipped.files === 3,
        "a .zip of a pack folder was added (stored and deflated files)", JSON.stringify(zipped));
  const same = await page.evaluate((text) => new TextDecoder().decode(
      Module.FS.readFile("/data/packs/zipped-pack/routines/zip-good.yaml")) === text, good);
  check(same, "its deflated file came out byte for byte");
  await page.evaluate(() => history.back());
  await waitFor(page, "home", "problems");
  await tap(page, "problems");
  await waitFor(page, "problems");
  await until(page, "the problems screen names the .zip's broken routine",
              () => window.unknot.state.text.some((t) => t.includes("zip-bad.yaml")));
  ok("the .zip's problems are listed (the same lint)");
  await page.evaluate(() => history.back());
  await waitFor(page, "home", "browse");
}

// Idle: no frame is drawn while nothing moves. First the few frames after
// the last input are let through (the frame counter stands still for 1 s),
// then 2 s are watched: not one frame.
async function idle(page) {
  let last = await page.evaluate(() => window.unknot.frames), since = Date.now();
  const end = Date.now() + limitMs;
  while (Date.now() - since < 1000) {
    if (Date.now() > end) throw new Error("FAILED: idle: frames never stopped being drawn");
    await sleep(100);
    const now = await page.evaluate(() => window.unknot.frames);
    if (now !== last) [last, since] = [now, Date.now()];
  }
  await sleep(2000);  // the window watched, not a wait for something
  const b = await page.evaluate(() => window.unknot.frames);
  check(b === last, "idle: no frames drawn after 1 s without input", `${b - last} frames in 2 s`);
}

// Durable before the end screen: the page reloaded the moment the end
// screen shows (as if the tab were closed then) keeps the session.
async function durable(browser, url) {
  const ctx = await browser.createBrowserContext();
  const page = await ctx.newPage();
  await page.emulate({viewport: phone, userAgent: await browser.userAgent()});
  await page.goto(url);
  await started(page);
  await waitFor(page, "safety", "safety-ok");
  await tap(page, "safety-ok");
  await waitFor(page, "home", "start-breathing");
  await tap(page, "start-breathing");
  for (let i = 0; i < 300; ++i) {
    const s = await state(page);
    if (s.screen === "end") break;
    const ids = s.hotspots.map((h) => h.id);
    for (const id of ["stop-cancel", "pain-skip", "continue", "skip"])
      if (ids.includes(id)) {
        await tap(page, id).catch(() => {});  // gone meanwhile: look again
        break;
      }
    // The next tap only once the screen has moved: frames are held while the
    // journal's copy is written, and a tap on the old picture would land on
    // whatever the new screen has there.
    await changed(page, JSON.stringify(s));
  }
  await waitFor(page, "end");
  await page.reload();
  await started(page);
  const has = await page.evaluate(() => ["/data/journal.db", "/data/journal.db-wal"].some((f) => {
    try {
      return new TextDecoder("latin1").decode(Module.FS.readFile(f)).includes("breathing-4-2-6");
    } catch (e) {
      return false;
    }
  }));
  check(has, "reloaded the moment the end screen showed, the session is in the journal");
  await ctx.close();
}

// The storage notice: shown, its words as `want` says, and read by the
// test through window.unknot.notice (what the banner shows).
async function noticeSays(page, want, what) {
  await until(page, `${what}: a notice is shown`, () => !!window.unknot.notice);
  const shown = await page.evaluate(() => !document.getElementById("notice").hidden &&
                                          document.querySelector("#notice .text").textContent);
  const text = await page.evaluate(() => window.unknot.notice);
  check(shown === text && want.every((w) => w.test(text)), `${what}: a plain notice says so`, text);
  // The notice lies over the bottom of the app until it is read and closed.
  await page.tap("#notice button");
}

// Storage refused: no IndexedDB at all (private browsing), or one that
// refuses (storage turned off) or is full from the start. Each gets its own
// notice, and the app runs with its journal in memory. The first device has
// no voice either: Settings says so.
async function noStorage(browser, url) {
  const noIdb = () => Object.defineProperty(window, "indexedDB", {configurable: true, get: () => undefined});
  const {ctx, page} = await freshPage(browser, url, [noIdb], [fakeSpeech, []]);
  await waitFor(page, "safety", "safety-ok");
  check(await page.evaluate(() => window.unknot.storage) === "memory", "without IndexedDB the journal is in memory");
  await noticeSays(page, [/private browsing/, /Export/], "without IndexedDB");
  await tap(page, "safety-ok");
  await waitFor(page, "home", "browse");
  ok("the app still works");
  await tap(page, "settings");
  await waitFor(page, "settings");
  await scrollTo(page, "voice-guided");
  check(await shows(page, "No voice for this language on this device"),
        "a device with no voice: Settings says so (getVoices() is empty)");
  await ctx.close();
}

async function storageRefused(browser, url) {
  const refuse = () => {
    IDBFactory.prototype.open = () => {
      throw new DOMException("The user denied permission to access the database.", "SecurityError");
    };
  };
  const {ctx, page} = await freshPage(browser, url, [refuse]);
  await waitFor(page, "safety", "safety-ok");
  const st = await page.evaluate(() => [window.unknot.storage, window.unknot.storageProblem]);
  check(st[0] === "memory" && st[1] === "refused", "IndexedDB refused: the journal is in memory", st.join(" "));
  await noticeSays(page, [/refused/, /turned off/, /Export/], "storage refused");
  await ctx.close();
}

// IndexedDB's writes fail as a full disk makes them fail: from the start (the
// probe write), or later (a session's copy). `window.unknotFull` turns it on.
function fullDisk(fromStart) {
  window.unknotFull = fromStart;
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (window.unknotFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return put.apply(this, args);
  };
}

async function storageFull(browser, url) {
  let {ctx, page} = await freshPage(browser, url, [fullDisk, true]);
  await waitFor(page, "safety", "safety-ok");
  const st = await page.evaluate(() => [window.unknot.storage, window.unknot.storageProblem]);
  check(st[0] === "memory" && st[1] === "quota", "storage full from the start: the journal is in memory", st.join(" "));
  await noticeSays(page, [/no room/, /Export/], "storage full from the start");
  await ctx.close();
  // Full later: the journal is in IndexedDB until a copy fails; then it is
  // kept in memory, with its own notice, and can still be exported.
  ({ctx, page} = await freshPage(browser, url, [fullDisk, false]));
  await waitFor(page, "safety", "safety-ok");
  check(await page.evaluate(() => window.unknot.storage) !== "memory", "storage full later: it starts in IndexedDB");
  await page.evaluate(() => { window.unknotFull = true; });
  await tap(page, "safety-ok");  // the note acknowledged: a setting, written to the journal
  await until(page, "a copy to IndexedDB failed", () => !!window.unknot.syncError);
  await noticeSays(page, [/no room/, /Export/], "storage full later");
  await waitFor(page, "home", "history");
  await tap(page, "history");
  await waitFor(page, "history");
  await scrollTo(page, "export");
  await tap(page, "export");
  await until(page, "Export still hands the journal over", () => window.unknot.downloads.length >= 2);
  ok("and the journal kept in memory is still exported");
  await ctx.close();
}

// The wall clock the page sees (Date.now, which the wasm's system_clock
// reads) moved by window.unknotShift ms; the monotonic clock is untouched.
function shiftableClock() {
  const real = Date.now.bind(Date);
  window.unknotShift = 0;
  Date.now = () => real() + window.unknotShift;
}

// From Home: Settings, and the reminder's switch tapped.
async function turnReminderOn(page) {
  await scrollTo(page, "settings");
  await tap(page, "settings");
  await waitFor(page, "settings", "");
  await scrollTo(page, "reminder");
  await tapAndWait(page, "reminder");
}

// A first start's safety note read: Home.
async function acknowledgeNote(page) {
  await waitFor(page, "safety", "safety-ok");
  await tap(page, "safety-ok");
  await waitFor(page, "home", "browse");
}

// Settings' daily reminder with the Notifications API: refused, it says where
// to allow it; allowed, "Send one now" reaches the browser, a page timer waits
// for the next reminder, and with the page hidden (no frames at all) the
// reminder still comes when that timer calls in, naming today's routines.
async function reminders(browser, url) {
  {
    const {ctx, page} = await permittedPage(browser, url, []);  // notifications refused
    await acknowledgeNote(page);
    await turnReminderOn(page);
    await until(page, "Settings says notifications are blocked",
                () => window.unknot.state.text.some((t) => t.includes("Notifications are blocked")));
    ok("reminder: refused by the browser, Settings says where to allow it");
    await ctx.close();
  }
  const {ctx, page} = await permittedPage(browser, url, ["notifications"], [shiftableClock]);
  await acknowledgeNote(page);
  // A plan first: the reminder names its day's routines.
  await startPlan(page, "calmer-evenings");
  await tap(page, "back-nav");
  await waitFor(page, "plans", "back-nav");
  await tap(page, "back-nav");
  await waitFor(page, "home", "browse");
  await turnReminderOn(page);
  await until(page, "a page timer waits for the next reminder", () => typeof window.unknot.reminderAt === "number");
  const at = await page.evaluate(() => window.unknot.reminderAt);
  check(at > Date.now() && at - Date.now() <= 8 * 86400000, "the next reminder is within the week, not in the past",
        new Date(at).toISOString());
  check(await shows(page, "Next reminder"), "Settings says when the next reminder comes");
  await scrollTo(page, "reminder-try");
  await tap(page, "reminder-try");
  await until(page, "Send one now reached the browser", () => window.unknot.notifications.length === 1);
  await until(page, "the browser shows it", async () => {
    if (Module.unknotNotifyError) return true;
    const r = await navigator.serviceWorker.getRegistration();
    return !!r && (await r.getNotifications()).length > 0;
  });
  const shown = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return {error: Module.unknotNotifyError, active: !!(r && r.active),
            titles: r ? (await r.getNotifications()).map((n) => n.title) : []};
  });
  check(!shown.error && shown.titles.includes("Today’s practice"), "it is shown through the service worker",
        JSON.stringify(shown));
  // Hidden: no frames. The timer's call at the instant still shows it.
  await page.evaluate(() => Module._unknot_web_visibility(1));
  const frames = await page.evaluate(() => window.unknot.frames);
  await page.evaluate((t) => { window.unknotShift = t - Date.now() + 1000; Module._unknot_web_reminder(); }, at);
  const got = await page.evaluate(() => window.unknot.notifications);
  check(got.length === 2 && got[1].title === "Today’s practice" && got[1].body.endsWith("whenever it suits you."),
        "hidden, the reminder came at its instant with the day's routines", JSON.stringify(got));
  check((await page.evaluate(() => window.unknot.frames)) === frames, "and no frame was drawn for it");
  check((await page.evaluate(() => window.unknot.reminderAt)) > at, "the next one is set for a later day");
  await page.evaluate(() => Module._unknot_web_visibility(0));
  await ctx.close();
}

// Keeps the last Blob the page hands to a download, for the test to read,
// and lets the test make the voice's data unreachable (as offline, before it
// was ever kept).
function keepDownloads() {
  const make = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob) => { window.lastBlob = blob; return make(blob); };
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => window.blockVoice && String(input).includes("voice/")
    ? Promise.reject(new TypeError("unreachable (the test)")) : realFetch(input, init);
}

// The last downloaded .wav, read in the page: its header, its length, and
// how many 50 ms windows are louder than a whisper (speech fills many more
// of them than the tones alone).
const readWav = (page) => page.evaluate(async () => {
  const b = new DataView(await window.lastBlob.arrayBuffer());
  const tag = (at) => String.fromCharCode(b.getUint8(at), b.getUint8(at + 1), b.getUint8(at + 2), b.getUint8(at + 3));
  const rate = b.getUint32(24, true), n = (b.byteLength - 44) / 2, win = Math.round(rate / 20);
  let loud = 0;
  for (let i = 0; i + win <= n; i += win) {
    let e = 0;
    for (let j = 0; j < win; ++j) { const v = b.getInt16(44 + 2 * (i + j), true) / 32768; e += v * v; }
    if (Math.sqrt(e / win) > 0.02) ++loud;
  }
  return {riff: tag(0), wave: tag(8), rate, bits: b.getUint16(34, true), dataBytes: b.getUint32(40, true),
          bytes: b.byteLength, seconds: n / rate, loud, type: window.lastBlob.type, name: window.unknot.lastDownload.name};
});

async function saveOnce(page) {
  await page.evaluate(() => { window.unknot.lastDownload = null; });
  // After an answer the card shows it at the top: the button is just above.
  for (let i = 0; i < 10 && !(await state(page)).hotspots.some((h) => h.id === "save-audio"); ++i) {
    const before = JSON.stringify(await state(page));
    await page.mouse.move(195, 500);
    await page.mouse.wheel({deltaY: -150});
    await changed(page, before, 3000);
  }
  await scrollTo(page, "save-audio");
  await tap(page, "save-audio");
  await until(page, "Save as audio hands a file to the downloads", () => !!window.unknot.lastDownload);
  return readWav(page);
}

// The card's "Save as audio" on a phone: a .wav in the downloads, spoken by
// espeak-ng compiled to wasm, its data fetched on the first save (not on the
// first visit) and kept by the service worker. Unreachable, the file has the
// tones and the card says so; the next tap tries again.
async function saveAsAudio(browser, url) {
  const {ctx, page} = await permittedPage(browser, url, null, [keepDownloads]);
  await acknowledgeNote(page);
  const voiceAtStart = await page.evaluate(() => performance.getEntriesByType("resource")
    .filter((e) => e.name.includes("/voice/")).length);
  check(voiceAtStart === 0, "a first visit does not fetch the voice's data");
  await until(page, "the service worker controls the page", () => !!navigator.serviceWorker.controller);
  await tap(page, "browse");
  await waitFor(page, "browse", "spot:neck");
  await tap(page, "spot:neck");
  await waitFor(page, "list", "card:neck-release");
  await tap(page, "card:neck-release");
  await waitFor(page, "card", "start");

  await page.evaluate(() => { window.blockVoice = true; });
  const tones = await saveOnce(page);
  check(tones.name === "neck-release-en.wav" && tones.type === "audio/wav", "the download is neck-release-en.wav, audio/wav",
        JSON.stringify(tones));
  check(tones.riff === "RIFF" && tones.wave === "WAVE" && tones.rate === 22050 && tones.bits === 16 &&
        tones.dataBytes === tones.bytes - 44, "it is 16-bit PCM at 22,050 Hz, its header true to its length",
        JSON.stringify(tones));
  await until(page, "the card says the file has no voice",
              () => window.unknot.state.text.some((t) => t.includes("tones but no voice")));
  ok("voice unreachable: the file has the tones, and the card says so");

  await page.evaluate(() => { window.blockVoice = false; });
  const voiced = await saveOnce(page);
  check(voiced.seconds === tones.seconds && voiced.seconds > 60, "the same length with the voice (the timeline's)",
        `${voiced.seconds} s against ${tones.seconds} s`);
  check(voiced.loud >= tones.loud * 1.3 && voiced.loud - tones.loud >= 20,
        "the voice fills the file: many more loud 50 ms windows than the tones alone",
        `${voiced.loud} against ${tones.loud} of ${Math.floor(voiced.seconds * 20)}`);
  check(await shows(page, "Sent to your browser’s downloads as:") && await shows(page, "neck-release-en.wav") &&
        !(await shows(page, "tones but no voice")), "the card says where it went, and nothing is missing");
  const kept = await page.evaluate(async () => {
    for (const key of await caches.keys())
      if (await (await caches.open(key)).match(new URL("voice/espeak-ng-data.tar", location.href).href)) return true;
    return false;
  });
  check(kept, "the service worker keeps the voice's data for offline use");
  console.log(`   (${voiced.seconds} s; loud 50 ms windows: ${voiced.loud} with the voice, ${tones.loud} tones only)`);
  await ctx.close();
}

// The browser's language picks the app's on a first start.
async function french(browser, url) {
  const ctx = await browser.createBrowserContext();
  const page = await ctx.newPage();
  await page.emulate({viewport: phone, userAgent: await browser.userAgent()});
  const cdp = await page.createCDPSession();
  await cdp.send("Emulation.setLocaleOverride", {locale: "fr-FR"});
  await page.evaluateOnNewDocument(() => {
    Object.defineProperty(navigator, "languages", {get: () => ["fr-FR", "fr"]});
    Object.defineProperty(navigator, "language", {get: () => "fr-FR"});
  });
  await page.goto(url);
  await started(page);
  await waitFor(page, "safety", "safety-ok");
  check(await page.title() === "Avant de commencer · Unknot", "a French browser gets the app in French",
        await page.title());
  await ctx.close();
}

//-----------------------------------------------------------------------------
// [SECTION] Main
//-----------------------------------------------------------------------------
// Every journey, in order, the first in the browser's own first page.
async function everyJourney(page) {
  await page.goto(server.url);
  await firstStart(page);
  const routine = await session(page);
  await finish(page);
  await reloadKeepsSession(page, routine);
  await page.goto(server.url);
  await started(page);
  await plan(page);
  await installable(page, server.url);
  await userPack(page, tmp);
  await idle(page);
  await durable(browser, server.url);
  await noStorage(browser, server.url);
  await storageRefused(browser, server.url);
  await storageFull(browser, server.url);
  await reminders(browser, server.url);
  await saveAsAudio(browser, server.url);
  // Last: once its context (which holds a CDP session of its own) was closed,
  // making another context failed here ("Session with given id not found").
  await french(browser, server.url);
}

const server = await serve();
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "unknot-e2e-"));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unknot-e2e-files-"));
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: "new",
  userDataDir: profile,
  args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--lang=en-US",
         "--autoplay-policy=user-gesture-required"],
});
let status = 0;
try {
  const page = (await browser.pages())[0] || await browser.newPage();
  await page.emulate({viewport: phone, userAgent: await browser.userAgent()});
  page.on("pageerror", (e) => console.log(`page error: ${e.message}`));
  await page.evaluateOnNewDocument(fakeSpeech, testVoices);
  // UNKNOT_E2E_ONLY=name runs that one journey of its own context (one of
  // durable, noStorage, storageRefused, storageFull, reminders, saveAsAudio,
  // french), to work on it without the others.
  const only = process.env.UNKNOT_E2E_ONLY;
  const own = {durable, noStorage, storageRefused, storageFull, reminders, saveAsAudio, french};
  if (only && !own[only]) throw new Error(`FAILED: no journey ${only} (one of ${Object.keys(own).join(", ")})`);
  if (only) await own[only](browser, server.url);
  else await everyJourney(page);
  console.log(`${passed} passed, 0 failed${only ? ` (only ${only})` : ""}`);
} catch (e) {
  console.log(e.message);
  console.log(`${passed} passed, 1 failed`);
  status = 1;
} finally {
  await browser.close();
  server.proc.kill();
  fs.rmSync(profile, {recursive: true, force: true});
  fs.rmSync(tmp, {recursive: true, force: true});
}
process.exit(status);
