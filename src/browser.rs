//! The few browser services the page uses: settings in localStorage, the browser's language,
//! attributes on `<html>`, the async Clipboard API, scrolling and text selection, and big texts
//! held in the JavaScript heap on their way into the wasm memory.
//!
//! Only settings are ever stored (language, theme): never pasted text, never a secret.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::JsString;

const STORAGE_PREFIX: &str = "ec2-iam-doctor.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A remembered setting (`lang`, `theme`).
pub fn setting(name: &str) -> Option<String> {
    storage()?
        .get_item(&format!("{STORAGE_PREFIX}{name}"))
        .ok()
        .flatten()
}

/// Remembers a setting; a browser that refuses storage (private mode) just forgets it.
pub fn remember(name: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&format!("{STORAGE_PREFIX}{name}"), value);
    }
}

/// Forgets a setting (the theme back to "same as the system").
pub fn forget(name: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&format!("{STORAGE_PREFIX}{name}"));
    }
}

/// The browser's preferred languages, most preferred first.
pub fn languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if let Some(tag) = navigator.language() {
        tags.push(tag);
    }
    tags
}

/// Sets (or with `None` removes) an attribute of the `<html>` element.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match value {
        Some(value) => root.set_attribute(name, value),
        None => root.remove_attribute(name),
    };
}

/// Sets the document's title.
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Writes `text` to the clipboard with the async Clipboard API and reports the outcome.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        done(false);
        return;
    };
    let promise = window.navigator().clipboard().write_text(text);
    // Exactly one of the two callbacks runs; whichever it is hands the outcome on.
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let on_ok = {
        let done = done.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            if let Some(done) = done.take() {
                done(true);
            }
        })
    };
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        if let Some(done) = done.take() {
            done(false);
        }
    });
    let _ = promise.then2(&on_ok, &on_error);
    // The promise owns the callbacks from here; a copy is a rare, user-started action, so
    // leaking these two small closures is cheaper than tracking them.
    on_ok.forget();
    on_error.forget();
}

/// Scrolls the element with this id into view and moves the keyboard focus to it.
pub fn reveal_element(id: &str) {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    element.scroll_into_view();
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Like [`reveal_element`] for the first element `selector` matches, after opening the
/// `<details>` it is folded in.
pub fn reveal(selector: &str) {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
    else {
        return;
    };
    let mut folded = element.closest("details:not([open])").ok().flatten();
    while let Some(details) = folded {
        let _ = details.set_attribute("open", "");
        folded = details.closest("details:not([open])").ok().flatten();
    }
    element.scroll_into_view();
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Whether this page load is a reload of the same address (Navigation Timing's `type`).
pub fn is_reload() -> bool {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return false;
    };
    let navigation = web_sys::js_sys::Reflect::get(&performance, &JsValue::from_str("navigation"))
        .unwrap_or(JsValue::UNDEFINED);
    web_sys::js_sys::Reflect::get(&navigation, &JsValue::from_str("type"))
        .ok()
        .and_then(|kind| kind.as_f64())
        == Some(1.0)
}

/// Whether the page was opened from a file (`file://`): a link to it works on this computer
/// only.
pub fn is_file_page() -> bool {
    location_href().is_some_and(|href| href.starts_with("file:"))
}

/// Focuses a text area and selects the UTF-16 range `start..end` in it.
pub fn select_in(area: &web_sys::HtmlTextAreaElement, start: u32, end: u32) {
    let _ = area.focus();
    let _ = area.set_selection_range(start, end);
}

/// Adds a User Timing mark (read by the benchmark journey).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// The page's whole address, fragment included.
pub fn location_href() -> Option<String> {
    web_sys::window()?.location().href().ok()
}

/// The page's address without its fragment (the base of a share link).
pub fn base_url() -> String {
    location_href()
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

/// Puts `fragment` (without `#`) in the address, or removes the fragment with `None`, without a
/// new history entry and without a `hashchange` event.
pub fn replace_fragment(fragment: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let current = location_href().unwrap_or_default();
    let (base, now) = match current.split_once('#') {
        Some((base, now)) => (base, Some(now)),
        None => (current.as_str(), None),
    };
    if now == fragment {
        return;
    }
    let url = match fragment {
        Some(fragment) => format!("{base}#{fragment}"),
        None => base.to_owned(),
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Runs `run` after `millis` milliseconds (once).
pub fn after(millis: i32, run: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(run);
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), millis);
}

/// A listener on `window`, removed when dropped.
pub struct WindowListener {
    event: &'static str,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl WindowListener {
    pub fn new(event: &'static str, run: impl FnMut(web_sys::Event) + 'static) -> Option<Self> {
        let window = web_sys::window()?;
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(run);
        window
            .add_event_listener_with_callback(event, callback.as_ref().unchecked_ref())
            .ok()?;
        Some(Self { event, callback })
    }
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                self.event,
                self.callback.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Saves `text` as a file named `name`: a Blob behind an object URL and a clicked
/// `a[download]`, so nothing leaves the browser.
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let parts = web_sys::js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let Some(anchor) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        let _ = web_sys::Url::revoke_object_url(&url);
        return false;
    };
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The download has started from the URL by the time this runs.
    after(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    true
}

/// Focuses the element with this id without scrolling it into view.
pub fn focus_element(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// A text in the JavaScript heap, not yet in the wasm memory. The wasm memory never shrinks:
/// a big text brought in while the one it replaces is still held needs room beside it, and
/// the memory grows by the text for good. Held here until the old text has been let go (see
/// `Action::Replacing` and `Action::DropUndo`), it is brought in where the old one was.
pub struct JsText(JsString);

#[wasm_bindgen]
extern "C" {
    /// A `DataTransfer` whose `getData` leaves the text a JavaScript string (web-sys's copies
    /// it into the wasm memory at once).
    type DataInJs;
    #[wasm_bindgen(method, catch, js_name = getData)]
    fn get_data(this: &DataInJs, format: &str) -> Result<JsString, JsValue>;
}

impl JsText {
    /// The text a paste event carries.
    pub fn pasted(event: &web_sys::ClipboardEvent) -> Option<Self> {
        event
            .clipboard_data()
            .and_then(|data| data.unchecked_ref::<DataInJs>().get_data("text").ok())
            .map(Self)
    }

    /// `parts` joined, copied out of the wasm memory.
    pub fn joined(parts: &[&str]) -> Self {
        let whole = parts.iter().fold(JsString::from(""), |whole, part| {
            whole.concat(&JsValue::from_str(part))
        });
        Self(whole)
    }

    /// Its length in UTF-16 code units (at most its length in UTF-8 bytes).
    pub fn units(&self) -> u32 {
        self.0.length()
    }

    pub fn is_blank(&self) -> bool {
        self.0.trim().length() == 0
    }

    /// Brings the text into the wasm memory (a JavaScript string always converts: the default
    /// is never used).
    pub fn into_string(self) -> String {
        self.0.as_string().unwrap_or_default()
    }
}
