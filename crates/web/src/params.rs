//! Settings read from the page's URL, so a link reproduces a run and teachers can embed it.

use crate::i18n::Lang;
use crate::view::controls::{MAX_SPEED_LOG2, MIN_SPEED_LOG2};

#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub nodes: usize,
    pub seed: u64,
    pub speed_log2: i32,
    pub lang: Option<Lang>,
    pub paused: bool,
    /// Which view to open (`?view=lab`).
    pub view: Option<String>,
    /// A whole run from a permalink (`?run=`, see `permalink.rs`).
    pub run: Option<String>,
    /// The instant of the run to show (`&t=`, µs).
    pub time_us: Option<u64>,
    /// A lesson id (`?lesson=etcd-quorum`) and a step in it, counted from 1.
    pub lesson: Option<String>,
    pub step: Option<usize>,
    pub theme: Option<Theme>,
    /// Embed mode: no page chrome, for an iframe.
    pub embed: bool,
    /// Controls hidden or locked by the embedding page (sorted, deduplicated).
    pub hide: Vec<String>,
    pub lock: Vec<String>,
    /// The infrastructure chooser's picks.
    pub purpose: Option<String>,
    pub place: Option<String>,
}

/// Where the chosen language is kept between visits.
pub const LANG_KEY: &str = "quorum.lang";

/// Longest identifier accepted from the URL, and most identifiers in a list.
const MAX_WORD: usize = 64;
const MAX_WORDS: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn from_code(code: &str) -> Option<Theme> {
        match code {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// An identifier from the URL: lowercase letters, digits and hyphens only, so nothing
/// hostile reaches the page or storage.
fn word(value: &str) -> Option<String> {
    let ok = !value.is_empty()
        && value.len() <= MAX_WORD
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok.then(|| value.to_string())
}

/// A comma-separated list of identifiers (`%2C` allowed for the comma).
fn word_list(value: &str) -> Vec<String> {
    let value = value.replace("%2C", ",").replace("%2c", ",");
    let mut words: Vec<String> = value.split(',').filter_map(word).collect();
    words.sort();
    words.dedup();
    words.truncate(MAX_WORDS);
    words
}

impl Default for Params {
    fn default() -> Self {
        Params {
            nodes: 5,
            seed: 1,
            speed_log2: -2,
            lang: None,
            paused: false,
            view: None,
            run: None,
            time_us: None,
            lesson: None,
            step: None,
            theme: None,
            embed: false,
            hide: Vec::new(),
            lock: Vec::new(),
            purpose: None,
            place: None,
        }
    }
}

impl Params {
    /// Parses a query string (`?nodes=5&seed=7`); unknown or malformed values keep the defaults.
    pub fn parse(query: &str) -> Params {
        let mut params = Params::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "nodes" => {
                    if let Ok(n) = value.parse::<usize>() {
                        params.nodes = n.clamp(1, 9);
                    }
                }
                "seed" => params.seed = value.parse().unwrap_or(params.seed),
                "speed" => {
                    if let Ok(s) = value.parse::<i32>() {
                        params.speed_log2 = s.clamp(MIN_SPEED_LOG2, MAX_SPEED_LOG2);
                    }
                }
                "lang" => params.lang = Lang::from_code(value),
                "view" => params.view = Some(value.to_string()),
                "run" => params.run = Some(value.to_string()),
                "t" => params.time_us = value.parse().ok(),
                "paused" => params.paused = value != "0" && value != "false",
                "lesson" => params.lesson = word(value),
                "step" => {
                    params.step = value
                        .parse::<usize>()
                        .ok()
                        .filter(|s| (1..=1000).contains(s))
                }
                "theme" => params.theme = Theme::from_code(value),
                "embed" => params.embed = value == "1" || value == "true",
                "hide" => params.hide = word_list(value),
                "lock" => params.lock = word_list(value),
                "purpose" => params.purpose = word(value),
                "place" => params.place = word(value),
                _ => {}
            }
        }
        params
    }

    /// The URL's settings; without `?lang=`, the language last chosen on this browser.
    pub fn from_location() -> Params {
        let query = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let mut params = Params::parse(&query);
        if params.lang.is_none() {
            params.lang = stored(LANG_KEY).and_then(|code| Lang::from_code(&code));
        }
        params
    }
}

