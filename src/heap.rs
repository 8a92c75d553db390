//! The page's memory allocator: power-of-two size classes, one free list each, new blocks cut
//! from memory grown at the end.
//!
//! It replaces std's dlmalloc, about 8 KB of the wasm, with well under 1 KB. The page allocates
//! the same shapes on every diagnosis, so blocks freed by one run serve the next; a freed block
//! is reused for its own class only, and memory is never given back (WebAssembly memory cannot
//! shrink anyway). Rounding up to a power of two costs at most twice the memory of a block.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

/// WebAssembly's page size, the unit in which memory grows.
const PAGE: usize = 65_536;
/// The smallest block: room for the free list's link.
const MIN_BLOCK: usize = 8;

/// Where new blocks come from.
pub trait Memory {
    /// Adds `bytes` (a multiple of [`PAGE`]) of memory and returns the address of its start.
    fn grow(&self, bytes: usize) -> Option<usize>;
}

/// The memory of the WebAssembly instance.
#[cfg(target_arch = "wasm32")]
pub struct WasmMemory;

#[cfg(target_arch = "wasm32")]
impl Memory for WasmMemory {
    fn grow(&self, bytes: usize) -> Option<usize> {
        let previous = core::arch::wasm32::memory_grow::<0>(bytes / PAGE);
        (previous != usize::MAX).then(|| previous * PAGE)
    }
}

pub struct SizeClasses<M> {
    memory: M,
    /// The first free block of each class (class `k` holds blocks of `2^k` bytes), 0 if none.
    /// A free block's first word is the address of the next one.
    free: [Cell<usize>; usize::BITS as usize],
    /// The unused part of the memory grown last.
    next: Cell<usize>,
    end: Cell<usize>,
}

// Safety: the page's WebAssembly runs on one thread; the native tests use one allocator per
// thread.
unsafe impl<M> Sync for SizeClasses<M> {}

impl<M: Memory> SizeClasses<M> {
    pub const fn new(memory: M) -> Self {
        Self {
            memory,
            free: [const { Cell::new(0) }; usize::BITS as usize],
            next: Cell::new(0),
            end: Cell::new(0),
        }
    }

    /// The class of a layout: blocks of `2^class` bytes, aligned to their size up to a page.
    /// `None` for what no block can hold.
    fn class(layout: Layout) -> Option<usize> {
        if layout.align() > PAGE {
            return None;
        }
        let size = layout.size().max(layout.align()).max(MIN_BLOCK);
        Some(size.checked_next_power_of_two()?.trailing_zeros() as usize)
    }

    /// A new block of `2^class` bytes from the end of memory.
    fn carve(&self, class: usize) -> Option<usize> {
        let size = 1usize.checked_shl(class as u32)?;
        let align = size.min(PAGE);
        let fits = |next: usize| {
            let start = next.checked_add(align - 1)? & !(align - 1);
            Some(start).filter(|start| start.checked_add(size).is_some_and(|e| e <= self.end.get()))
        };
        let start = match fits(self.next.get()) {
            Some(start) => start,
            None => {
                let bytes = size.checked_add(align)?.checked_next_multiple_of(PAGE)?;
                let grown = self.memory.grow(bytes)?;
                // Contiguous with the last region: keep its unused tail.
                if grown != self.end.get() {
                    self.next.set(grown);
                }
                self.end.set(grown.checked_add(bytes)?);
                fits(self.next.get())?
            }
        };
        self.next.set(start + size);
        Some(start)
    }
}

