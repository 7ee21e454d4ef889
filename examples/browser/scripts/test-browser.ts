/**
 * `pnpm --filter @orrery/example-browser test:browser` (after `build`): serve dist/ on
 * 127.0.0.1, open it in headless Chromium (playwright-core, /usr/bin/chromium or $CHROMIUM),
 * press Fit on the cpu device, wait for the summary and the corner plot, save
 * out/screenshot.png, and check that the fit ran on the device, that the progress bar was
 * painted during warmup before sampling started, the summary rows m and b, the corner SVG and
 * the band. Then the cpu fit with chains in parallel Web Workers (the 4 chains ran in workers,
 * their draws equal the sequential fit's; CHAINS=sequential to skip it), and the fit on wasm and
 * webgl (DEVICES=cpu to skip them). CPU_WARMUP and CPU_SAMPLES lengthen the cpu fits (to time
 * parallel against sequential). Exit code 0 when all pass.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Page, chromium } from "playwright-core";
import { DIST, ROOT } from "./build.js";
import { serve } from "./serve.js";
import type { FitReport } from "../src/page.js";

const EXE = process.env.CHROMIUM ?? "/usr/bin/chromium";
// From ../../shared/PEERS.md: headless, as root, and quiet on a closed network.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const TRUTH = { m: 1.7, b: -0.3 };
const DEVICES = (process.env.DEVICES ?? "cpu,wasm,webgl").split(",").filter(Boolean);
const CHAINS = (process.env.CHAINS ?? "sequential,parallel").split(",").filter(Boolean);
const QUERY = new URLSearchParams();
if (process.env.CPU_WARMUP) QUERY.set("warmup", process.env.CPU_WARMUP);
if (process.env.CPU_SAMPLES) QUERY.set("samples", process.env.CPU_SAMPLES);


let failures = 0;
function check(ok: boolean, what: string): void {
  console.log(`  ${ok ? "✓" : "✗"} ${what}`);
  if (!ok) failures++;
}

/** The summary row of a site: its mean, sd, r_hat (the first, second and last numbers). */
function summaryRow(text: string, site: string): { mean: number; sd: number; rhat: number } | null {
  const line = text.split("\n").find((l) => l.trim().split(/\s+/)[0] === site);
  if (line === undefined) return null;
  const nums = line.trim().split(/\s+/).slice(1).map(Number);
  return { mean: nums[0], sd: nums[1], rhat: nums[nums.length - 1] };
}

