//! The page header: the name, what the page does, and the language and theme settings.

use engine::lang::Lang;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::{native_name, t, Key};
use crate::state::Theme;

pub struct HeaderProps {
    pub lang: Lang,
    pub theme: Theme,
    pub onlang: Callback<Lang>,
    pub ontheme: Callback<Theme>,
}

fn theme_label(theme: Theme) -> Key {
    match theme {
        Theme::System => Key::ThemeSystem,
        Theme::Light => Key::ThemeLight,
        Theme::Dark => Key::ThemeDark,
    }
}

/// A function, not a component: it keeps no state, and its callbacks are new at every render
/// of the page (so it was drawn again each time anyway); a component type costs ~1 KB of wasm.
pub fn header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let onlang = {
        let onlang = props.onlang.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                if let Some(lang) = Lang::from_tag(&select.value()) {
                    onlang.emit(lang);
                }
            }
        })
    };
    let ontheme = {
        let ontheme = props.ontheme.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                if let Some(theme) = Theme::from_id(&select.value()) {
                    ontheme.emit(theme);
                }
            }
        })
    };
    html! {
        <header class="page-header">
            <div class="brand">
                <h1 id="app-title" translate="no">{ "ec2-iam-doctor" }</h1>
                <p class="tagline">{ t(lang, Key::AppTagline) }</p>
            </div>
            <div class="settings" role="group" aria-label={t(lang, Key::SettingsLabel)}>
                <label class="setting">
                    <span>{ t(lang, Key::SettingsLanguage) }</span>
                    <select id="language" onchange={onlang}>
                        { for Lang::ALL.iter().map(|option| html! {
                            <option value={option.code()} selected={*option == lang} lang={option.code()}>
                                { native_name(*option) }
                            </option>
                        }) }
                    </select>
                </label>
                <label class="setting">
                    <span>{ t(lang, Key::SettingsTheme) }</span>
                    <select id="theme" onchange={ontheme}>
                        { for Theme::ALL.iter().map(|option| html! {
                            <option value={option.id()} selected={*option == props.theme}>
                                { t(lang, theme_label(*option)) }
                            </option>
                        }) }
                    </select>
                </label>
            </div>
        </header>
    }
}
