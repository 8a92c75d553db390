//! Reading dropped or chosen files: each text file becomes a paste carrying its name; any other
//! file becomes a notice that names it and says what is wrong (see [`FileProblem`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use yew::prelude::*;

use crate::i18n::Key;
use crate::reading::READ_AT_ONCE;
use crate::state::{Action, State};

/// Files bigger than this are not read. The engine reads a 20 MB output in well under a second,
/// in the background (`reading`), so 100 MB is a few seconds of reading; much more would hold
/// several copies of the text in memory (file, text, link) and can end the tab. The biggest real
/// outputs (a `describe-instances` of a large account) are tens of MB.
pub const LARGEST_FILE: u64 = 100 * 1024 * 1024;

/// How much of the start of a file is looked at to tell text from binary (git looks at 8 KB too).
const PROBE: usize = 8 * 1024;

/// Starts of well-known binary formats that can begin with text-like bytes or hold long text
/// runs (a PDF starts `%PDF-`), so that they are named binary whatever follows.
const BINARY_STARTS: &[&[u8]] = &[
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n",
    b"\xFF\xD8\xFF",                     // JPEG
    b"GIF87a",                           // GIF
    b"GIF89a",                           // GIF
    b"PK\x03\x04",                       // zip, and so .xlsx, .docx, .jar
    b"PK\x05\x06",                       // an empty zip
    b"\x1F\x8B",                         // gzip
    b"7z\xBC\xAF\x27\x1C",               // 7-Zip
    b"\xFD7zXZ\x00",                     // xz
    b"\x28\xB5\x2F\xFD",                 // zstd
    b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", // old Office (.xls, .doc)
    b"\x7FELF",                          // a Linux program
    b"SQLite format 3\x00",
];

/// Why a file did not become a paste.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// Nothing in it, or only blank space.
    Empty,
    /// An image, an archive, a spreadsheet, a program: not text.
    Binary,
    /// Text, but not in UTF-8 (Shift_JIS, Windows-1252…), so it cannot be read as it is.
    NotUtf8,
    /// Bigger than [`LARGEST_FILE`]; `megabytes` is its size.
    TooLarge { megabytes: u64 },
    /// The browser could not read it (moved or deleted since, or a folder).
    Unreadable,
}

impl FileProblem {
    /// Stable id for the page's markup (`data-problem`) and tests.
    pub const fn id(self) -> &'static str {
        match self {
            FileProblem::Empty => "empty",
            FileProblem::Binary => "binary",
            FileProblem::NotUtf8 => "not-utf8",
            FileProblem::TooLarge { .. } => "too-large",
            FileProblem::Unreadable => "unreadable",
        }
    }

    /// What the user is told: what is wrong and what to do.
    pub const fn message(self) -> Key {
        match self {
            FileProblem::Empty => Key::FilesEmpty,
            FileProblem::Binary => Key::FilesBinary,
            FileProblem::NotUtf8 => Key::FilesNotUtf8,
            FileProblem::TooLarge { .. } => Key::FilesTooLarge,
            FileProblem::Unreadable => Key::FilesUnreadable,
        }
    }
}

/// Whether a file of `size` bytes is read at all.
pub fn check_size(size: u64) -> Result<(), FileProblem> {
    if size > LARGEST_FILE {
        return Err(FileProblem::TooLarge {
            megabytes: size.div_ceil(1024 * 1024),
        });
    }
    Ok(())
}

