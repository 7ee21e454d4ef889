/**
 * Benchmark: the colour of a blackbody, log10(Σ g·bb / Σ r·bb), and dColour/dβ for 100,000
 * temperatures β = logspace(−2, 0) over 1000 wavelengths λ = linspace(0.3, 1.0)
 * (the workload of examples/blackbody).
 *
 *   node --conditions=source --import tsx bench/blackbody/main.ts [contender ...]
 *   (or: pnpm bench:blackbody)
 *
 * Contenders: `hand` (hand-written float64 loops, the limit and the reference), `orrery`
 * (jit(vmap(colour)) and jit(vmap(grad(colour))) on the cpu device, float64), `orrery-wasm`
 * (the same on the tfjs wasm device, float32, in chunks of 10k rows), `tfjs-wasm`
 * (float32, tf.grad of the sum), `jaxjs-f32` and `jaxjs-f64` (@jax-js/jax on wasm, jit(vmap)).
 * Each (contender, function) pair runs in a fresh child process on the same inputs: the first
 * call (trace/compile + run) and the median of BENCH_STEADY (default 5) steady calls are timed.
 * Prints a table and writes bench/results/blackbody.json.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { arch, cpus, loadavg, platform, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type WorkerResult, N_BETA, N_LAM, STEADY, median, readInputs, writeInputs } from "./common.js";
import { handColour, handDColour } from "./hand.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const ORDER = ["hand", "orrery", "orrery-wasm", "tfjs-wasm", "jaxjs-f32", "jaxjs-f64"] as const;
const FNS = ["f", "df"] as const;

// ---------------------------------------------------------------- worker: one contender, one function
async function worker(name: string, fn: "f" | "df", dir: string): Promise<void> {
  const { CONTENDERS } = await import("./contenders.js");
  const c = CONTENDERS[name];
  if (c === undefined) throw new Error(`unknown contender ${name}`);
  const x = readInputs(join(dir, "inputs.bin"));
  const m = await c.run(x, fn);
  const out = Float64Array.from(m.out);
  if (out.length !== N_BETA) throw new Error(`${name} ${fn}: ${out.length} outputs, expected ${N_BETA}`);
  writeFileSync(join(dir, `${name}.${fn}.bin`), new Uint8Array(out.buffer));
  const res: WorkerResult = {
    contender: name,
    fn,
    firstMs: m.firstMs,
    steadyMs: median(m.steadyAllMs),
    steadyAllMs: m.steadyAllMs,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    reportedCompileMs: m.reportedCompileMs,
    notes: m.notes,
  };
  writeFileSync(join(dir, `${name}.${fn}.json`), JSON.stringify(res));
}

// ---------------------------------------------------------------- orchestrator
interface Accuracy {
  finitePct: number;
  maxRelErr: number;
  /** Index of the worst relative error and the values there. */
  worst?: { beta: number; value: number; reference: number };
}

function accuracy(y: Float64Array, ref: Float64Array, betas: Float64Array): Accuracy {
  let finite = 0;
  let maxRel = 0;
  let worst: Accuracy["worst"];
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) continue;
    finite++;
    if (!Number.isFinite(ref[i])) continue;
    const rel = Math.abs(y[i] - ref[i]) / Math.abs(ref[i]);
    if (rel > maxRel || worst === undefined) {
      if (rel >= maxRel) worst = { beta: betas[i], value: y[i], reference: ref[i] };
      maxRel = Math.max(maxRel, rel);
    }
  }
  return { finitePct: (100 * finite) / y.length, maxRelErr: maxRel, worst };
}

