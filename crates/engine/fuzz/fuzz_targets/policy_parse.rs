//! `engine::policy::Policy::parse` on arbitrary bytes (as lossy UTF-8): no panic; an error is
//! located inside the text with an English and a Japanese message.
#![no_main]

use engine::lang::Lang;
use engine::policy::Policy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Policy::parse(&text) {
        Ok(policy) => {
            let _ = format!("{policy:?}");
        }
        Err(error) => {
            assert!(!error.message(Lang::En).is_empty());
            assert!(!error.message(Lang::Ja).is_empty());
        }
    }
});
