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
                "paused" => params.paused = value != "0" && value != "false",
                _ => {}
            }
        }
        params
    }

    pub fn from_location() -> Params {
        let query = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        Params::parse(&query)
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
}
