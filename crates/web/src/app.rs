//! The page's root: the header, the language, and which view is showing.

use crate::i18n::tr;
use crate::i18n::{t, Lang, Text};
use crate::pages::{self, Page};
use crate::params::{store, stored, Params, Theme};
use yew::prelude::*;

/// Where the chosen theme is kept between visits.
const THEME_KEY: &str = "quorum.theme";

/// System → dark → light → system.
fn next_theme(theme: Option<Theme>) -> Option<Theme> {
    match theme {
        None => Some(Theme::Dark),
        Some(Theme::Dark) => Some(Theme::Light),
        Some(Theme::Light) => None,
    }
}

#[component]
pub fn App() -> Html {
    let params = use_memo((), |_| Params::from_location());
    let lang = use_state(|| params.lang.unwrap_or_else(Lang::from_browser));
    let page = use_state(|| {
        params
            .view
            .as_deref()
            .and_then(Page::from_code)
            .unwrap_or(Page::Lab)
    });
    use_effect_with(*lang, |lang| {
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = root.set_attribute("lang", lang.code());
        }
        // Kept in local storage and in the URL, so a reload or a shared link keeps it.
        crate::params::remember_lang(*lang);
    });
    {
        // Embed mode and a forced theme apply to every view.
        let params = params.clone();
        use_effect_with((), move |_| crate::embed::apply_document(&params));
    }
    // The theme: the URL's, else the one chosen last time, else the system's (None).
    let theme = use_state(|| {
        params
            .theme
            .or_else(|| stored(THEME_KEY).and_then(|c| Theme::from_code(&c)))
    });
    use_effect_with(*theme, |theme| {
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = match theme {
                Some(t) => root.set_attribute("data-theme", t.code()),
                None => root.remove_attribute("data-theme"),
            };
        }
        store(THEME_KEY, theme.map_or("auto", Theme::code));
    });
    let cycle_theme = {
        let theme = theme.clone();
        Callback::from(move |_: MouseEvent| theme.set(next_theme(*theme)))
    };
    let theme_label = match *theme {
        None => tr(*lang, "Theme: system", "테마: 시스템"),
        Some(Theme::Light) => tr(*lang, "Theme: light", "테마: 밝게"),
        Some(Theme::Dark) => tr(*lang, "Theme: dark", "테마: 어둡게"),
    };
    let switch_lang = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| lang.set(lang.other()))
    };
    let tabs = Page::ALL.iter().map(|&p| {
        let selected = *page == p;
        let page = page.clone();
        let onclick = Callback::from(move |_: MouseEvent| page.set(p));
        html! {
            <button role="tab" data-view={p.code()} aria-selected={selected.to_string()} {onclick}>
                { p.title(*lang) }
            </button>
        }
    });
    html! {
        <>
            if params.embed {
                // The header is hidden when embedded; the page keeps its title (in a
                // landmark) for assistive technology.
                <header class="embed-title"><h1 class="visually-hidden">{ t(*lang, Text::Title) }</h1></header>
            }
            <header class="top">
                <h1>{ t(*lang, Text::Title) }</h1>
                <p>{ t(*lang, Text::Tagline) }</p>
                <button class="theme" data-action="theme" data-theme-choice={theme.map_or("auto", Theme::code)}
                        onclick={cycle_theme}>{ theme_label }</button>
                <button class="lang" data-action="lang" onclick={switch_lang}>{ t(*lang, Text::LanguageSwitch) }</button>
            </header>
            if Page::ALL.len() > 1 {
                <nav class="tabs" aria-label={t(*lang, Text::Title)}>
                    <div class="tab-list" role="tablist">{ for tabs }</div>
                </nav>
            }
            { pages::render(*page, *lang) }
        </>
    }
}
