//! The page's state, the actions that change it, and the reducer (yew's `function_todomvc`
//! layout). The case itself (inputs, diagnosis) is derived from the pastes, never stored.

use std::rc::Rc;

use engine::lang::Lang;
use engine::text::Span;
use yew::prelude::*;

use crate::files::FileProblem;

/// One paste as the user gave it. The text is kept only in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paste {
    /// Stable for the paste's life (list keys, edit and reveal state).
    pub id: u32,
    pub text: Rc<str>,
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

/// A paste being edited, and the span to select in it when the editor opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Editing {
    pub paste: u32,
    pub select: Option<Span>,
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
}

/// What a recipient is told about the link a case came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenedLink {
    pub minimal: bool,
    pub anonymised: bool,
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
            text: Rc::from(text),
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
                | Action::Remove(_)
                | Action::Clear
                | Action::LinkFailed(_)
        ) {
            state.opened_link = None;
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
            Action::DismissFileNotice(notice) => {
                state.file_notices.retain(|n| n.id != notice);
            }
            Action::DismissFileNotices => state.file_notices.clear(),
            Action::Load(texts) => {
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
                    found.text = Rc::from(text);
                }
                state.editing = None;
                state.generation += 1;
            }
            Action::Remove(paste) => {
                state.pastes.retain(|p| p.id != paste);
                state.revealed.retain(|p| *p != paste);
                if state.editing.is_some_and(|e| e.paste == paste) {
                    state.editing = None;
                }
                state.generation += 1;
            }
            Action::Clear => {
                state.pastes.clear();
                state.revealed.clear();
                state.editing = None;
                state.file_notices.clear();
                state.generation += 1;
            }
            Action::Edit(editing) => state.editing = editing,
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
            Action::DismissLinkError => state.link_error = None,
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
    fn loading_replaces_everything() {
        let state = reduce(State::default(), Action::Add("one".into()));
        let state = reduce(state, Action::Load(vec!["a".into(), "b".into()]));
        let texts: Vec<&str> = state.pastes.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, vec!["a", "b"]);
        assert_eq!(state.generation, 2);
    }
}
