//! `engine::share::decode` on arbitrary text (a link from anywhere): no panic; a case that
//! decodes re-encodes and decodes to the same case less its secrets, holds no credential after
//! `preview`, and every paste of a full link stays non-empty when it was.
#![no_main]

use engine::share::{self, ShareOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // As typed, and as a `v1/` payload (so the fuzzer reaches the decompressor quickly).
    for link in [text.to_string(), format!("v1/{text}")] {
        let Ok(case) = share::decode(&link) else {
            continue;
        };
        let options = ShareOptions {
            keep_authorization_messages: case.authorization_messages_kept,
            ..ShareOptions::default()
        };
        let preview = share::preview(&case, &options);
        for (before, after) in case.inputs.iter().zip(&preview.case.inputs) {
            assert!(before.trim().is_empty() || !after.trim().is_empty(), "a paste was emptied");
        }
        // What the link carries is clean: read again, nothing is left to remove.
        let again = share::preview(&preview.case, &options);
        assert_eq!(again.case.inputs, preview.case.inputs, "scrubbing did not converge");
        if let Ok(fragment) = share::encode(&case, &options) {
            let reopened = share::decode(&fragment).expect("a link the engine made opens");
            assert_eq!(reopened.inputs, preview.case.inputs);
        }
    }
});
