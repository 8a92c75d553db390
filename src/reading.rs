//! Reading the pastes without freezing the page. Each paste is read once and kept (adding a
//! second paste does not read a 20 MB first one again). A small paste is read at once, in the
//! render that shows it; a big one is read in slices by a task that yields to the browser between
//! them, while its card shows the progress and the findings say they are waiting for it.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use engine::pace::{Pacer, Pause};
use engine::rules::Paste as ReadPaste;
use yew::Callback;

use crate::state::Paste;

/// Pastes up to this size are read at once (a few milliseconds); bigger ones in slices.
pub const READ_AT_ONCE: usize = 256 * 1024;

/// How long a slice of reading may run before the page gets the thread back: short enough
/// that typing, scrolling and clicks are answered within a frame or two.
const SLICE_MS: f64 = 24.0;

/// The pastes read so far, by paste id, with the text each was read from.
#[derive(Default)]
pub struct Reads {
    done: ById<(Arc<String>, Arc<ReadPaste>)>,
    /// Big pastes being read, with the text being read.
    reading: ById<Arc<String>>,
    /// Stands for a paste still being read: no inputs, so no finding comes from it.
    pending: Option<Arc<ReadPaste>>,
    /// A big paste being replaced (its editor is open): its read is let go at once, so the
    /// replacement is read in the room its facts took, not beside them; it is read again if
    /// the edit is cancelled.
    aside: Option<u32>,
}

/// Values by paste id: a handful of pastes, so a list (a map type of its own would cost the
/// wasm more than it saves).
struct ById<V>(Vec<(u32, V)>);

impl<V> Default for ById<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<V> ById<V> {
    fn get(&self, id: u32) -> Option<&V> {
        self.0
            .iter()
            .find(|(key, _)| *key == id)
            .map(|(_, value)| value)
    }

    fn insert(&mut self, id: u32, value: V) {
        self.remove(id);
        self.0.push((id, value));
    }

    fn remove(&mut self, id: u32) {
        self.0.retain(|(key, _)| *key != id);
    }

    fn retain(&mut self, mut keep: impl FnMut(u32, &mut V) -> bool) {
        self.0.retain_mut(|(key, value)| keep(*key, value));
    }
}

impl<V: Default> ById<V> {
    /// The value for `id`, added as the default when missing (`None` cannot happen).
    fn entry(&mut self, id: u32) -> Option<&mut V> {
        let at = match self.0.iter().position(|(key, _)| *key == id) {
            Some(at) => at,
            None => {
                self.0.push((id, V::default()));
                self.0.len() - 1
            }
        };
        self.0.get_mut(at).map(|(_, value)| value)
    }
}

/// Shared between the page and its reading tasks.
pub type SharedReads = Rc<RefCell<Reads>>;

impl Reads {
    /// The read paste for `paste`: kept, or read now when small, or (while a big one is being
    /// read) an empty stand-in.
    pub fn paste_for(&mut self, paste: &Paste) -> Arc<ReadPaste> {
        if self.aside == Some(paste.id) {
            return self.stand_in();
        }
        if let Some(read) = self.kept(paste) {
            return read.clone();
        }
        if paste.text.len() <= READ_AT_ONCE {
            let read = Arc::new(ReadPaste::read(paste.text.clone()));
            self.done
                .insert(paste.id, (paste.text.clone(), read.clone()));
            return read;
        }
        self.stand_in()
    }

    fn stand_in(&mut self) -> Arc<ReadPaste> {
        self.pending
            .get_or_insert_with(|| Arc::new(ReadPaste::read(String::new())))
            .clone()
    }

    /// Sets the read of paste `id` aside while it is being replaced (`None`: none is).
    pub fn set_aside(&mut self, id: Option<u32>) {
        self.aside = id;
        if let Some(id) = id {
            self.done.remove(id);
            self.reading.remove(id);
        }
    }

    /// The read kept for this paste's current text.
    fn kept(&self, paste: &Paste) -> Option<&Arc<ReadPaste>> {
        self.done
            .get(paste.id)
            .filter(|(text, _)| Arc::ptr_eq(text, &paste.text))
            .map(|(_, read)| read)
    }

