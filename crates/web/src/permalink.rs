//! The permalink: the whole run (settings, seed and every user action with its instant) in the
//! page's URL, so reloading it or sharing it replays exactly the same run.
//! `?run=` holds the run description's compact JSON in URL-safe base64; `&t=` the instant.

use quorum_sim::base64::{decode as from_base64, encode as to_base64, URL_SAFE};
use quorum_sim::RunDescription;

pub fn encode(run: &RunDescription) -> String {
    to_base64(run.to_json(), URL_SAFE, false)
}

/// The run in a `run=` value, or None if it is not one (a mangled link starts afresh).
pub fn decode(value: &str) -> Option<RunDescription> {
    let bytes = from_base64(value.trim_end_matches('='), URL_SAFE, false).ok()?;
    RunDescription::from_json(std::str::from_utf8(&bytes).ok()?).ok()
}

/// `query` with `run` and `t` replaced (other parameters, like the language, are kept).
pub fn with_run(query: &str, run: &RunDescription, time_us: u64) -> String {
    let kept = query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("run=") && !p.starts_with("t="));
    let mut parts: Vec<String> = kept.map(str::to_string).collect();
    parts.push(format!("run={}", encode(run)));
    parts.push(format!("t={time_us}"));
    format!("?{}", parts.join("&"))
}

/// Rewrites the address bar without reloading or adding history entries.
pub fn store(run: &RunDescription, time_us: u64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let query = window.location().search().unwrap_or_default();
    let url = with_run(&query, run, time_us);
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> RunDescription {
        let mut run = RunDescription {
            config: crate::world::lab_config(5),
            seed: 42,
            actions: Vec::new(),
        };
        run.actions.push(quorum_sim::TimedAction {
            at_us: 1_500_000,
            action: quorum_sim::UserAction::StopNode { node: 2 },
        });
        run
    }

    #[test]
    fn a_run_round_trips_through_the_link() {
        let run = run();
        assert_eq!(decode(&encode(&run)), Some(run));
    }

    #[test]
    fn mangled_links_are_refused_not_fatal() {
        assert_eq!(decode("%%%"), None);
        assert_eq!(decode(""), None);
        assert_eq!(
            decode(&to_base64("{\"seed\": \"x\"}", URL_SAFE, false)),
            None
        );
    }

    #[test]
    fn other_parameters_are_kept() {
        let query = with_run("?lang=ko&run=old&t=5&view=lab", &run(), 7);
        assert!(query.starts_with("?lang=ko&view=lab&run="));
        assert!(query.ends_with("&t=7"));
    }
}
