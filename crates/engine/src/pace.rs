//! Reading a big paste in slices. A page runs the engine on the thread that draws it: a 20 MB
//! `describe-instances` read at once would freeze it for half a second. The reading therefore
//! offers a [`Pacer`] a pause about every [`SLICE_BYTES`] bytes; a page yields to its event loop
//! there (when it has worked long enough) and shows the progress. The engine itself never waits
//! and never reads a clock: with [`NoPause`] the reading runs straight through, as the CLI wants.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// About how many bytes are read between two pauses.
pub const SLICE_BYTES: usize = 128 * 1024;

/// What a pause is: a future that the reading awaits before it goes on.
pub type Pause<'a> = Pin<Box<dyn Future<Output = ()> + 'a>>;

/// A reading in slices: a future the caller polls to its end.
pub type Paced<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Decides what happens between two slices of a reading.
pub trait Pacer {
    /// Called between slices with how far the reading has come (`done` of `total` bytes of the
    /// paste). The reading goes on when the returned future is ready.
    fn pause(&mut self, done: usize, total: usize) -> Pause<'_>;
}

/// Never pauses: the reading runs to its end at once.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoPause;

impl Pacer for NoPause {
    fn pause(&mut self, _done: usize, _total: usize) -> Pause<'_> {
        Box::pin(std::future::ready(()))
    }
}

/// Pauses when the reading has moved on a slice since the last pause.
pub(crate) struct Pace<'p> {
    pacer: &'p mut dyn Pacer,
    total: usize,
    last: usize,
    /// Documents from this size on are read without their whole tree (`input::PRUNE_FROM`;
    /// tests lower it to read every document both ways).
    prune_from: usize,
}

impl<'p> Pace<'p> {
    pub(crate) fn new(pacer: &'p mut dyn Pacer, total: usize, prune_from: usize) -> Self {
        Self {
            pacer,
            total,
            last: 0,
            prune_from,
        }
    }

    pub(crate) fn prune_from(&self) -> usize {
        self.prune_from
    }

    /// The reading is at byte `done`: pauses if a slice was read since the last pause.
    pub(crate) async fn at(&mut self, done: usize) {
        if done >= self.last.saturating_add(SLICE_BYTES) {
            self.last = done;
            self.pacer.pause(done, self.total).await;
        }
    }
}

impl Pace<'_> {
    /// Offers a pause whatever was read since the last one: after a step that takes long
    /// for its size (reading the facts of a big document, freeing it).
    pub(crate) async fn checkpoint(&mut self, done: usize) {
        self.last = done;
        self.pacer.pause(done, self.total).await;
    }
}

/// Runs a future whose awaits never wait (a reading paced by [`NoPause`]) to its end.
pub(crate) fn run_ready<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        // With `NoPause` the first poll is ready; a pacer that waits is never run here.
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}
