//! Reading in slices (`read_paced`, `Paste::read_paced`): the inputs are exactly those of
//! `read`, on every fixture and on transcripts of them, while a big paste really is paused many
//! times, with progress that only moves forward. The pacer here makes each pause wait once
//! (a real suspension, like a page yielding to its event loop).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use engine::input::{read, read_paced, InputKind};
use engine::pace::{Pacer, Pause, SLICE_BYTES};
use engine::rules::Paste;

/// A future that is pending once, then ready.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

/// Records every pause; each one suspends the reading once.
#[derive(Default)]
struct Recorder {
    pauses: Vec<(usize, usize)>,
}

impl Pacer for Recorder {
    fn pause(&mut self, done: usize, total: usize) -> Pause<'_> {
        self.pauses.push((done, total));
        Box::pin(YieldOnce(false))
    }
}

/// Polls `future` to its end; returns its output and how many times it was suspended.
fn drive<F: Future>(future: F) -> (F::Output, usize) {
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    let mut suspended = 0;
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return (output, suspended),
            Poll::Pending => suspended += 1,
        }
    }
}

/// The `.json` and `.txt` fixtures outside the policy corpus, by name.
fn fixture_files() -> Vec<String> {
    fixtures::list()
        .into_iter()
        .filter(|name| !name.starts_with("policies/"))
        .filter(|name| name.ends_with(".json") || name.ends_with(".txt"))
        .collect()
}

#[test]
fn every_fixture_reads_the_same_paced() {
    let files = fixture_files();
    assert!(files.len() > 50, "only {} fixtures", files.len());
    let mut transcript = String::new();
    for name in &files {
        let Ok(text) = String::from_utf8(fixtures::read_bytes(name)) else {
            continue;
        };
        let mut recorder = Recorder::default();
        let (paced, _) = drive(read_paced(&text, &mut recorder));
        assert_eq!(paced, read(&text), "{name}");
        transcript.push_str("$ cat output\n");
        transcript.push_str(&text);
        transcript.push('\n');
    }
    // All of them as one transcript, five times over: long enough to be paused between parts.
    let transcript = transcript.repeat(5);
    let mut recorder = Recorder::default();
    let (paced, suspended) = drive(read_paced(&transcript, &mut recorder));
    assert_eq!(paced, read(&transcript));
    assert!(
        transcript.len() > 4 * SLICE_BYTES,
        "{} bytes",
        transcript.len()
    );
    assert!(
        suspended >= 2,
        "{suspended} pauses in {} bytes",
        transcript.len()
    );
}

#[test]
fn a_big_document_is_read_in_many_slices_with_progress() {
    // About 6 MB: some fifty slices.
    let text = fixtures::fleet(48 * SLICE_BYTES);
    let slices = text.len() / SLICE_BYTES;
    assert!(slices >= 20, "{} bytes", text.len());
    let mut recorder = Recorder::default();
    let (paste, suspended) = drive(Paste::read_paced(text.clone(), &mut recorder));
    assert_eq!(paste.inputs, read(&text));
    assert_eq!(paste.inputs.len(), 1);
    assert_eq!(
        paste.inputs.first().map(|input| input.kind),
        Some(InputKind::DescribeInstances)
    );
    // One pause per slice read, give or take the slice a value straddles, one after each slow
    // step of a big document (its facts, freeing its tree, the line starts), and one per slice
    // of the secret scan over the whole paste.
    assert_eq!(suspended, recorder.pauses.len());
    assert!(
        recorder.pauses.len() + 1 >= slices && recorder.pauses.len() <= 2 * slices + 8,
        "{} pauses for {slices} slices",
        recorder.pauses.len()
    );
    let mut previous = 0;
    for &(done, total) in &recorder.pauses {
        assert_eq!(total, text.len());
        assert!(done >= previous && done <= total, "{done} after {previous}");
        previous = done;
    }
    assert_eq!(previous, text.len(), "the last pause is at the end");
}

#[test]
fn a_small_paste_never_pauses() {
    // One instance.
    let text = fixtures::fleet(1);
    let mut recorder = Recorder::default();
    let (paste, suspended) = drive(Paste::read_paced(text.clone(), &mut recorder));
    assert_eq!(suspended, 0);
    assert_eq!(paste.inputs, read(&text));
}