unsafe impl<M: Memory> GlobalAlloc for SizeClasses<M> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = Self::class(layout) else {
            return std::ptr::null_mut();
        };
        let Some(head) = self.free.get(class) else {
            return std::ptr::null_mut();
        };
        let block = head.get();
        if block != 0 {
            // Safety: a free block of this class starts with the address of the next one.
            head.set(unsafe { (block as *const usize).read() });
            return block as *mut u8;
        }
        self.carve(class)
            .map_or(std::ptr::null_mut(), |start| start as *mut u8)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(head) = Self::class(layout).and_then(|class| self.free.get(class)) {
            // Safety: the block is at least MIN_BLOCK bytes, aligned for usize, and ours again.
            unsafe { (ptr as *mut usize).write(head.get()) };
            head.set(ptr as usize);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Safety: the caller guarantees the new size, rounded to the alignment, fits an isize.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if Self::class(layout) == Self::class(new_layout) {
            return ptr;
        }
        // Safety: as for std's default `realloc`.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Memory for native tests: a buffer that grows a page at a time, like the wasm memory.
    struct TestMemory {
        buffer: Vec<u8>,
        used: Cell<usize>,
    }

    impl Memory for &TestMemory {
        fn grow(&self, bytes: usize) -> Option<usize> {
            let used = self.used.get();
            let end = used.checked_add(bytes)?;
            if end > self.buffer.len() - PAGE {
                return None;
            }
            self.used.set(end);
            // Addresses are page-aligned, as in WebAssembly.
            let base = self.buffer.as_ptr() as usize;
            Some(base.next_multiple_of(PAGE) + used)
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap_or(Layout::new::<u8>())
    }

    #[test]
    fn blocks_are_aligned_disjoint_and_reused() {
        let memory = TestMemory {
            buffer: vec![0; 64 * PAGE],
            used: Cell::new(0),
        };
        let heap = SizeClasses::new(&memory);
        let shapes = [
            (1, 1),
            (7, 4),
            (8, 8),
            (24, 8),
            (100, 16),
            (4096, 64),
            (70_000, 8),
        ];
        let mut live: Vec<(*mut u8, Layout)> = Vec::new();
        for round in 0..3u8 {
            for &(size, align) in &shapes {
                let layout = layout(size, align);
                let ptr = unsafe { heap.alloc(layout) };
                assert!(!ptr.is_null());
                assert_eq!(ptr as usize % align, 0);
                unsafe { std::ptr::write_bytes(ptr, round, size) };
                live.push((ptr, layout));
            }
            // Every live block still holds what was written into it: no two overlap.
            for (ptr, layout) in &live {
                let bytes = unsafe { std::slice::from_raw_parts(*ptr, layout.size()) };
                assert!(bytes.iter().all(|b| *b == round));
            }
            let used = memory.used.get();
            for (ptr, layout) in live.drain(..) {
                unsafe { heap.dealloc(ptr, layout) };
            }
            // The same shapes again come from the free lists, without growing.
            if round > 0 {
                assert_eq!(memory.used.get(), used);
            }
        }
    }

    #[test]
    fn realloc_keeps_the_contents() {
        let memory = TestMemory {
            buffer: vec![0; 16 * PAGE],
            used: Cell::new(0),
        };
        let heap = SizeClasses::new(&memory);
        let mut ptr = unsafe { heap.alloc(layout(3, 1)) };
        unsafe { std::ptr::copy_nonoverlapping(b"abc".as_ptr(), ptr, 3) };
        let mut size = 3;
        for new_size in [5, 8, 9, 1000, 100_000, 2] {
            ptr = unsafe { heap.realloc(ptr, layout(size, 1), new_size) };
            assert!(!ptr.is_null());
            let kept = unsafe { std::slice::from_raw_parts(ptr, new_size.min(3)) };
            assert_eq!(kept, &b"abc"[..new_size.min(3)]);
            size = new_size;
        }
    }

    /// Thousands of random allocations, frees and reallocations, each block filled with its own
    /// byte: every live block keeps its contents (no overlap, no block handed out twice), and
    /// every address honours its alignment.
    #[test]
    fn random_use_never_overlaps() {
        let memory = TestMemory {
            buffer: vec![0; 2048 * PAGE],
            used: Cell::new(0),
        };
        let heap = SizeClasses::new(&memory);
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut random = move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        let check = |live: &[(*mut u8, Layout, u8)]| {
            for (ptr, layout, fill) in live {
                let bytes = unsafe { std::slice::from_raw_parts(*ptr, layout.size()) };
                assert!(
                    bytes.iter().all(|b| b == fill),
                    "block at {ptr:?} overwritten"
                );
            }
        };
        for step in 0..6000u32 {
            let fill = (step % 251) as u8;
            match random(4) {
                0 | 1 => {
                    let size = 1 + match random(10) {
                        0 => random(200_000),
                        1..=3 => random(4096),
                        _ => random(64),
                    };
                    let align = 1 << random(5);
                    let layout = layout(size, align);
                    let ptr = unsafe { heap.alloc(layout) };
                    assert!(!ptr.is_null());
                    assert_eq!(ptr as usize % align, 0);
                    unsafe { std::ptr::write_bytes(ptr, fill, size) };
                    live.push((ptr, layout, fill));
                }
                2 if !live.is_empty() => {
                    let (ptr, layout, _) = live.swap_remove(random(live.len()));
                    unsafe { heap.dealloc(ptr, layout) };
                }
                _ if !live.is_empty() => {
                    let index = random(live.len());
                    let (ptr, layout, old) = live.swap_remove(index);
                    let new_size = 1 + random(3 * layout.size() + 16);
                    let new = unsafe { heap.realloc(ptr, layout, new_size) };
                    assert!(!new.is_null());
                    let kept =
                        unsafe { std::slice::from_raw_parts(new, new_size.min(layout.size())) };
                    assert!(kept.iter().all(|b| *b == old), "realloc lost the contents");
                    unsafe { std::ptr::write_bytes(new, fill, new_size) };
                    live.push((
                        new,
                        Layout::from_size_align(new_size, layout.align()).unwrap_or(layout),
                        fill,
                    ));
                }
                _ => {}
            }
            if step % 500 == 0 {
                check(&live);
            }
        }
        check(&live);
    }

    #[test]
    fn refuses_what_it_cannot_hold() {
        let memory = TestMemory {
            buffer: vec![0; 4 * PAGE],
            used: Cell::new(0),
        };
        let heap = SizeClasses::new(&memory);
        assert!(unsafe { heap.alloc(layout(10 * PAGE, 8)) }.is_null());
        assert!(unsafe { heap.alloc(layout(8, 2 * PAGE)) }.is_null());
        assert!(!unsafe { heap.alloc(layout(8, 8)) }.is_null());
    }
}
