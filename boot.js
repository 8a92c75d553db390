// Starts the app from a file instead of an inline script, so that the page's
// Content-Security-Policy can forbid inline code. Trunk writes this tag's data-js and data-wasm
// (hashed file names) through `pattern_script` in Trunk.toml; `make dist` then wraps the wasm in
// a module (data-wasm becomes `….wasm.js`, a string of one character per byte) because the
// policy forbids fetching (connect-src 'none').
const boot = document.getElementById("boot");
const base = new URL(".", boot.src);
const [glue, wasm] = await Promise.all([
  import(new URL(boot.dataset.js, base).href),
  import(new URL(boot.dataset.wasm, base).href),
]);
const text = wasm.default;
const bytes = new Uint8Array(text.length);
for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
await glue.default({ module_or_path: bytes });