fn storage() -> Option<web_sys::Storage> {
    // Storage may be disabled (private mode, sandboxed iframe): that is never fatal.
    web_sys::window()?.local_storage().ok().flatten()
}

/// A value from local storage, if storage works and has it.
pub fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores a value; false if storage is unavailable or full.
pub fn store(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// `query` with `key=value` set (replacing an earlier value, keeping every other pair).
pub fn with_param(query: &str, key: &str, value: &str) -> String {
    let mut pairs: Vec<String> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(key))
        .map(str::to_string)
        .collect();
    pairs.push(format!("{key}={value}"));
    format!("?{}", pairs.join("&"))
}

/// Rewrites the address bar's query without reloading or adding a history entry.
pub fn replace_query(query: &str) {
    if let Some(window) = web_sys::window() {
        let hash = window.location().hash().unwrap_or_default();
        let path = window.location().pathname().unwrap_or_default();
        if let Ok(history) = window.history() {
            let url = format!("{path}{query}{hash}");
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// The page's current query string (`?a=b`), empty outside a browser.
pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Keeps the chosen language in local storage and in the URL, so a reload or a shared
/// link keeps it.
pub fn remember_lang(lang: Lang) {
    store(LANG_KEY, lang.code());
    let query = current_query();
    if Params::parse(&query).lang != Some(lang) {
        replace_query(&with_param(&query, "lang", lang.code()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_keep_defaults() {
        let p = Params::parse("?nodes=abc&seed=-1&speed=99&lang=xx&junk");
        assert_eq!(p.nodes, 5);
        assert_eq!(p.seed, 1);
        assert_eq!(p.speed_log2, MAX_SPEED_LOG2);
        assert_eq!(p.lang, None);
    }

    #[test]
    fn values_are_read_and_clamped() {
        let p = Params::parse("?nodes=12&seed=42&lang=ko&paused=1");
        assert_eq!(
            (p.nodes, p.seed, p.lang, p.paused),
            (9, 42, Some(Lang::Ko), true)
        );
    }

    #[test]
    fn course_and_embed_parameters_are_read() {
        let p = Params::parse(
            "?view=lessons&lesson=etcd-quorum&step=2&theme=dark&embed=1&hide=lessons%2Cexport&lock=nodes,play,nodes",
        );
        assert_eq!(p.lesson.as_deref(), Some("etcd-quorum"));
        assert_eq!(p.step, Some(2));
        assert_eq!(p.theme, Some(Theme::Dark));
        assert!(p.embed);
        assert_eq!(p.hide, vec!["export", "lessons"]);
        assert_eq!(p.lock, vec!["nodes", "play"]);
    }

    #[test]
    fn hostile_course_parameters_are_dropped() {
        let p = Params::parse(
            "?lesson=<script>&step=0&theme=blue&embed=yes&hide=A,,b%20c&purpose=../x",
        );
        assert_eq!(p.lesson, None);
        assert_eq!(p.step, None);
        assert_eq!(p.theme, None);
        assert!(!p.embed);
        assert!(p.hide.is_empty());
        assert_eq!(p.purpose, None);
        assert_eq!(Params::parse("?step=99999999999999999999999").step, None);
        let long = format!("?lesson={}", "a".repeat(65));
        assert_eq!(Params::parse(&long).lesson, None);
        let many: Vec<String> = (0..40).map(|i| format!("c{i}")).collect();
        assert_eq!(
            Params::parse(&format!("?hide={}", many.join(",")))
                .hide
                .len(),
            16
        );
    }

    #[test]
    fn with_param_replaces_one_pair() {
        assert_eq!(
            with_param("?view=lessons&lang=en", "lang", "ko"),
            "?view=lessons&lang=ko"
        );
        assert_eq!(with_param("", "step", "3"), "?step=3");
        assert_eq!(
            with_param("?steps=1&step=2", "step", "4"),
            "?steps=1&step=4"
        );
    }
}
