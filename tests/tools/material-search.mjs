// Load Material for MkDocs' own search worker from a built site, in a sandbox, as the browser would.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

export async function loadSearch(siteDir) {
  const workerDir = path.join(siteDir, "assets", "javascripts", "workers");
  const workerFile = fs.readdirSync(workerDir).find((f) => /^search\..*\.min\.js$/.test(f));
  const index = JSON.parse(fs.readFileSync(path.join(siteDir, "search", "search_index.json"), "utf8"));
  let listener = null;
  const outbox = [];
  const ctx = { console, setTimeout, Promise, addEventListener: (t, fn) => { if (t === "message") listener = fn; },
    postMessage: (m) => outbox.push(m), importScripts: () => {}, location: { href: "http://localhost/" }, navigator: {} };
  ctx.self = ctx; ctx.globalThis = ctx;
  vm.createContext(ctx);
  vm.runInContext(fs.readFileSync(path.join(workerDir, workerFile), "utf8"), ctx);
  async function send(msg) {
    outbox.length = 0;
    await listener({ data: msg });
    // The worker answers asynchronously; wait for its answer (a busy machine can take a while).
    for (let i = 0; i < 1000 && !outbox.length; i++) await new Promise((r) => setTimeout(r, i ? 10 : 0));
    return outbox[0];
  }
  await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  // Result groups (one per page, best match first) for a query typed into the search box.
  return async (query) => {
    const res = await send({ type: 2, data: query });
    return (res && res.data && res.data.items) || [];
  };
}
