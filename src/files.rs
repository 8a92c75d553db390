//! Reading dropped or chosen files as text, each one a paste.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use yew::prelude::*;

use crate::state::{Action, State};

/// Readers still running, each with a flag set when it has finished: a reader cancels its read
/// when dropped, so a reader is kept until it has finished, however many files are read at once.
pub type Readers = Rc<RefCell<Vec<(Rc<Cell<bool>>, FileReader)>>>;

/// Reads every file of `list` and adds each as a paste when it has been read.
pub fn read_all(list: web_sys::FileList, dispatch: UseReducerDispatcher<State>, readers: Readers) {
    let files: Vec<gloo::file::File> = (0..list.length())
        .filter_map(|index| list.item(index))
        .map(gloo::file::File::from)
        .collect();
    let mut running = readers.borrow_mut();
    // Finished readers are let go (dropping one that has finished cancels nothing).
    running.retain(|(finished, _)| !finished.get());
    for file in files {
        let dispatch = dispatch.clone();
        let finished = Rc::new(Cell::new(false));
        let done = finished.clone();
        let reader = gloo::file::callbacks::read_as_text(&file, move |result| {
            done.set(true);
            if let Ok(text) = result {
                dispatch.dispatch(Action::Add(text));
            }
        });
        running.push((finished, reader));
    }
}
