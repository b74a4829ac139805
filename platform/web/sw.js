// Unknot's service worker: the whole site is cached at install, so after the
// first visit the app starts with no network at all.
//
// Versions: make-site.sh writes the version (a hash of every file) and the
// file list below. A new version installs in the background and WAITS (no
// skipWaiting): the open app keeps the files it started with, and the new
// version takes over on the next start, when no page of the old one is open.
// Never mid-session.
const VERSION = "__UNKNOT_VERSION__";
const FILES = __UNKNOT_FILES__;
const CACHE = "unknot-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys())
      if (key.startsWith("unknot-") && key !== CACHE) await caches.delete(key);
    // The first visit's page is controlled at once (there was no older worker).
    await self.clients.claim();
  })());
});

// Cache first, for every file of the site; a page load is index.html. The
// voice's data (voice/, not in FILES: a first visit does not fetch it) is
// kept the first time the page asks for it, so "Save as audio" speaks
// offline from then on.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, {ignoreSearch: true}) ||
                (request.mode === "navigate" ? await cache.match("./") : undefined);
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok && new URL(request.url).pathname.includes("/voice/"))
      await cache.put(request, response.clone());
    return response;
  })());
});

// The daily reminder (platform/web/web_notifier.cpp) is shown through this
// worker: a tap on it brings the open Unknot page forward (or opens one).
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil((async () => {
    const pages = await self.clients.matchAll({type: "window", includeUncontrolled: true});
    for (const page of pages)
      if ("focus" in page) return page.focus();
    return self.clients.openWindow("./");
  })());
});
