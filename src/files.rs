//! Reading dropped or chosen files as text, each one a paste.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use yew::prelude::*;

use crate::state::{Action, State};

/// Readers still running; a reader stops when dropped, so they are kept until they finish.
pub type Readers = Rc<RefCell<Vec<FileReader>>>;

/// Reads every file of `list` and adds each as a paste when it has been read.
pub fn read_all(list: web_sys::FileList, dispatch: UseReducerDispatcher<State>, readers: Readers) {
    let files: Vec<gloo::file::File> = (0..list.length())
        .filter_map(|index| list.item(index))
        .map(gloo::file::File::from)
        .collect();
    for file in files {
        let dispatch = dispatch.clone();
        let reader = gloo::file::callbacks::read_as_text(&file, move |result| {
            if let Ok(text) = result {
                dispatch.dispatch(Action::Add(text));
            }
        });
        let mut running = readers.borrow_mut();
        // Finished readers cannot be told apart from running ones; keeping the last few dozen
        // is enough for any drop a person makes.
        if running.len() > 64 {
            running.remove(0);
        }
        running.push(reader);
    }
}
