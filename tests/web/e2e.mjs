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
// UNKNOT_NODE_MODULES holding puppeteer-core. Exit 0 all passed, 1 a check
// failed, 77 skipped (no site, no Chromium, no puppeteer-core).
import {spawn} from "node:child_process";
import {createRequire} from "node:module";
import fs from "node:fs";
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

// Waits (15 s at most) until the app shows `screen` with `spot` among its
// hotspots ("card:*": any whose id starts with "card:").
async function waitFor(page, screen, spot) {
  const end = Date.now() + 15000;
  let s = null;
  while (Date.now() < end) {
    s = await state(page);
    const has = (h) => spot.endsWith("*") ? h.id.startsWith(spot.slice(0, -1)) : h.id === spot;
    if (s && s.screen === screen && (!spot || s.hotspots.some(has))) return s;
    await sleep(50);
  }
  throw new Error(`FAILED: screen ${screen}${spot ? ` with ${spot}` : ""} not shown within 15 s (last: ` +
                  `${s ? s.screen + " " + s.hotspots.map((h) => h.id).join(",") : "none"})`);
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
    await page.mouse.move(195, 500);
    await page.mouse.wheel({deltaY: h && h.y < 0 ? -200 : 200});
    await sleep(100);
  }
  throw new Error(`FAILED: could not scroll ${id} into view`);
}

async function started(page) {
  await page.waitForFunction(() => window.unknot && window.unknot.firstFrameMs !== null && window.unknot.state,
                             {timeout: 60000});
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
  const browse = await waitFor(page, "browse", "area:neck");
  check(browse.hotspots.length > 0, "browse by area: the body map's areas");
  await tap(page, "area:neck");
  const list = await waitFor(page, "list", "card:*");
  // neck-release, as the desktop's end-to-end test (its first step is timed).
  const card = list.hotspots.find((h) => h.id === "card:neck-release") ||
               list.hotspots.find((h) => h.id.startsWith("card:"));
  check(!!card, "the neck's routines are listed", list.hotspots.map((h) => h.id).join(","));
  await scrollTo(page, card.id);
  await tap(page, card.id);
  await waitFor(page, "card", "start");
  ok(`opened ${card.id}`);
  await tap(page, "start");
  await waitFor(page, "pain", "pain:6");
  await tap(page, "pain:6");
  await waitFor(page, "player", "pause");
  const said = await page.evaluate(() => window.unknot.announced.slice());
  check(said.length > 0 && said[said.length - 1].length > 0, "the first step's words went to the live region", said.join(" | "));
  const wake = await page.evaluate(() => window.unknot.wakeLock);
  check(wake !== "none", "a screen wake lock was asked for while playing", wake);
  await tap(page, "pause");
  await waitFor(page, "player", "resume");
  ok("paused with a tap");
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
    if (ids.includes("continue")) await tap(page, "continue");
    else if (ids.includes("skip")) await tap(page, "skip");
    await sleep(150);
  }
  await waitFor(page, "end", "done");
  const vib = await page.evaluate(() => window.unknot.vibrations.length);
  check(vib > 0, "haptics: navigator.vibrate was asked for during the session (a touch screen: on by default)",
        `${vib} patterns`);
  const said = await page.evaluate(() => window.unknot.announced.slice());
  check(said.includes("Session finished"), "\"Session finished\" went to the live region");
  check((await page.evaluate(() => window.unknot.syncs)) > 0, "the session was copied to IndexedDB before the end screen");
  await scrollTo(page, "pain-after:4");
  await tap(page, "pain-after:4");
  await sleep(300);
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
  await page.waitForFunction(() => window.unknot.downloads.length >= 2, {timeout: 15000});
  const files = await page.evaluate(() => window.unknot.downloads.slice());
  check(files.some((f) => f.endsWith(".json")) && files.some((f) => f.endsWith(".csv")),
        "History's Export is offered as downloads (CSV and JSON)", files.join(", "));
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
  await waitFor(page, "browse", "area:neck");
  ok("and it works offline");
  await page.setOfflineMode(false);
}

