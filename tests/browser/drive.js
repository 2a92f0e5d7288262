// Drives headless Chromium (Debian's package, never a downloaded one) over a page written
// by `sgraph export html`, runs the steps of a plan, and prints one JSON report on stdout:
// console errors, page errors, every request that left the page, and what each step read.
//
//   node drive.js PAGE.html PLAN.json
//
// A plan is a list of steps, each an object with one key:
//   {"open": "#as-of=2021-07-01"}   load the page (with this address fragment)
//   {"hash": "#as-of=2025-12-31"}   change the fragment, as a reader editing the address
//   {"select": "potash"}            choose a commodity in the "Who affects" list
//   {"slider": 0}                   move the date slider to a stop (by keyboard: Home, End)
//   {"click": "belavia"}            click a node where it is drawn
//   {"state": "label"}              record window.sgraph.state() under the label
//   {"card": "label"}               record the card's text, sources and links
//   {"dom": "label"}                record what a script injected by input text would leave
//   {"screenshot": "out.png"}       save a screenshot
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

async function main() {
  const [pagePath, planPath] = process.argv.slice(2);
  if (!pagePath || !planPath) {
    throw new Error("usage: node drive.js PAGE.html PLAN.json");
  }
  const plan = JSON.parse(fs.readFileSync(planPath, "utf8"));
  const pageUrl = "file://" + path.resolve(pagePath);
  const report = { console: [], pageErrors: [], requests: [], results: {} };
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "sgraph-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.SGRAPH_CHROMIUM || "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      timeout: 60000,
    });
    const page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(60000);
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") {
        report.console.push(message.type() + ": " + message.text());
      }
    });
    page.on("pageerror", (error) => report.pageErrors.push(String(error)));
    // Every request but the page's own file leaves the page.
    page.on("request", (request) => {
      const url = request.url().split("#")[0];
      if (url !== pageUrl) { report.requests.push(url); }
    });
    for (const step of plan) {
      await run(page, pageUrl, step, report.results);
    }
  } finally {
    if (context) { await context.close(); }
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(report, null, 1) + "\n");
}

async function run(page, pageUrl, step, results) {
  const [[action, value]] = Object.entries(step);
  switch (action) {
    case "open": {
      const started = Date.now();
      await page.goto(pageUrl + value, { waitUntil: "load" });
      await page.waitForFunction(() => window.sgraph !== undefined);
      results.loadMillis = Date.now() - started;
      break;
    }
    case "hash":
      await page.evaluate((hash) => { location.hash = hash; }, value);
      await page.waitForFunction((hash) => window.sgraph.state().hash === hash, value);
      break;
    case "select":
      await page.selectOption("#commodity", value);
      break;
    case "slider":
      await page.focus("#slider");
      await page.keyboard.press(value === 0 ? "Home" : "End");
      break;
    case "click": {
      const at = await page.evaluate((id) => window.sgraph.position(id), value);
      if (!at) { throw new Error("no node " + value + " is drawn"); }
      await page.mouse.click(at.x, at.y);
      break;
    }
    case "state":
      results[value] = await page.evaluate(() => window.sgraph.state());
      break;
    case "card":
      results[value] = await page.evaluate(() => {
        const card = document.getElementById("card");
        const heading = card.querySelector("h2");
        return {
          title: heading ? heading.textContent : null,
          text: card.textContent,
          sources: Array.from(card.querySelectorAll("li[data-source]")).map((item) => ({
            id: item.dataset.source,
            text: item.textContent,
            links: Array.from(item.querySelectorAll("a")).map((a) => a.getAttribute("href")),
          })),
        };
      });
      break;
    case "dom":
      results[value] = await page.evaluate(() => ({
        scripts: document.querySelectorAll("script").length,
        injected: document.querySelectorAll(
          "img, iframe, object, embed, svg, .injected, [onerror], [onclick], [onload]").length,
        pwned: window.__pwned === undefined ? null : String(window.__pwned),
        title: document.getElementById("title").textContent,
        documentTitle: document.title,
        body: document.body.innerText,
      }));
      break;
    case "screenshot":
      await page.screenshot({ path: value });
      break;
    default:
      throw new Error("unknown step " + action);
  }
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String(error && error.stack || error) }) + "\n");
  process.exit(1);
});
