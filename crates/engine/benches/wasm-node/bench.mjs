// Times the policy workload (first 1,000 AWS managed policies x the 10 bench requests) in the
// wasm32 build, policies parsed once, and checks its decisions against the iamSimulate column.
import { existsSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { gunzipSync } from "node:zlib";

const [wasmPath, fixtures] = process.argv.slice(2);
// The repository keeps the large fixtures gzip-compressed (NAME.gz), as the fixtures crate reads them.
const read = (name) => {
  const path = `${fixtures}/${name}`;
  return existsSync(path)
    ? readFileSync(path, "utf8")
    : gunzipSync(readFileSync(`${path}.gz`)).toString("utf8");
};

const requests = JSON.parse(read("bench-requests.json")).requests;
const policies = read("aws-managed-latest.jsonl")
  .split("\n")
  .filter((line) => line.trim())
  .slice(0, 1000)
  .map((line) => {
    const entry = JSON.parse(line);
    return { name: entry.name, document: entry.document };
  });
const input = new TextEncoder().encode(JSON.stringify({ policies, requests }));

const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const wasm = instance.exports;
const ptr = wasm.alloc(input.length);
new Uint8Array(wasm.memory.buffer, ptr, input.length).set(input);
const cells = wasm.load(ptr, input.length);
wasm.dealloc(ptr, input.length);
if (cells !== 10000) throw new Error(`load returned ${cells}`);

// Agreement with the oracle (the two path-scoped ListInstanceProfiles cells answer Depends).
const names = ["Allow", "Deny", "Implicit", "Depends"];
const out = wasm.alloc(cells);
wasm.decisions(out);
const codes = new Uint8Array(wasm.memory.buffer, out, cells).slice();
const reference = JSON.parse(read("bench-reference-decisions.json"));
const disagreements = [];
reference.rows.forEach((row, p) =>
  row.iamSimulate.forEach((theirs, r) => {
    const ours = names[codes[p * requests.length + r]];
    if (ours !== theirs) disagreements.push(`${row.name} ${reference.requestIds[r]}: ours ${ours} theirs ${theirs}`);
  }),
);
console.log(`wasm decisions differing from iamSimulate: ${disagreements.length}`);
for (const d of disagreements) console.log(`  ${d}`);

// Warm up, then the median of 15 timed passes.
for (let i = 0; i < 5; i++) wasm.run(1);
const samples = [];
for (let i = 0; i < 15; i++) {
  const started = performance.now();
  const rounds = 10;
  wasm.run(rounds);
  samples.push(((performance.now() - started) * 1000) / (rounds * cells));
}
samples.sort((a, b) => a - b);
console.log(`wasm32 under Node ${process.version}: ${samples[7].toFixed(3)} us/eval (median of 15 x 10 passes over ${cells} cells; min ${samples[0].toFixed(3)})`);
