//! Starts the page (see the library for the components).

/// talc instead of std's dlmalloc or a hand-written allocator, chosen by the memory journey
/// (`crates/devtools/tests/e2e/memory.rs`: a 100 MB paste read, replaced and removed five
/// times): the page's memory stays flat from cycle to cycle with talc, where dlmalloc's grew
/// by another 100 MB after a few cycles and power-of-two size classes held a third more from
/// the start; and the wasm is 3.3 KB gzip smaller than with dlmalloc.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    yew::Renderer::<ec2_iam_doctor_web::App>::new().render();
}
