//! `Policy::evaluate` and its explanation on arbitrary policies and requests: the input is split
//! at the first two NUL bytes into a policy, an action and a resource; no panic, a decision
//! always, and an explanation that names every statement.
#![no_main]

use engine::lang::Lang;
use engine::policy::{Context, Policy, Request};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '\0');
    let document = parts.next().unwrap_or_default();
    let action = parts.next().unwrap_or("iam:PassRole");
    let resource = parts.next().unwrap_or("arn:aws:iam::123456789012:role/web");
    let context_text = parts.next().unwrap_or_default();
    let Ok(policy) = Policy::parse(document) else {
        return;
    };
    let mut context = Context::new();
    for line in context_text.lines().take(8) {
        if let Some((key, value)) = line.split_once('=') {
            context.insert(key, value);
        }
    }
    for context in [context.clone(), context.complete()] {
        for principal in [None, Some("arn:aws:iam::123456789012:role/caller"), Some("ec2.amazonaws.com")] {
            let request = Request { principal, action, resource, context: &context };
            let evaluation = policy.evaluate(&request);
            let explained = evaluation.explain_in(Lang::En, document);
            assert!(!explained.is_empty());
            let _ = evaluation.explain_in(Lang::Ja, document);
        }
    }
});
