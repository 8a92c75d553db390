//! The page's state, the actions that change it, and the reducer (yew's `function_todomvc`
//! layout). The case itself (inputs, diagnosis) is derived from the pastes, never stored.

use std::rc::Rc;
use std::sync::Arc;

use engine::lang::Lang;
use yew::prelude::*;

use crate::files::FileProblem;

/// One paste as the user gave it. The text is kept only in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paste {
    /// Stable for the paste's life (list keys, edit and reveal state).
    pub id: u32,
    /// The text as it arrived, never copied: the read of the paste shares it (see
    /// `engine::rules::Paste::text`), so a 100 MB paste costs the page 100 MB, not 300.
    pub text: Arc<String>,
    /// The name of the file it was read from, shown on the page only: never put in a link, an
    /// export or storage (a file name can say more than people think).
    pub name: Option<Rc<str>>,
}

/// A file that did not become a paste, and why (shown until dismissed or the case is cleared).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileNotice {
    pub id: u32,
    pub name: Rc<str>,
    pub problem: FileProblem,
}

/// The colour theme: the system's, or one chosen with the toggle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub const fn id(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_id(id: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.id() == id)
    }
}

/// The view below the chain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Diagnosis,
    Checklist,
    Gather,
}

impl View {
    pub const ALL: [View; 3] = [View::Diagnosis, View::Checklist, View::Gather];

    pub const fn id(self) -> &'static str {
        match self {
            View::Diagnosis => "diagnosis",
            View::Checklist => "checklist",
            View::Gather => "gather",
        }
    }
}

/// A paste being edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Editing {
    pub paste: u32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    pub pastes: Vec<Paste>,
    next_id: u32,
    /// Bumped on every change of the pastes, so derived values recompute only then.
    pub generation: u64,
    /// Bumped when a big paste, read in the background, is read (the case then changes).
    pub reads_done: u64,
    pub lang: Lang,
    pub theme: Theme,
    pub view: View,
    /// Pastes whose secrets the user chose to show.
    pub revealed: Vec<u32>,
    pub editing: Option<Editing>,
    /// Why the link in the address could not be opened (shown until dismissed or replaced).
    pub link_error: Option<engine::share::ShareError>,
    /// How the link the case was opened from was made (until the pastes change).
    pub opened_link: Option<OpenedLink>,
    /// Dropped or chosen files that did not become pastes.
    pub file_notices: Vec<FileNotice>,
    next_notice: u32,
    /// What the last Remove, Remove all, example or repair replaced, until undone or the pastes
    /// change otherwise (the toast offering it stays until then).
    pub undo: Option<Undo>,
    /// The element to focus after this change (its id), with a counter so the same id is
    /// focused again after another change.
    pub focus: Option<(u64, &'static str, u32)>,
    /// The finding whose evidence is lit up in the texts (its index in the diagnosis).
    pub selected: Option<usize>,
    /// The pastes changed since the user last looked at the diagnosis (narrow screens offer a
    /// jump to it).
    pub fresh: bool,
    /// Where the text view of a paste is (paste id, byte offset): a big paste is drawn a window
    /// at a time.
    pub text_at: Option<(u32, usize)>,
    /// The paste whose new text is on its way (see [`Action::Replacing`]), and the text's size
    /// in bytes: shown as being read.
    pub arriving: Option<(u32, usize)>,
}

/// What an undo brings back, and what the toast says was done.
#[derive(Clone, Debug, PartialEq)]
pub struct Undo {
    pub what: Undone,
    pub pastes: Vec<Paste>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undone {
    /// Paste number `n` was removed.
    Removed(usize),
    Cleared,
    /// An example replaced the pastes (`true`: there were some).
    Loaded(bool),
    /// Paste number `n` was repaired.
    Repaired(usize),
}

/// Where focus goes: an element id made of a prefix and a paste id (`paste-7-title`).
pub mod focus {
    /// The paste area.
    pub const PASTE_AREA: &str = "paste";
    /// The diagnosis heading.
    pub const RESULTS: &str = "results-title";
    /// A paste's heading (`paste-{id}-title`).
    pub const PASTE_TITLE: &str = "title";
    /// A paste's Edit button (`paste-{id}-edit`).
    pub const PASTE_EDIT: &str = "edit";