// A user's pack from files (several .yaml): the same lint, problems shown.
// The golden case broken-beside-valid: two routines load, two have errors.
async function userPack(page) {
  const dir = path.join(repo, "tests/golden/lint/broken-beside-valid");
  const files = fs.readdirSync(dir).map((f) => ({name: f, text: fs.readFileSync(path.join(dir, f), "utf8")}));
  await page.evaluate(() => history.back());  // the browser's Back: Home
  await waitFor(page, "home", "settings");
  await tap(page, "settings");
  await waitFor(page, "settings");
  check(await page.evaluate(() => !document.getElementById("add-pack").hidden),
        "Settings shows \"Add a pack from a file\"");
  await page.evaluate((fl) => Module.unknotImportPack(fl.map((f) => new File([f.text], f.name))), files);
  await page.waitForFunction(() => window.unknot.imports.length > 0, {timeout: 15000});
  const imp = await page.evaluate(() => window.unknot.imports[0]);
  check(!imp.error && imp.files === 4, "the four .yaml files were added as a pack", JSON.stringify(imp));
  await page.evaluate(() => history.back());
  await waitFor(page, "home", "problems");
  ok("its problems are shown on Home (the same lint as the desktop)");
  await tap(page, "problems");
  await waitFor(page, "problems");
  ok("and listed on the problems screen");
  await page.evaluate(() => history.back());
  await waitFor(page, "home", "browse");
  // Hostile input is refused before anything is written.
  await page.evaluate(() => Module.unknotImportPack([new File(["x"], "evil.exe")]));
  await page.waitForFunction(() => window.unknot.imports.length > 1, {timeout: 15000});
  const bad = await page.evaluate(() => window.unknot.imports[1]);
  check(!!bad.error, "a file that is neither .zip nor .yaml is refused with a reason", JSON.stringify(bad));
}

// Idle: no frame is drawn while nothing moves.
async function idle(page) {
  await sleep(1000);
  const a = await page.evaluate(() => window.unknot.frames);
  await sleep(1000);
  const b = await page.evaluate(() => window.unknot.frames);
  check(a === b, "idle: no frames drawn after 1 s without input", `${b - a} frames in 1 s`);
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
    const before = JSON.stringify(s);
    for (let j = 0; j < 40 && JSON.stringify(await state(page)) === before; ++j) await sleep(50);
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

// Storage refused (private browsing, IndexedDB turned off): a plain notice,
// and the app runs with its journal in memory.
async function noStorage(browser, url) {
  const ctx = await browser.createBrowserContext();
  const page = await ctx.newPage();
  await page.emulate({viewport: phone, userAgent: await browser.userAgent()});
  await page.evaluateOnNewDocument(() => {
    Object.defineProperty(window, "indexedDB", {configurable: true, get: () => undefined});
  });
  await page.goto(url);
  await started(page);
  await waitFor(page, "safety", "safety-ok");
  check(await page.evaluate(() => window.unknot.storage) === "memory", "without IndexedDB the journal is in memory");
  const notice = await page.evaluate(() => !document.getElementById("notice").hidden &&
                                            document.querySelector("#notice .text").textContent);
  check(typeof notice === "string" && /private browsing/.test(notice) && /Export/.test(notice),
        "and a plain notice says so, pointing to Export", String(notice));
  // The notice lies over the bottom of the app until it is read and closed.
  await page.tap("#notice button");
  await tap(page, "safety-ok");
  await waitFor(page, "home", "browse");
  ok("the app still works");
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
const server = await serve();
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "unknot-e2e-"));
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
  await page.goto(server.url);
  await firstStart(page);
  const routine = await session(page);
  await finish(page);
  await reloadKeepsSession(page, routine);
  await installable(page, server.url);
  await userPack(page);
  await idle(page);
  await durable(browser, server.url);
  await noStorage(browser, server.url);
  await french(browser, server.url);
  console.log(`${passed} passed, 0 failed`);
} catch (e) {
  console.log(e.message);
  console.log(`${passed} passed, 1 failed`);
  status = 1;
} finally {
  await browser.close();
  server.proc.kill();
  fs.rmSync(profile, {recursive: true, force: true});
}
process.exit(status);