function runWorker(name: string, fn: string, dir: string): { ok: true; res: WorkerResult; out: Float64Array } | { ok: false; error: string } {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), "--worker", name, fn, dir];
  const p = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20, timeout: 15 * 60_000 });
  const jsonPath = join(dir, `${name}.${fn}.json`);
  if (p.status !== 0 || !existsSync(jsonPath)) {
    const why = p.error ? String(p.error) : p.signal ? `killed by ${p.signal}` : `exit ${p.status}`;
    const tail = `${p.stdout ?? ""}\n${p.stderr ?? ""}`.trim().split("\n").slice(-8).join("\n");
    return { ok: false, error: `${why}: ${tail}` };
  }
  const buf = readFileSync(join(dir, `${name}.${fn}.bin`));
  const out = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  return { ok: true, res: JSON.parse(readFileSync(jsonPath, "utf8")) as WorkerResult, out };
}

const fmtMs = (x: number | undefined) => (x === undefined ? "—" : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const fmtE = (x: number | undefined) => (x === undefined ? "—" : x === 0 ? "0" : x.toExponential(1));
const fmtPct = (x: number | undefined) => (x === undefined ? "—" : x === 100 ? "100" : x.toFixed(2));

async function orchestrate(only: string[]): Promise<void> {
  const { np } = await import("@orrery/core");
  const { passbands } = await import("../../examples/blackbody/src/blackbody.js");
  type Concrete = { data: Float64Array };
  const bands = passbands(N_LAM);
  const inputs = {
    betas: (np.logspace(-2, 0, N_BETA) as unknown as Concrete).data.slice(),
    lam: (bands.lam as unknown as Concrete).data.slice(),
    g: (bands.gFilter as unknown as Concrete).data.slice(),
    r: (bands.rFilter as unknown as Concrete).data.slice(),
  };
  for (const [k, v] of Object.entries(inputs)) if (!(v instanceof Float64Array)) throw new Error(`input ${k} is not float64`);
  const dir = mkdtempSync(join(tmpdir(), "orrery-bench-blackbody-"));
  writeInputs(join(dir, "inputs.bin"), inputs);
  const x = readInputs(join(dir, "inputs.bin"));

  // Sanity of the reference: the analytic derivative against a central difference of the colour.
  const probe = Float64Array.of(0.01, 0.03, 0.1, 0.3, 1);
  const h = 1e-6;
  const fp = new Float64Array(probe.length), fm = new Float64Array(probe.length), d = new Float64Array(probe.length);
  handColour(probe.map((b) => b * (1 + h)), x.lam, x.g, x.r, fp);
  handColour(probe.map((b) => b * (1 - h)), x.lam, x.g, x.r, fm);
  handDColour(probe, x.lam, x.g, x.r, d);
  const fdRel = Math.max(...Array.from(probe, (b, i) => Math.abs((fp[i] - fm[i]) / (2 * h * b) - d[i]) / Math.abs(d[i])));
  console.log(`reference check: analytic dColour/dβ vs central difference at β ∈ {${Array.from(probe).join(", ")}}: max rel diff ${fdRel.toExponential(1)}`);

  const names = ORDER.filter((n) => only.length === 0 || only.includes(n) || n === "hand");
  const results: Record<string, Partial<Record<"f" | "df", { res: WorkerResult; acc: Accuracy } | { error: string }>>> = {};
  const loads: { run: string; load1: number }[] = [];
  const refs: Partial<Record<"f" | "df", Float64Array>> = {};
  for (const name of names) {
    results[name] = {};
    for (const fn of FNS) {
      process.stdout.write(`running ${name} ${fn} ... `);
      loads.push({ run: `${name} ${fn}`, load1: loadavg()[0] });
      const r = runWorker(name, fn, dir);
      if (!r.ok) {
        console.log(`FAILED\n  ${r.error.replace(/\n/g, "\n  ")}`);
        results[name][fn] = { error: r.error };
        continue;
      }
      if (name === "hand") refs[fn] = r.out;
      const ref = refs[fn];
      const acc = ref ? accuracy(r.out, ref, x.betas) : { finitePct: NaN, maxRelErr: NaN };
      results[name][fn] = { res: r.res, acc };
      console.log(`first ${fmtMs(r.res.firstMs)} ms, steady ${fmtMs(r.res.steadyMs)} ms [${r.res.steadyAllMs.map(fmtMs).join(", ")}], peak RSS ${r.res.maxRssMiB.toFixed(0)} MiB`);
    }
  }
  rmSync(dir, { recursive: true, force: true });

  const { CONTENDERS } = await import("./contenders.js");
  const get = (n: string, fn: "f" | "df") => {
    const e = results[n]?.[fn];
    return e && "res" in e ? e : undefined;
  };

  // Table.
  const header = ["contender", "f steady ms", "f first ms", "df steady ms", "df first ms", "compile ms f/df (first−steady)", "finite % f/df", "max rel err f/df", "peak RSS MiB f/df"];
  const rows = names.map((n) => {
    const f = get(n, "f"), df = get(n, "df");
    return [
      CONTENDERS[n].label,
      fmtMs(f?.res.steadyMs), fmtMs(f?.res.firstMs), fmtMs(df?.res.steadyMs), fmtMs(df?.res.firstMs),
      `${fmtMs(f && f.res.firstMs - f.res.steadyMs)} / ${fmtMs(df && df.res.firstMs - df.res.steadyMs)}`,
      `${fmtPct(f?.acc.finitePct)} / ${fmtPct(df?.acc.finitePct)}`,
      n === "hand" ? "(reference)" : `${fmtE(f?.acc.maxRelErr)} / ${fmtE(df?.acc.maxRelErr)}`,
      `${f ? f.res.maxRssMiB.toFixed(0) : "—"} / ${df ? df.res.maxRssMiB.toFixed(0) : "—"}`,
    ];
  });
  const widths = header.map((hd, i) => Math.max(hd.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  console.log(`\nblackbody colour, ${N_BETA.toLocaleString("en")} β × ${N_LAM} λ; median of ${STEADY} steady calls; node ${process.version}, ${cpus()[0]?.model ?? "?"} × ${cpus().length}\n`);
  console.log(line(header));
  console.log("|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|");
  for (const r of rows) console.log(line(r));
  const maxRelNote = "max rel err over entries finite in both (the reference is the hand-written loops; df's is analytic)";
  console.log(`\n${maxRelNote}`);
  console.log(`1-min load average before the runs: ${loads.map((l) => l.load1.toFixed(1)).join(", ")} (${cpus().length} cores; other processes share the machine)`);
  for (const n of names) for (const fn of FNS) {
    const e = results[n][fn];
    if (e && "error" in e) console.log(`${CONTENDERS[n].label} ${fn}: FAILED: ${e.error.split("\n")[0]}`);
    else if (e) for (const note of e.res.notes) console.log(`${CONTENDERS[n].label} ${fn}: ${note}`);
  }

  // Ratios: Orrery's steady time over each other contender's (below 1: Orrery is faster).
  const ratios: Record<string, { f?: number; df?: number }> = {};
  const o = { f: get("orrery", "f"), df: get("orrery", "df") };
  if (o.f || o.df) {
    console.log("\nOrrery steady time ÷ other's steady time (< 1: Orrery faster)");
    for (const n of names) {
      if (n === "orrery") continue;
      const rf = o.f && get(n, "f") ? o.f.res.steadyMs / get(n, "f")!.res.steadyMs : undefined;
      const rdf = o.df && get(n, "df") ? o.df.res.steadyMs / get(n, "df")!.res.steadyMs : undefined;
      ratios[n] = { f: rf, df: rdf };
      console.log(`  vs ${CONTENDERS[n].label.padEnd(32)} f ${rf?.toFixed(2) ?? "—"}×   df ${rdf?.toFixed(2) ?? "—"}×`);
    }
  }

  // Targets.
  const targets: { target: string; measured: string; met: boolean | null }[] = [];
  const add = (target: string, measured: string, met: boolean | null) => targets.push({ target, measured, met });
  if (o.f && o.df) {
    for (const fn of FNS) {
      const r = ratios.hand?.[fn];
      add(`Orrery ${fn} within 1.25× of the hand-written loops`, r === undefined ? "—" : `${r.toFixed(2)}×`, r === undefined ? null : r <= 1.25);
    }
    for (const peer of ["tfjs-wasm", "jaxjs-f32", "jaxjs-f64"]) {
      if (!names.includes(peer as (typeof ORDER)[number])) continue;
      for (const fn of FNS) {
        const r = ratios[peer]?.[fn];
        add(`Orrery ${fn} faster than ${CONTENDERS[peer].label}`, r === undefined ? "peer did not run" : `${r.toFixed(2)}×`, r === undefined ? null : r < 1);
      }
    }
    for (const fn of FNS) {
      const e = o[fn]!;
      const c = e.res.firstMs - e.res.steadyMs;
      add(`Orrery ${fn} compile < 100 ms (first − steady)`, `${c.toFixed(0)} ms (jit's own trace+compile ${e.res.reportedCompileMs?.toFixed(1)} ms)`, c < 100);
    }
    for (const fn of FNS) add(`Orrery ${fn}: every value finite`, `${fmtPct(o[fn]!.acc.finitePct)} %`, o[fn]!.acc.finitePct === 100);
    for (const fn of FNS) add(`Orrery ${fn}: max rel err ≤ 1e-12`, fmtE(o[fn]!.acc.maxRelErr), o[fn]!.acc.maxRelErr <= 1e-12);
    console.log("\ntargets");
    for (const t of targets) console.log(`  [${t.met === null ? "n/a" : t.met ? "met" : "NOT MET"}] ${t.target}: ${t.measured}`);
  }

  let commit: string | undefined;
  const git = spawnSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  if (git.status === 0) commit = git.stdout.trim();
  const json = {
    benchmark: "blackbody",
    description: "colour(β) = log10(Σ g·bb / Σ r·bb), bb = λ⁻²/(exp(1/(λβ)) − 1), and dColour/dβ, for every β",
    command: "node --conditions=source --import tsx bench/blackbody/main.ts",
    date: new Date().toISOString(),
    commit,
    machine: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, totalMemGiB: +(totalmem() / 2 ** 30).toFixed(1), platform: platform(), arch: arch(), loadAverage1mBeforeEachRun: loads },
    config: { nBeta: N_BETA, nLam: N_LAM, betas: "logspace(-2, 0, 100000)", lam: "linspace(0.3, 1.0, 1000)", filters: { g: [0.47, 0.05], r: [0.62, 0.06] }, steadyCalls: STEADY, referenceCheckFdRelDiff: fdRel, accuracy: maxRelNote },
    contenders: Object.fromEntries(names.map((n) => [n, {
      label: CONTENDERS[n].label,
      dtype: CONTENDERS[n].dtype,
      ...Object.fromEntries(FNS.map((fn) => {
        const e = results[n][fn];
        if (!e) return [fn, null];
        if ("error" in e) return [fn, { error: e.error }];
        return [fn, {
          steadyMs: e.res.steadyMs, firstMs: e.res.firstMs, compileMs: e.res.firstMs - e.res.steadyMs, steadyAllMs: e.res.steadyAllMs, steadyMinMs: Math.min(...e.res.steadyAllMs),
          reportedCompileMs: e.res.reportedCompileMs, peakRssMiB: e.res.maxRssMiB, finitePct: e.acc.finitePct,
          maxRelErr: n === "hand" ? 0 : e.acc.maxRelErr, worst: n === "hand" ? undefined : e.acc.worst, notes: e.res.notes,
        }];
      })),
    }])),
    orreryTimeOver: ratios,
    targets,
  };
  const outPath = join(ROOT, "bench", "results", "blackbody.json");
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, JSON.stringify(json, null, 2) + "\n");
  console.log(`\nwrote ${outPath}`);
}

const argv = process.argv.slice(2);
if (argv[0] === "--worker") await worker(argv[1], argv[2] as "f" | "df", argv[3]);
else await orchestrate(argv);