    /// Forgets the reads of pastes that are gone or changed.
    pub fn keep_only(&mut self, pastes: &[Paste]) {
        let current = |id: u32, text: &Arc<String>| {
            pastes
                .iter()
                .any(|p| p.id == id && Arc::ptr_eq(&p.text, text))
        };
        self.done.retain(|id, (text, _)| current(id, text));
        self.reading.retain(|id, text| current(id, text));
    }

    /// Whether `paste` still waits for its read (big, not read yet).
    pub fn is_pending(&self, paste: &Paste) -> bool {
        paste.text.len() > READ_AT_ONCE
            && self.kept(paste).is_none()
            && self.aside != Some(paste.id)
    }

    /// Marks `paste` as being read; false if a read of this text is already under way.
    pub fn start(&mut self, paste: &Paste) -> bool {
        if self
            .reading
            .get(paste.id)
            .is_some_and(|text| Arc::ptr_eq(text, &paste.text))
        {
            return false;
        }
        self.reading.insert(paste.id, paste.text.clone());
        true
    }

    /// Keeps a finished read, unless the paste changed or went meanwhile; true if kept.
    pub fn finish(&mut self, id: u32, text: Arc<String>, read: ReadPaste) -> bool {
        let current = self
            .reading
            .get(id)
            .is_some_and(|reading| Arc::ptr_eq(reading, &text));
        if current {
            self.reading.remove(id);
            self.done.insert(id, (text, Arc::new(read)));
        }
        current
    }
}

/// How far each big paste's reading has come. Only the progress bar listening for a paste
/// re-renders when it moves (re-rendering the whole page for it costs as much as a slice).
#[derive(Clone, Default)]
pub struct ProgressBoard(Rc<RefCell<ById<Progress>>>);

#[derive(Default)]
struct Progress {
    percent: u8,
    listener: Option<Callback<u8>>,
}

impl PartialEq for ProgressBoard {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ProgressBoard {
    pub fn set(&self, id: u32, percent: u8) {
        let listener = {
            let mut board = self.0.borrow_mut();
            board.entry(id).and_then(|progress| {
                progress.percent = percent;
                progress.listener.clone()
            })
        };
        if let Some(listener) = listener {
            listener.emit(percent);
        }
    }

    pub fn percent(&self, id: u32) -> u8 {
        self.0
            .borrow()
            .get(id)
            .map_or(0, |progress| progress.percent)
    }

    pub fn listen(&self, id: u32, listener: Option<Callback<u8>>) {
        if let Some(progress) = self.0.borrow_mut().entry(id) {
            progress.listener = listener;
        }
    }

    /// Forgets the pastes no longer being read.
    pub fn keep_only(&self, ids: &[u32]) {
        self.0.borrow_mut().retain(|id, _| ids.contains(&id));
    }
}

/// Reads one big paste in slices and calls `done` when it is kept; `progress` gets the
/// percentage read each time the page gets the thread back.
pub fn read_in_background(
    reads: SharedReads,
    paste: &Paste,
    progress: ProgressBoard,
    done: impl FnOnce() + 'static,
) {
    if !reads.borrow_mut().start(paste) {
        return;
    }
    let id = paste.id;
    let text = paste.text.clone();
    yew::platform::spawn_local(async move {
        // The first slice waits for the page to show the paste's card.
        yield_to_page().await;
        let mut pacer = PagePacer {
            started: now(),
            report: Box::new(move |percent| progress.set(id, percent)),
        };
        // The read shares the paste's text: no copy of it.
        let read = ReadPaste::read_paced(text.clone(), &mut pacer).await;
        // The diagnosis and its rendering run in a task of their own.
        yield_to_page().await;
        if reads.borrow_mut().finish(id, text, read) {
            done();
        }
    });
}

/// Gives the thread back to the browser once a slice has run [`SLICE_MS`].
struct PagePacer {
    started: f64,
    report: Box<dyn Fn(u8)>,
}

impl Pacer for PagePacer {
    fn pause(&mut self, done: usize, total: usize) -> Pause<'_> {
        if now() - self.started < SLICE_MS {
            return Box::pin(std::future::ready(()));
        }
        let percent = (done.saturating_mul(100) / total.max(1)).min(99);
        (self.report)(u8::try_from(percent).unwrap_or(99));
        Box::pin(async move {
            yield_to_page().await;
            self.started = now();
        })
    }
}