    /// The element id for a focus target.
    pub fn element_id(target: &str, paste: u32) -> String {
        match target {
            PASTE_TITLE | PASTE_EDIT => format!("paste-{paste}-{target}"),
            other => other.to_owned(),
        }
    }
}

/// What a recipient is told about the link a case came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenedLink {
    pub minimal: bool,
    pub anonymised: bool,
    /// The page was reloaded with the case in its address (not opened from a link anew).
    pub reloaded: bool,
    /// How many credentials the sender's pastes held (the link's stand-ins for them).
    pub removed: usize,
}

pub enum Action {
    /// Adds one paste (blank text is ignored).
    Add(String),
    /// A dropped or chosen file has been read: its text becomes a paste with its name, or the
    /// page says why it did not.
    AddFile {
        name: String,
        read: Result<String, FileProblem>,
    },
    DismissFileNotice(u32),
    DismissFileNotices,
    /// Replaces every paste with these (an example).
    Load(Vec<String>),
    Replace {
        paste: u32,
        text: String,
    },
    /// A big paste's edited text is on its way, held outside the wasm memory: the paste's old
    /// text goes now, so that the [`Action::Replace`] which follows brings the new one into the
    /// room the old one leaves (the wasm memory never shrinks: built beside the old text, a
    /// 100 MB paste's edit grew it by 100 MB for good). Until then the paste has no text.
    Replacing {
        paste: u32,
        bytes: usize,
    },
    /// A big paste is on its way: what the undo keeps goes now rather than when the paste is
    /// added (which makes the undo meaningless anyway), so that the paste is brought into the
    /// room a removed paste's text leaves instead of beside it.
    DropUndo,
    Remove(u32),
    Clear,
    Edit(Option<Editing>),
    ToggleReveal(u32),
    SetLang(Lang),
    SetTheme(Theme),
    SetView(View),
    /// Opens the case of a share link: its pastes, language and view replace the page's.
    Open(engine::share::Case),
    /// The link in the address could not be opened: the page is left empty and says why.
    LinkFailed(engine::share::ShareError),
    DismissLinkError,
    /// A big paste was read in the background.
    ReadDone,
    /// Replaces a paste's text with its repair (undoable).
    Repair {
        paste: u32,
        text: String,
    },
    /// Brings back what the last Remove, Remove all, example or repair replaced.
    Undo,
    /// Lights up a finding's evidence in the texts (or none).
    Select(Option<usize>),
    /// The user has been shown the new diagnosis.
    SeenDiagnosis,
    /// Moves a paste's text view to byte `at`.
    ShowText {
        paste: u32,
        at: usize,
    },
}

impl State {
    pub fn new(lang: Lang, theme: Theme) -> Self {
        Self {
            lang,
            theme,
            ..Self::default()
        }
    }

    fn push(&mut self, text: String, name: Option<Rc<str>>) {
        if text.trim().is_empty() {
            return;
        }
        self.next_id += 1;
        self.pastes.push(Paste {
            id: self.next_id,
            text: Arc::new(text),
            name,
        });
    }

    /// Notes a file that was not added; the same file with the same problem again moves its
    /// notice to the end instead of repeating it.
    fn notice(&mut self, name: Rc<str>, problem: FileProblem) {
        self.file_notices
            .retain(|notice| notice.name != name || notice.problem != problem);
        self.next_notice += 1;
        self.file_notices.push(FileNotice {
            id: self.next_notice,
            name,
            problem,
        });
    }

    pub fn is_revealed(&self, paste: u32) -> bool {
        self.revealed.contains(&paste)
    }

    fn focus_on(&mut self, target: &'static str, paste: u32) {
        let count = self.focus.map_or(0, |(count, ..)| count) + 1;
        self.focus = Some((count, target, paste));
    }

    /// The paste's number as the page shows it (1-based).
    fn number_of(&self, paste: u32) -> usize {
        self.pastes
            .iter()
            .position(|p| p.id == paste)
            .map_or(0, |at| at + 1)
    }