async function fitOn(page: Page, device: string, chains: string, screenshot: string | null): Promise<void> {
  console.log(`device ${device}${device === "cpu" ? `, chains ${chains}` : ""}:`);
  await page.selectOption("#device", device);
  await page.selectOption("#chains", chains);
  const runsBefore = Number(await page.evaluate(() => document.body.dataset.runs ?? "0"));
  // Web Workers the page starts during the fit (playwright reports each dedicated worker).
  const workers: string[] = [];
  const onWorker = (w: { url(): string }) => workers.push(w.url());
  page.on("worker", onWorker);
  await page.click("#fit");
  await page.waitForFunction(
    (n) => Number(document.body.dataset.runs ?? "0") > n && (document.body.dataset.state === "done" || document.body.dataset.state === "error"),
    runsBefore,
    { timeout: 300_000, polling: 100 },
  );
  page.off("worker", onWorker);
  const state = await page.evaluate(() => document.body.dataset.state);
  const status = await page.textContent("#status");
  check(state === "done", `the fit finished (state ${state}: ${status?.split("\n")[0]})`);
  if (state !== "done") {
    console.log(status);
    return;
  }
  const report = (await page.evaluate(() => (window as unknown as { __orreryFit: unknown }).__orreryFit)) as FitReport;
  const progressValue = await page.evaluate(() => (document.getElementById("progress") as HTMLProgressElement).value);
  check(report.fitDevice === device, `the NUTS fit ran on ${device} (MCMC device option: ${report.fitDevice})`);
  const parallel = report.chainMethod === "parallel";
  check(report.chainMethod === (device === "cpu" ? chains : "vectorized"), `the chains ran ${report.chainMethod}`);
  check(report.chainsRun === report.numChains, `${report.chainsRun} chains returned draws`);
  if (parallel) {
    // A pool of min(cores, chains) workers for warmup, and one for sampling.
    const pool = Math.min(report.cores, report.numChains);
    const ours = workers.filter((u) => u.endsWith("/orrery-infer-worker.js"));
    check(ours.length === 2 * pool && ours.length === workers.length, `the chains ran in Web Workers: ${ours.length} of orrery-infer-worker.js started (2 pools of ${pool}: ${report.cores} cores)`);
    check(report.drawsEqualSequential === true, "the parallel draws and extra fields equal the sequential fit's exactly");
  } else check(workers.length === 0, `no worker was started (${workers.length})`);
  const perChain = report.numWarmup + report.numSamples;
  // Chains in workers post progress at most every ~50 ms, and always at the end of each phase.
  const wantEvents = parallel ? 2 * report.numChains : report.numChains * perChain;
  check(
    report.progressEvents >= wantEvents && progressValue === 1,
    `onProgress drove the bar (${report.progressEvents} events for ${report.numChains} × ${perChain} iterations, want ≥ ${wantEvents}; final value ${progressValue})`,
  );
  // The page yields during warmup: frames were painted showing warmup progress before sampling began.
  const firstSample = report.frames.findIndex((f) => f.phase === "sample");
  const warmupFrames = report.frames.slice(0, firstSample < 0 ? undefined : firstSample).filter((f) => f.phase === "warmup" && f.value > 0);
  const moving = new Set(warmupFrames.map((f) => f.value)).size;
  // On cpu the warmup takes a few tens of ms (about one frame); on wasm and webgl seconds.
  const wantMoving = device === "cpu" ? 1 : 5;
  check(firstSample > 0 && moving >= wantMoving, `the bar was painted at ${moving} warmup positions before sampling started (frame ${firstSample} of ${report.frames.length}; want ≥ ${wantMoving})`);
  check(report.frames.every((f, i) => i === 0 || f.value >= report.frames[i - 1].value), "the bar only moved forwards");
  const summary = (await page.textContent("#summary")) ?? "";
  for (const site of ["m", "b"] as const) {
    const row = summaryRow(summary, site);
    check(row !== null, `the summary has a row ${site}`);
    if (row === null) continue;
    // 50 points with errors 0.1–0.5: the posterior sd is a few hundredths; 5 sd from the truth fails.
    check(Math.abs(row.mean - TRUTH[site]) < 5 * row.sd && row.sd < 0.2, `${site}: mean ${row.mean} sd ${row.sd} is near the truth ${TRUTH[site]}`);
    check(row.rhat < 1.05, `${site}: r_hat ${row.rhat} < 1.05`);
  }
  const corner = await page.evaluate(() => {
    const svg = document.querySelector("#corner svg");
    return svg === null ? null : { paths: svg.querySelectorAll("path").length, texts: Array.from(svg.querySelectorAll("text")).map((t) => t.textContent ?? "") };
  });
  check(corner !== null, "the corner plot is an inline SVG");
  if (corner !== null) {
    check(corner.paths >= 6, `the corner SVG has its panels (${corner.paths} paths)`);
    check(corner.texts.some((t) => t.includes("m (slope)")) && corner.texts.some((t) => t.includes("b (intercept)")), "the corner SVG labels m and b");
  }
  check((await page.$("#ppc svg")) !== null, "the posterior-predictive band is an inline SVG");
  const band = report.steps.find((s) => s.step.startsWith("predictive lines"));
  check(band?.device === device, `the predictive lines ran on ${device} (table says ${band?.device})`);
  if (device !== "cpu") check(report.bandMaxAbsDiff < 1e-3, `the ${device} mean line matches cpu's (max |diff| ${report.bandMaxAbsDiff.toExponential(2)})`);
  console.log(`    fit ${report.fitSeconds.toFixed(2)} s; ${report.steps.map((s) => `${s.step.split(":")[0]} on ${s.device} ${s.ms.toFixed(0)} ms`).join("; ")}`);
  if (parallel) {
    console.log(
      `    ${report.numChains} chains × (${report.numWarmup} + ${report.numSamples}): parallel ${report.fitSeconds.toFixed(3)} s (warmup ${report.warmupSeconds.toFixed(3)} s) ` +
        `vs sequential ${report.sequentialSeconds.toFixed(3)} s (${report.cores} cores); each chain's own seconds (warmup + sampling): ` +
        `in workers ${report.chainSeconds.map((t) => t.toFixed(3)).join(", ")}, on the page's thread ${report.sequentialChainSeconds.map((t) => t.toFixed(3)).join(", ")}`,
    );
  }
  if (screenshot !== null) {
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`    screenshot: ${screenshot}`);
  }
}

