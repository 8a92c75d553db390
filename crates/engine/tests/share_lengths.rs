//! Link lengths of the four-input cases: the goals of issue 7 as tests.
//! `cargo test -p ec2-iam-doctor-engine --test share_lengths -- --nocapture` prints the table.

mod share_cases;

use engine::share::{self, Form, ShareOptions};

#[test]
fn four_input_links_meet_the_length_goals() {
    println!("case                 raw bytes   full  minimal  full+anon");
    for (name, texts) in share_cases::four_input_cases() {
        let case = share::Case::of_texts(&texts);
        let raw: usize = texts.iter().map(String::len).sum();
        let full = share::encode(&case, &ShareOptions::default()).unwrap();
        let minimal = share::encode(
            &case,
            &ShareOptions {
                form: Form::Minimal,
                ..ShareOptions::default()
            },
        )
        .unwrap();
        let anonymised = share::encode(
            &case,
            &ShareOptions {
                anonymise: true,
                ..ShareOptions::default()
            },
        )
        .unwrap();
        println!(
            "{name:<20} {raw:>9} {:>6} {:>8} {:>10}",
            full.len() + 1,
            minimal.len() + 1,
            anonymised.len() + 1
        );
        assert!(
            minimal.len() < 1500,
            "{name}: minimal link of {} characters",
            minimal.len()
        );
        // The minimal form never carries more text; the flag byte may cost a character.
        assert!(minimal.len() <= full.len() + 2, "{name}");
    }
}