/// The text of a file from its bytes, decided by its content (never by its name): UTF-8 (a
/// byte-order mark dropped) and UTF-16 with a byte-order mark (what Windows PowerShell 5 writes
/// with `>`) are text; a known binary start, a NUL byte near the start, or bytes that are not
/// UTF-8 are not.
pub fn text_of(bytes: Vec<u8>) -> Result<String, FileProblem> {
    if let Some(text) = utf16_text(&bytes) {
        // Data that happens to start like UTF-16 (or UTF-32, whose mark starts the same) decodes
        // to NULs.
        return match text {
            Ok(text) if text.chars().take(PROBE).any(|c| c == '\0') => Err(FileProblem::Binary),
            text => text.and_then(non_blank),
        };
    }
    let probe = &bytes[..bytes.len().min(PROBE)];
    if BINARY_STARTS.iter().any(|start| probe.starts_with(start)) {
        return Err(FileProblem::Binary);
    }
    // UTF-16 without its mark: NULs in every other byte, but text.
    if let Some(text) = engine::text::utf16_without_bom(&bytes) {
        return non_blank(text);
    }
    if probe.contains(&0) {
        return Err(FileProblem::Binary);
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{FEFF}') {
                text.drain(..'\u{FEFF}'.len_utf8());
            }
            non_blank(text)
        }
        // Text in another encoding has no control bytes besides tab, line ends, form feed and
        // escape (colours in a transcript); binary data has them within the first kilobytes.
        Err(error) => {
            let probe = &error.as_bytes()[..error.as_bytes().len().min(PROBE)];
            let control = probe
                .iter()
                .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B));
            Err(if control {
                FileProblem::Binary
            } else {
                FileProblem::NotUtf8
            })
        }
    }
}

/// The text of a file that starts with a UTF-16 byte-order mark (`None` without one).
fn utf16_text(bytes: &[u8]) -> Option<Result<String, FileProblem>> {
    let unit: fn([u8; 2]) -> u16 = match bytes {
        [0xFF, 0xFE, ..] => u16::from_le_bytes,
        [0xFE, 0xFF, ..] => u16::from_be_bytes,
        _ => return None,
    };
    let body = &bytes[2..];
    // Half a unit at the end, or a lone surrogate: not UTF-16 after all.
    if body.len() % 2 != 0 {
        return Some(Err(FileProblem::NotUtf8));
    }
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    Some(String::from_utf16(&units).map_err(|_| FileProblem::NotUtf8))
}

/// The text, unless it is empty or only blank space.
pub fn non_blank(text: String) -> Result<String, FileProblem> {
    if text.trim().is_empty() {
        Err(FileProblem::Empty)
    } else {
        Ok(text)
    }
}

/// Readers still running, each with a flag set when it has finished: a reader cancels its read
/// when dropped, so a reader is kept until it has finished, however many files are read at once.
pub type Readers = Rc<RefCell<Vec<(Rc<Cell<bool>>, FileReader)>>>;

