// Compares share-link lengths with lz-string's compressToEncodedURIComponent on the same texts.
//
// Reads target/share-lengths.json (written by `cargo bench -p ec2-iam-doctor-engine --bench
// share`): for each case, the texts a link carries (secrets already removed) and our fragment
// lengths. lz-string gets the same texts joined by NUL (the cheapest separator for it; a JSON
// array would only add escapes), and its output is compared with our whole `#v1/…` fragment.
//
// lz-string comes from the npm registry into .tools/ (see scripts/setup-tools.sh):
//   npm install --prefix .tools --no-audit --no-fund --no-save binaryen@132.0.0 lz-string@1.5.0
// Usage: node crates/engine/benches/lz-string/compare.mjs [target/share-lengths.json]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const require = createRequire(resolve(root, ".tools/package.json"));
const LZString = require("lz-string");

const path = process.argv[2] ?? resolve(root, "target/share-lengths.json");
const rows = JSON.parse(readFileSync(path, "utf8"));

const pad = (value, width) => String(value).padStart(width);
console.log("case                  lz-string   full  ratio  minimal  anonymised");
let worst = Infinity;
for (const row of rows) {
  const lz = LZString.compressToEncodedURIComponent(row.inputs.join("\u0000")).length;
  const ratio = lz / row.full;
  worst = Math.min(worst, ratio);
  console.log(
    `${row.case.padEnd(20)} ${pad(lz, 10)} ${pad(row.full, 6)} ${pad(ratio.toFixed(2) + "x", 6)} ${pad(row.minimal, 8)} ${pad(row.anonymised, 11)}`,
  );
}
console.log(`smallest ratio: ${worst.toFixed(2)}x (goal: at least 1.3x)`);
const minimalOver = rows.filter((row) => row.minimal >= 1500);
console.log(`minimal links under 1,500 characters: ${rows.length - minimalOver.length} of ${rows.length}`);
process.exitCode = worst >= 1.3 && minimalOver.length === 0 ? 0 : 1;
