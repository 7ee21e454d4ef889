import { expect, test } from "vitest";
import { drawsArray, readArviZJson, toArviZDict, toArviZJson } from "../../src/index.js";

const mu = drawsArray(Float64Array.of(0.5, NaN, Infinity, -Infinity, 1e-300, -2.5), [2, 3]);
const theta = drawsArray(Float64Array.from({ length: 2 * 3 * 2 }, (_, i) => i / 7), [2, 3, 2]);
const diverging = drawsArray(Float64Array.of(0, 1, 0, 0, 0, 1), [2, 3]);

test("toArviZDict nests chain × draw × event and writes diverging as booleans", () => {
  const d = toArviZDict({ posterior: { mu, theta }, sampleStats: { diverging }, coords: { school: ["a", "b"] }, dims: { theta: ["school"] } });
  expect(Object.keys(d)).toEqual(["posterior", "sample_stats", "coords", "dims"]);
  expect((d.posterior.theta as number[][][])[1][2]).toEqual([10 / 7, 11 / 7]);
  expect((d.sample_stats.diverging as boolean[][])[0]).toEqual([false, true, false]);
  expect(d.dims).toEqual({ theta: ["school"] });
});

test("toArviZJson writes Python-readable non-finite tokens and round-trips exactly", () => {
  const text = toArviZJson({ posterior: { mu, theta }, sampleStats: { diverging }, observedData: { y: [1, 2, 3] } });
  expect(text).toContain('"mu":[[0.5,NaN,Infinity],[-Infinity,1e-300,-2.5]]');
  expect(text).toContain('"diverging":[[false,true,false],[false,false,true]]');
  const back = readArviZJson(text);
  expect(back.posterior.theta).toEqual(theta);
  expect(Array.from(back.posterior.mu.data)).toEqual(Array.from(mu.data));
  expect(back.sampleStats?.diverging).toEqual(diverging);
  expect(back.observedData).toEqual({ y: [1, 2, 3] });
});

test("readArviZJson accepts parsed objects, null as NaN, camelCase groups and strings containing NaN", () => {
  const back = readArviZJson({ posterior: { "x NaN": [[1, null]] }, warmupPosterior: { x: [[3, 4]] } });
  expect(Array.from(back.posterior["x NaN"].data)).toEqual([1, NaN]);
  expect(back.warmupPosterior?.x.shape).toEqual([1, 2]);
  const text = '{"posterior": {"Infinity": [[-Infinity, 2]]}, "sample_stats_prior": {"lp": [[1]]}}';
  expect(readArviZJson(text).posterior.Infinity.data[0]).toBe(-Infinity);
  expect(readArviZJson(text).sampleStatsPrior?.lp.shape).toEqual([1, 1]);
  expect(() => readArviZJson("{}")).toThrow(/posterior/);
  expect(() => readArviZJson({ posterior: { a: [["x"]] } })).toThrow(/posterior.a\[0\]\[0\]/);
  expect(() => readArviZJson({ posterior: { a: 3 } })).toThrow(/single number/);
});
