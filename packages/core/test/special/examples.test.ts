// Every exported scalar special function documents an @example; this keeps those values honest.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import * as S from "../../src/special/scalar/index.js";

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "special", "scalar");

test("every export has a TSDoc @example, and the examples' values are what the code returns", () => {
  const exported = Object.keys(S);
  const examples: { call: string; want: string }[] = [];
  const documented = new Set<string>();
  for (const f of readdirSync(SRC).filter((n) => n.endsWith(".ts"))) {
    const text = readFileSync(join(SRC, f), "utf8");
    for (const m of text.matchAll(/^ \* ([a-zA-Z0-9]+)\((.*)\); \/\/ (\S+)/gm)) {
      examples.push({ call: `${m[1]}(${m[2]})`, want: m[3] });
    }
    for (const m of text.matchAll(/@example\n \* ([a-zA-Z0-9]+)\(/g)) documented.add(m[1]);
  }
  expect(exported.filter((n) => !documented.has(n))).toEqual([]);
  const bad: string[] = [];
  for (const { call, want } of examples) {
    const got = new Function("S", `with (S) { return ${call}; }`)(S) as number;
    if (String(got) !== want) bad.push(`${call} = ${got}, doc says ${want}`);
  }
  expect(bad).toEqual([]);
});