/// Reads every file of `list` and adds each, when it has been read, as a paste or a notice.
pub fn read_all(list: web_sys::FileList, dispatch: UseReducerDispatcher<State>, readers: Readers) {
    let files: Vec<gloo::file::File> = (0..list.length())
        .filter_map(|index| list.item(index))
        .map(gloo::file::File::from)
        .collect();
    // A big file comes into the wasm memory once what the undo keeps (a removed paste's text,
    // as big) has gone, as a big paste does (see `Action::DropUndo`): the reader finishes in a
    // later task, after the render that lets the undo go.
    if files
        .iter()
        .any(|file| check_size(file.size()).is_ok() && file.size() > READ_AT_ONCE as u64)
    {
        dispatch.dispatch(Action::DropUndo);
    }
    let mut running = readers.borrow_mut();
    // Finished readers are let go (dropping one that has finished cancels nothing).
    running.retain(|(finished, _)| !finished.get());
    for file in files {
        let name = file.name();
        // Too big a file is never read into memory.
        if let Err(problem) = check_size(file.size()) {
            dispatch.dispatch(Action::AddFile {
                name,
                read: Err(problem),
            });
            continue;
        }
        let dispatch = dispatch.clone();
        let finished = Rc::new(Cell::new(false));
        let done = finished.clone();
        let reader = gloo::file::callbacks::read_as_bytes(&file, move |result| {
            done.set(true);
            let read = match result {
                Ok(bytes) => text_of(bytes),
                Err(_) => Err(FileProblem::Unreadable),
            };
            dispatch.dispatch(Action::AddFile { name, read });
        });
        running.push((finished, reader));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        let mut bytes = if little_endian {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        bytes
    }

    #[test]
    fn text_files_are_read_as_they_are() {
        let json = "{\"InstanceProfile\": {\"Roles\": []}}\n";
        assert_eq!(text_of(json.into()), Ok(json.to_owned()));
        // A transcript with colours (escape) and a carriage return is still text.
        let transcript = "$ aws sts get-caller-identity\r\n\x1b[31mAccessDenied\x1b[0m\n";
        assert_eq!(text_of(transcript.into()), Ok(transcript.to_owned()));
        assert_eq!(
            text_of("ロール `web` がありません".into()),
            Ok("ロール `web` がありません".to_owned())
        );
    }

    #[test]
    fn a_utf8_byte_order_mark_is_dropped() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(b"{\"a\": 1}");
        assert_eq!(text_of(bytes), Ok("{\"a\": 1}".to_owned()));
        assert_eq!(text_of(vec![0xEF, 0xBB, 0xBF]), Err(FileProblem::Empty));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        // Windows PowerShell 5: `aws iam get-role --role-name web > role.json`.
        let json = "{\"Role\": {\"RoleName\": \"web\"}}\r\n";
        assert_eq!(text_of(utf16(json, true)), Ok(json.to_owned()));
        assert_eq!(text_of(utf16(json, false)), Ok(json.to_owned()));
        assert_eq!(text_of(utf16(" \r\n", true)), Err(FileProblem::Empty));
        // Half a unit, or a lone surrogate: not readable text.
        let mut odd = utf16("{}", true);
        odd.push(b'x');
        assert_eq!(text_of(odd), Err(FileProblem::NotUtf8));
        assert_eq!(
            text_of(vec![0xFF, 0xFE, 0x00, 0xD8]),
            Err(FileProblem::NotUtf8)
        );
        // UTF-32 (its mark starts like UTF-16's): NULs, so not text the page reads.
        let utf32: Vec<u8> = [0xFF, 0xFE, 0, 0]
            .into_iter()
            .chain("{}".chars().flat_map(|c| u32::from(c).to_le_bytes()))
            .collect();
        assert_eq!(text_of(utf32), Err(FileProblem::Binary));
    }

    #[test]
    fn empty_and_blank_files_are_empty() {
        assert_eq!(text_of(Vec::new()), Err(FileProblem::Empty));
        assert_eq!(text_of(b" \n\t\r\n".to_vec()), Err(FileProblem::Empty));
    }

    #[test]
    fn binary_files_are_told_by_their_content() {
        // UTF-16 without a byte-order mark is text (PowerShell, Notepad's "Unicode").
        assert_eq!(
            text_of(b"{\x00\"\x00a\x00\"\x00".to_vec()),
            Ok("{\"a\"".to_owned())
        );
        // NUL bytes anywhere else: data.
        assert_eq!(
            text_of(b"{\"a\x00\x00\x00\x01\x02\": 1}".to_vec()),
            Err(FileProblem::Binary)
        );
        // Known starts, even when the rest would pass for text.
        for start in BINARY_STARTS {
            let mut bytes = start.to_vec();
            bytes.extend(b" and then some text");
            assert_eq!(text_of(bytes), Err(FileProblem::Binary), "{start:?}");
        }
        // Invalid UTF-8 with control bytes: data, not text.
        assert_eq!(
            text_of(vec![0x80, 0x81, 0x02, 0x03, 0xFE]),
            Err(FileProblem::Binary)
        );
        // A NUL past the first 8 KB of valid UTF-8 text does not make it binary.
        let mut late = vec![b'a'; PROBE];
        late.extend(b"\x00b");
        assert!(text_of(late).is_ok());
    }

    #[test]
    fn text_in_another_encoding_is_not_utf8() {
        // "ロール" in Shift_JIS, then Windows-1252 "café".
        let shift_jis = vec![0x83, 0x8D, 0x81, 0x5B, 0x83, 0x8B, b'\r', b'\n'];
        assert_eq!(text_of(shift_jis), Err(FileProblem::NotUtf8));
        assert_eq!(text_of(b"caf\xE9\n".to_vec()), Err(FileProblem::NotUtf8));
    }

    #[test]
    fn files_over_the_limit_are_too_large() {
        assert_eq!(check_size(0), Ok(()));
        assert_eq!(check_size(LARGEST_FILE), Ok(()));
        assert_eq!(
            check_size(LARGEST_FILE + 1),
            Err(FileProblem::TooLarge { megabytes: 101 })
        );
        assert_eq!(
            check_size(2 * 1024 * 1024 * 1024),
            Err(FileProblem::TooLarge { megabytes: 2048 })
        );
    }
}