/** A worker script that does not load: the fit fails with an error that says what to fix. */
async function missingWorker(page: Page, url: string): Promise<void> {
  console.log("parallel chains, worker script missing:");
  await page.goto(`${url}?chains=parallel&worker=no-such-worker.js`);
  await page.waitForFunction(() => document.body.dataset.state === "ready", undefined, { timeout: 30_000 });
  await page.click("#fit");
  await page.waitForFunction(() => document.body.dataset.state === "done" || document.body.dataset.state === "error", undefined, { timeout: 60_000, polling: 100 });
  const state = await page.evaluate(() => document.body.dataset.state);
  const status = (await page.textContent("#status")) ?? "";
  check(state === "error", `the fit failed (state ${state})`);
  const first = status.split("\n")[0];
  check(/could not start/.test(first) && first.includes("no-such-worker.js") && first.includes("workerUrl"), `the error names the worker script and the fix: ${first.slice(0, 160)}…`);
}

async function main(): Promise<number> {
  if (!existsSync(EXE)) {
    console.error(`Chromium not found at ${EXE}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM=/path/to/chrome.`);
    return 2;
  }
  if (!existsSync(join(DIST, "index.html"))) {
    console.error("dist/ is missing: run the build first (`pnpm --filter @orrery/example-browser test:browser` does).");
    return 2;
  }
  const outDir = join(ROOT, "out");
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "orrery-chromium-profile-"));
  const { server, url } = await serve(DIST, "127.0.0.1", 0);
  const context = await chromium.launchPersistentContext(profile, { executablePath: EXE, headless: true, args: FLAGS, viewport: { width: 1200, height: 900 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const logs: string[] = [];
    page.on("console", (m) => logs.push(`[${m.type()}] ${m.text()}`));
    page.on("pageerror", (e) => logs.push(`[pageerror] ${e.message}`));
    await page.goto(QUERY.size > 0 ? `${url}?${QUERY}` : url);
    await page.waitForFunction(() => document.body.dataset.state === "ready", undefined, { timeout: 30_000 });
    console.log(`${url} in ${EXE}`);
    for (const device of DEVICES) {
      if (device !== "cpu") await fitOn(page, device, "sequential", join(outDir, `screenshot-${device}.png`));
      else for (const chains of CHAINS) await fitOn(page, device, chains, join(outDir, chains === "sequential" ? "screenshot.png" : `screenshot-${chains}.png`));
    }
    if (DEVICES.includes("cpu") && CHAINS.includes("parallel")) await missingWorker(page, url);
    if (failures > 0 || process.env.VERBOSE) for (const l of logs) console.log(l);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(failures === 0 ? "all checks passed" : `${failures} check(s) failed`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