    fn remember(&mut self, what: Undone) {
        self.undo = Some(Undo {
            what,
            pastes: self.pastes.clone(),
        });
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        // Once the pastes change, the case is no longer the link's.
        if matches!(
            action,
            Action::Add(_)
                | Action::AddFile { read: Ok(_), .. }
                | Action::Load(_)
                | Action::Replace { .. }
                | Action::Replacing { .. }
                | Action::Remove(_)
                | Action::Clear
                | Action::LinkFailed(_)
        ) {
            state.opened_link = None;
        }
        // What changes the pastes makes a new diagnosis to look at; a change other than the
        // undoable ones makes the last undo meaningless.
        let changes_pastes = matches!(
            action,
            Action::Add(_)
                | Action::AddFile { read: Ok(_), .. }
                | Action::Load(_)
                | Action::Replace { .. }
                | Action::Replacing { .. }
                | Action::Remove(_)
                | Action::Clear
                | Action::Open(_)
                | Action::Repair { .. }
                | Action::Undo
        );
        if changes_pastes {
            state.fresh = true;
            state.selected = None;
        }
        if matches!(
            action,
            Action::Add(_)
                | Action::AddFile { read: Ok(_), .. }
                | Action::Replace { .. }
                | Action::Replacing { .. }
                | Action::DropUndo
                | Action::Open(_)
                | Action::LinkFailed(_)
        ) {
            state.undo = None;
        }
        // Whatever happens to the pastes meanwhile, the text on its way arrives with the next
        // change of them (or never: a paste removed meanwhile is not brought back).
        if changes_pastes && !matches!(action, Action::Replacing { .. }) {
            state.arriving = None;
        }
        match action {
            Action::Add(text) => {
                // UTF-16 read byte by byte (`a\0b\0…`) is decoded, so its secrets are found.
                let text = engine::text::utf16_in_text(&text).unwrap_or(text);
                if text.trim().is_empty() {
                    return self;
                }
                state.push(text, None);
                state.generation += 1;
            }
            Action::AddFile { name, read } => {
                let name = Rc::from(name);
                match read.and_then(crate::files::non_blank) {
                    Ok(text) => {
                        state.push(text, Some(name));
                        state.generation += 1;
                    }
                    Err(problem) => state.notice(name, problem),
                }
            }
            // The notices move focus themselves (to the next notice, else the paste area).
            Action::DismissFileNotice(notice) => {
                state.file_notices.retain(|n| n.id != notice);
            }
            Action::DismissFileNotices => state.file_notices.clear(),
            Action::Load(texts) => {
                state.remember(Undone::Loaded(!state.pastes.is_empty()));
                state.focus_on(focus::RESULTS, 0);
                state.pastes.clear();
                state.revealed.clear();
                state.editing = None;
                state.file_notices.clear();
                for text in texts {
                    state.push(text, None);
                }
                state.generation += 1;
            }
            Action::Replace { paste, text } => {
                if text.trim().is_empty() {
                    state.pastes.retain(|p| p.id != paste);
                } else if let Some(found) = state.pastes.iter_mut().find(|p| p.id == paste) {
                    found.text = Arc::new(text);
                }
                match state.pastes.iter().any(|p| p.id == paste) {
                    true => state.focus_on(focus::PASTE_TITLE, paste),
                    false => state.focus_on(focus::PASTE_AREA, 0),
                }
                state.editing = None;
                state.generation += 1;
            }
            Action::Replacing { paste, bytes } => {
                if let Some(found) = state.pastes.iter_mut().find(|p| p.id == paste) {
                    found.text = Arc::default();
                    state.arriving = Some((paste, bytes));
                }
                state.editing = None;
                state.generation += 1;
            }
            Action::DropUndo => {
                if self.undo.is_none() {
                    return self;
                }
            }
            Action::Repair { paste, text } => {
                let number = state.number_of(paste);
                if let Some(found) = state.pastes.iter().position(|p| p.id == paste) {
                    state.remember(Undone::Repaired(number));
                    if let Some(found) = state.pastes.get_mut(found) {
                        found.text = Arc::new(text);
                    }
                    state.focus_on(focus::PASTE_TITLE, paste);
                    state.generation += 1;
                }
            }
            Action::Undo => {
                if let Some(undo) = state.undo.take() {
                    let first_back = undo
                        .pastes
                        .iter()
                        .find(|p| {
                            !state
                                .pastes
                                .iter()
                                .any(|q| q.id == p.id && q.text == p.text)
                        })
                        .map(|p| p.id);
                    state.pastes = undo.pastes;
                    state.editing = None;
                    let ids: Vec<u32> = state.pastes.iter().map(|p| p.id).collect();
                    state.revealed.retain(|p| ids.contains(p));
                    match first_back {
                        Some(id) => state.focus_on(focus::PASTE_TITLE, id),
                        None => state.focus_on(focus::PASTE_AREA, 0),
                    }
                    state.generation += 1;
                }
            }
            Action::Select(finding) => state.selected = finding,
            Action::SeenDiagnosis => state.fresh = false,
            Action::ShowText { paste, at } => state.text_at = Some((paste, at)),
            Action::Remove(paste) => {
                let number = state.number_of(paste);
                state.remember(Undone::Removed(number));
                // Focus goes to the paste now in its place, else the one before, else the
                // paste area.
                let at = number.saturating_sub(1);
                let next = state
                    .pastes
                    .get(at + 1)
                    .or_else(|| {
                        at.checked_sub(1)
                            .and_then(|before| state.pastes.get(before))
                    })
                    .map(|p| p.id);
                match next {
                    Some(id) => state.focus_on(focus::PASTE_TITLE, id),
                    None => state.focus_on(focus::PASTE_AREA, 0),
                }
                state.pastes.retain(|p| p.id != paste);
                state.revealed.retain(|p| *p != paste);
                if state.editing.is_some_and(|e| e.paste == paste) {
                    state.editing = None;
                }
                state.generation += 1;
            }
            Action::Clear => {
                if !state.pastes.is_empty() {
                    state.remember(Undone::Cleared);
                }
                state.focus_on(focus::PASTE_AREA, 0);
                state.pastes.clear();
                state.revealed.clear();
                state.editing = None;
                state.file_notices.clear();
                state.generation += 1;
            }
            Action::Edit(editing) => {
                // A paste whose edited text is on its way has no text meanwhile: an editor
                // opened then would start from nothing, and saving it would replace the edit.
                let opens = editing.map(|e| e.paste);
                if opens.is_some() && opens == self.arriving.map(|(paste, _)| paste) {
                    return self;
                }
                if let (None, Some(before)) = (editing, state.editing) {
                    state.focus_on(focus::PASTE_EDIT, before.paste);
                }
                state.editing = editing;
            }
            Action::ToggleReveal(paste) => {
                if state.revealed.contains(&paste) {
                    state.revealed.retain(|p| *p != paste);
                } else {
                    state.revealed.push(paste);
                }
            }
            Action::SetLang(lang) => state.lang = lang,
            Action::SetTheme(theme) => state.theme = theme,
            Action::SetView(view) => state.view = view,
            Action::Open(case) => {
                let removed = case
                    .inputs
                    .iter()
                    .flat_map(|text| {
                        engine::input::secrets::stand_ins(
                            text,
                            engine::text::Span::new(0, text.len()),
                        )
                    })
                    .filter(|(_, kind)| kind.is_credential())
                    .count();
                state.opened_link = Some(OpenedLink {
                    minimal: case.form == engine::share::Form::Minimal,
                    anonymised: case.anonymised,
                    reloaded: false,
                    removed,
                });
                state.pastes.clear();
                state.revealed.clear();
                state.editing = None;
                state.file_notices.clear();
                state.link_error = None;
                state.lang = crate::link::lang_of(&case, state.lang);
                state.view = crate::link::view_of(&case);
                for text in case.inputs {
                    state.push(text, None);
                }
                state.generation += 1;
            }
            Action::LinkFailed(error) => {
                state.pastes.clear();
                state.revealed.clear();
                state.editing = None;
                state.file_notices.clear();
                state.view = View::default();
                state.link_error = Some(error);
                state.generation += 1;
            }
            Action::DismissLinkError => {
                state.link_error = None;
                state.focus_on(focus::PASTE_AREA, 0);
            }
            Action::ReadDone => state.reads_done += 1,
        }
        Rc::new(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: State, action: Action) -> State {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn adding_editing_and_removing_pastes() {
        let state = reduce(State::default(), Action::Add("{\"a\":1}".into()));
        let state = reduce(state, Action::Add("   \n".into()));
        assert_eq!(state.pastes.len(), 1);
        let id = state.pastes[0].id;
        let state = reduce(state, Action::ToggleReveal(id));
        assert!(state.is_revealed(id));
        let state = reduce(
            state,
            Action::Replace {
                paste: id,
                text: "x".into(),
            },
        );
        assert_eq!(&*state.pastes[0].text, "x");
        let state = reduce(state, Action::Remove(id));
        assert!(state.pastes.is_empty());
        assert!(!state.is_revealed(id));
    }

    fn add_file(state: State, name: &str, read: Result<&str, FileProblem>) -> State {
        reduce(
            state,
            Action::AddFile {
                name: name.into(),
                read: read.map(str::to_owned),
            },
        )
    }

    fn notices(state: &State) -> Vec<(&str, FileProblem)> {
        state
            .file_notices
            .iter()
            .map(|notice| (&*notice.name, notice.problem))
            .collect()
    }

    #[test]
    fn a_file_becomes_a_named_paste_or_a_notice() {
        let state = reduce(State::default(), Action::Add("pasted".into()));
        let state = add_file(state, "describe.json", Ok("{\"Reservations\": []}"));
        let state = add_file(state, "screenshot.png", Err(FileProblem::Binary));
        let state = add_file(state, "blank.txt", Ok(" \n"));
        let names: Vec<Option<&str>> = state.pastes.iter().map(|p| p.name.as_deref()).collect();
        assert_eq!(names, vec![None, Some("describe.json")]);
        assert_eq!(state.generation, 2, "notices do not change the case");
        assert_eq!(
            notices(&state),
            vec![
                ("screenshot.png", FileProblem::Binary),
                ("blank.txt", FileProblem::Empty)
            ]
        );
        // An edit keeps the name; the same bad file again is one notice, moved last.
        let id = state.pastes[1].id;
        let state = reduce(
            state,
            Action::Replace {
                paste: id,
                text: "{}".into(),
            },
        );
        assert_eq!(state.pastes[1].name.as_deref(), Some("describe.json"));
        let state = add_file(state, "screenshot.png", Err(FileProblem::Binary));
        assert_eq!(
            notices(&state),
            vec![
                ("blank.txt", FileProblem::Empty),
                ("screenshot.png", FileProblem::Binary)
            ]
        );
    }

    #[test]
    fn notices_go_when_dismissed_or_the_case_is_cleared() {
        let bad = |state| {
            add_file(
                state,
                "big.log",
                Err(FileProblem::TooLarge { megabytes: 300 }),
            )
        };
        let state = bad(add_file(
            State::default(),
            "gone.txt",
            Err(FileProblem::Unreadable),
        ));
        let first = state.file_notices[0].id;
        let state = reduce(state, Action::DismissFileNotice(first));
        assert_eq!(
            notices(&state),
            vec![("big.log", FileProblem::TooLarge { megabytes: 300 })]
        );
        assert!(reduce(state.clone(), Action::DismissFileNotices)
            .file_notices
            .is_empty());
        assert!(reduce(bad(State::default()), Action::Clear)
            .file_notices
            .is_empty());
        assert!(
            reduce(bad(State::default()), Action::Load(vec!["a".into()]))
                .file_notices
                .is_empty()
        );
        // Removing a paste is not clearing the case.
        let state = add_file(bad(State::default()), "a.json", Ok("{}"));
        let id = state.pastes[0].id;
        assert_eq!(reduce(state, Action::Remove(id)).file_notices.len(), 1);
    }

    #[test]
    fn file_names_stay_out_of_the_link() {
        let state = add_file(
            State::default(),
            "prod-account-secret-project.json",
            Ok("{}"),
        );
        let fragment = crate::link::fragment_of(&state).unwrap_or_default();
        let crate::link::Opened::Case(case) = crate::link::read(&format!("x#{fragment}")) else {
            panic!("no link");
        };
        assert_eq!(case.inputs, vec!["{}".to_owned()]);
        let state = reduce(State::default(), Action::Open(case));
        assert_eq!(state.pastes[0].name, None);
    }

    #[test]
    fn remove_remove_all_examples_and_repairs_can_be_undone() {
        let state = reduce(State::default(), Action::Add("one".into()));
        let state = reduce(state, Action::Add("two".into()));
        let state = reduce(state, Action::Add("three".into()));
        let texts = |state: &State| -> Vec<String> {
            state.pastes.iter().map(|p| p.text.to_string()).collect()
        };
        let two = state.pastes[1].id;
        let three = state.pastes[2].id;
        let removed = reduce(state.clone(), Action::Remove(two));
        assert_eq!(
            removed.undo.as_ref().map(|u| u.what),
            Some(Undone::Removed(2))
        );
        // Focus goes to the paste now in its place.
        assert_eq!(
            removed.focus.map(|f| (f.1, f.2)),
            Some((focus::PASTE_TITLE, three))
        );
        let back = reduce(removed, Action::Undo);
        assert_eq!(texts(&back), ["one", "two", "three"]);
        assert_eq!(back.pastes[1].id, two, "the same paste comes back");
        assert_eq!(
            back.focus.map(|f| (f.1, f.2)),
            Some((focus::PASTE_TITLE, two))
        );
        assert!(back.undo.is_none());

        let cleared = reduce(back, Action::Clear);
        assert_eq!(cleared.focus.map(|f| f.1), Some(focus::PASTE_AREA));
        assert_eq!(texts(&reduce(cleared, Action::Undo)).len(), 3);

        let loaded = reduce(state.clone(), Action::Load(vec!["example".into()]));
        assert_eq!(
            loaded.undo.as_ref().map(|u| u.what),
            Some(Undone::Loaded(true))
        );
        assert_eq!(
            texts(&reduce(loaded, Action::Undo)),
            ["one", "two", "three"]
        );

        let one = state.pastes[0].id;
        let repaired = reduce(
            state,
            Action::Repair {
                paste: one,
                text: "ONE".into(),
            },
        );
        assert_eq!(texts(&repaired)[0], "ONE");
        assert_eq!(
            repaired.undo.as_ref().map(|u| u.what),
            Some(Undone::Repaired(1))
        );
        // Another change makes the undo meaningless.
        let added = reduce(repaired, Action::Add("four".into()));
        assert!(added.undo.is_none());
        assert_eq!(texts(&reduce(added, Action::Undo))[0], "ONE");
    }

    #[test]
    fn a_big_edit_lets_the_old_text_go_before_the_new_one_comes() {
        let state = add_file(State::default(), "fleet.json", Ok("old"));
        let id = state.pastes[0].id;
        let state = reduce(state, Action::Edit(Some(Editing { paste: id })));
        let replacing = reduce(
            state,
            Action::Replacing {
                paste: id,
                bytes: 3,
            },
        );
        assert_eq!(
            replacing.pastes[0].text.as_str(),
            "",
            "the old text is let go"
        );
        assert_eq!(
            replacing.arriving,
            Some((id, 3)),
            "shown as being read meanwhile, with the new text's size"
        );
        assert_eq!(replacing.editing, None);
        // Its Edit does nothing until the text has come: the same state, not drawn again.
        let replacing = Rc::new(replacing);
        assert!(Rc::ptr_eq(
            &replacing
                .clone()
                .reduce(Action::Edit(Some(Editing { paste: id }))),
            &replacing
        ));
        let replacing = (*replacing).clone();
        let replaced = reduce(
            replacing,
            Action::Replace {
                paste: id,
                text: "new".into(),
            },
        );
        assert_eq!(replaced.pastes[0].text.as_str(), "new");
        assert_eq!(replaced.pastes[0].id, id, "the same paste");
        assert_eq!(replaced.pastes[0].name.as_deref(), Some("fleet.json"));
        assert_eq!(replaced.arriving, None);
    }

    #[test]
    fn a_big_paste_on_its_way_lets_the_undo_go_first() {
        let state = reduce(State::default(), Action::Add("one".into()));
        let id = state.pastes[0].id;
        let removed = reduce(state, Action::Remove(id));
        let dropped = reduce(removed, Action::DropUndo);
        assert!(dropped.undo.is_none());
        assert!(dropped.pastes.is_empty());
        // Nothing to drop: the same state, not drawn again.
        let unchanged = Rc::new(dropped);
        assert!(Rc::ptr_eq(
            &unchanged.clone().reduce(Action::DropUndo),
            &unchanged
        ));
    }

    #[test]
    fn loading_replaces_everything() {
        let state = reduce(State::default(), Action::Add("one".into()));
        let state = reduce(state, Action::Load(vec!["a".into(), "b".into()]));
        let texts: Vec<&str> = state.pastes.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, vec!["a", "b"]);
        assert_eq!(state.generation, 2);
    }
}