/// Lets the browser handle input and paint before the reading goes on.
async fn yield_to_page() {
    yew::platform::time::sleep(Duration::ZERO).await;
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paste(id: u32, text: &str) -> Paste {
        Paste {
            id,
            text: Arc::new(text.to_owned()),
            name: None,
        }
    }

    const PROFILE: &str = r#"{"InstanceProfile": {"InstanceProfileName": "web", "InstanceProfileId": "AIPAEXAMPLE", "Arn": "arn:aws:iam::123456789012:instance-profile/web", "Roles": []}}"#;

    fn big_text() -> String {
        format!(
            "[{}]",
            vec![PROFILE; READ_AT_ONCE / PROFILE.len() + 1].join(",")
        )
    }

    #[test]
    fn a_small_paste_is_read_once_and_kept() {
        let mut reads = Reads::default();
        let small = paste(1, PROFILE);
        let first = reads.paste_for(&small);
        assert_eq!(first.inputs.len(), 1);
        assert!(Arc::ptr_eq(&first, &reads.paste_for(&small)), "read again");
        assert!(!reads.is_pending(&small));
        // Edited: the same id with another text is read anew.
        let edited = paste(1, "{\"Code\": \"Success\"}");
        assert!(!Arc::ptr_eq(&first, &reads.paste_for(&edited)));
    }

    #[test]
    fn a_big_paste_waits_for_its_background_read() {
        let mut reads = Reads::default();
        let text = big_text();
        let big = paste(2, &text);
        assert!(reads.is_pending(&big));
        assert!(
            reads.paste_for(&big).inputs.is_empty(),
            "a stand-in until read"
        );
        assert!(reads.start(&big));
        assert!(!reads.start(&big), "one read per text");
        let read = ReadPaste::read(text.clone());
        let inputs = read.inputs.len();
        assert!(reads.finish(big.id, big.text.clone(), read));
        assert!(!reads.is_pending(&big));
        assert_eq!(reads.paste_for(&big).inputs.len(), inputs);
    }

    #[test]
    fn a_big_paste_being_replaced_is_set_aside() {
        let mut reads = Reads::default();
        let text = big_text();
        let big = paste(4, &text);
        assert!(reads.start(&big));
        assert!(reads.finish(big.id, big.text.clone(), ReadPaste::read(text.clone())));
        let read = reads.paste_for(&big);
        reads.set_aside(Some(big.id));
        assert!(
            reads.paste_for(&big).inputs.is_empty(),
            "its facts are let go"
        );
        assert!(
            !reads.is_pending(&big),
            "and it is not read again meanwhile"
        );
        assert_eq!(Arc::strong_count(&read), 1, "the page's copy was the last");
        reads.set_aside(None);
        assert!(reads.is_pending(&big), "cancelled: read again");
    }

    #[test]
    fn a_read_of_a_paste_that_changed_or_went_is_dropped() {
        let mut reads = Reads::default();
        let text = big_text();
        let big = paste(3, &text);
        assert!(reads.start(&big));
        // Removed while being read.
        reads.keep_only(&[]);
        assert!(!reads.finish(big.id, big.text.clone(), ReadPaste::read(text.clone())));
        // Replaced by another text while being read.
        assert!(reads.start(&big));
        let replaced = paste(3, &format!("{text} "));
        reads.keep_only(std::slice::from_ref(&replaced));
        assert!(!reads.finish(big.id, big.text.clone(), ReadPaste::read(text)));
        assert!(reads.is_pending(&replaced));
    }

    #[test]
    fn only_the_listening_bar_hears_its_progress() {
        let board = ProgressBoard::default();
        let heard = Rc::new(RefCell::new(Vec::new()));
        let sink = heard.clone();
        board.listen(7, Some(Callback::from(move |p| sink.borrow_mut().push(p))));
        board.set(7, 40);
        board.set(8, 10);
        assert_eq!(*heard.borrow(), vec![40]);
        assert_eq!(board.percent(8), 10);
        board.keep_only(&[7]);
        assert_eq!(board.percent(8), 0);
        assert_eq!(board.percent(7), 40);
    }
}
