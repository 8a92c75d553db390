//! The engine's memory for a large paste, counted by a counting allocator around the system's:
//! a 40 MB `describe-instances` (over `input::PRUNE_FROM`, so read without its whole tree) is
//! read into a `Paste` (the text moved in, not copied). Prints the figures and writes them to
//! `target/bench/engine-memory.json`; the bounds catch a reading that holds the document's
//! tree, a copy of the text, or facts grown fat again. The page's own figures (wasm32, where
//! pointers are half as wide) come from the browser journey `tests/e2e/memory.rs` of the devtools crate.
//!
//! One test in this file: the counts are the whole process's.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use engine::input::{Facts, InputKind};
use engine::rules::Paste;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

// Safety: every call is passed on to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

#[test]
fn a_large_fleet_is_read_without_its_tree_or_a_copy_of_its_text() {
    let text = fixtures::fleet(40 << 20);
    let size = text.len();
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let paste = Paste::read(text);
    let peak = PEAK.load(Relaxed) - before;
    let kept = LIVE.load(Relaxed) - before;
    let instances = match paste.inputs.first().map(|input| (input.kind, &input.facts)) {
        Some((InputKind::DescribeInstances, Facts::Instances(instances))) => instances.len(),
        _ => 0,
    };
    assert!(instances > 40_000, "{instances} instances read");
    let per_instance = kept as f64 / instances as f64;
    let mb = |bytes: usize| bytes as f64 / f64::from(1u32 << 20);
    println!(
        "{:.1} MB describe-instances, {instances} instances: reading peaks at {:.1} MB above the \
         text, keeps {:.1} MB (facts and line starts: {per_instance:.0} bytes an instance)",
        mb(size),
        mb(peak),
        mb(kept)
    );
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(
        dir.join("engine-memory.json"),
        format!(
            "{{\"paste_bytes\": {size}, \"instances\": {instances}, \"read_peak_bytes\": {peak}, \
             \"kept_bytes\": {kept}, \"kept_bytes_per_instance\": {per_instance:.0}}}\n"
        ),
    );
    // On a 64-bit machine (measured: peak 2.0× the text, 1.6 KB kept an instance). On wasm32 a
    // 100 MB fleet's reading peaked at 2.8× the text with the whole tree, 1.4× without it.
    assert!(
        peak < 3 * size,
        "reading {:.1} MB peaked at {:.1} MB above the text",
        mb(size),
        mb(peak)
    );
    assert!(
        per_instance < 2500.0,
        "{per_instance:.0} bytes kept an instance"
    );
    drop(paste);
}
