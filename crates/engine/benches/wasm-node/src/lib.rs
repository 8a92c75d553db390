//! The policy workload behind a tiny raw-memory interface, for timing the wasm32 build under Node
//! without wasm-bindgen: the host writes the workload JSON into memory from `alloc`, calls `load`,
//! then times `run`, and reads one decision byte per cell with `decisions`.

use std::cell::RefCell;

use engine::policy::workload::{Workload, WorkloadRequest};
use engine::policy::{Decision, Policy, Request};

struct Loaded {
    policies: Vec<Policy>,
    requests: Vec<WorkloadRequest>,
}

thread_local! {
    static LOADED: RefCell<Option<Loaded>> = const { RefCell::new(None) };
}

/// Reserves `len` bytes for the host to write into.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Frees what `alloc` reserved.
///
/// # Safety
/// `ptr` and `len` must come from one `alloc` call.
#[no_mangle]
pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: usize) {
    drop(Vec::from_raw_parts(ptr, 0, len));
}

/// Parses the workload (`{"policies":[{"name","document"}],"requests":[…]}`) at `ptr..ptr+len`;
/// returns the number of cells, or -1 when it cannot be read.
///
/// # Safety
/// `ptr..ptr+len` must be initialised memory from `alloc`.
#[no_mangle]
pub unsafe extern "C" fn load(ptr: *const u8, len: usize) -> i32 {
    let bytes = std::slice::from_raw_parts(ptr, len);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return -1;
    };
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else {
        return -1;
    };
    let Ok(workload) = Workload::from_serde(&doc) else {
        return -1;
    };
    let cells = workload.policies.len() * workload.requests.len();
    LOADED.with(|loaded| {
        *loaded.borrow_mut() = Some(Loaded {
            policies: workload.policies.into_iter().map(|(_, p)| p).collect(),
            requests: workload.requests,
        });
    });
    i32::try_from(cells).unwrap_or(-1)
}

/// Evaluates every cell `rounds` times; returns the number of Allow answers (a checksum).
#[no_mangle]
pub extern "C" fn run(rounds: u32) -> u32 {
    LOADED.with(|loaded| {
        let loaded = loaded.borrow();
        let Some(loaded) = loaded.as_ref() else {
            return 0;
        };
        let requests: Vec<Request<'_>> = loaded.requests.iter().map(|r| r.request()).collect();
        let mut allowed = 0u32;
        for _ in 0..rounds {
            for policy in &loaded.policies {
                for request in &requests {
                    if policy.decide(request) == Decision::Allow {
                        allowed = allowed.wrapping_add(1);
                    }
                }
            }
        }
        allowed
    })
}

/// Writes one byte per cell (policy-major): 0 Allow, 1 Deny, 2 Implicit, 3 Depends.
///
/// # Safety
/// `out` must have room for every cell.
#[no_mangle]
pub unsafe extern "C" fn decisions(out: *mut u8) {
    LOADED.with(|loaded| {
        let loaded = loaded.borrow();
        let Some(loaded) = loaded.as_ref() else {
            return;
        };
        let mut at = 0;
        for policy in &loaded.policies {
            for request in &loaded.requests {
                let code = match policy.decide(&request.request()) {
                    Decision::Allow => 0,
                    Decision::Deny => 1,
                    Decision::Implicit => 2,
                    Decision::Depends => 3,
                };
                *out.add(at) = code;
                at += 1;
            }
        }
    });
}
