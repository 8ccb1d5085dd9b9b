//! Settings read from the page's URL, so a link reproduces a run and teachers can embed it.

use crate::i18n::Lang;
use crate::view::controls::{MAX_SPEED_LOG2, MIN_SPEED_LOG2};
use quorum_k8s::leader_election::{parse_duration_us, ConfigError, LeaderElectionConfig};
use quorum_k8s::topology::{
    EtcdTopology, TopologySpec, MAX_CONTROL_PLANES, MAX_ETCD_MEMBERS, MAX_WORKERS,
};

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
    /// The HA view's setup (`topology`, `cp`, `etcd`, `workers`, `lease`).
    pub ha: HaParams,
}

/// The HA view's cluster from the URL:
/// `?view=ha&topology=stacked|external&cp=N&etcd=N&workers=N&lease=15s,10s,2s`
/// (lease duration, renew deadline, retry period). Each value is checked on its own
/// and with the others; a bad one is left out and listed in `rejected`, so the page can
/// say what it ignored instead of failing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HaParams {
    pub topology: Option<EtcdTopology>,
    pub control_planes: Option<u8>,
    pub etcd_members: Option<u8>,
    pub workers: Option<u8>,
    pub lease: Option<LeaderElectionConfig>,
    pub rejected: Vec<Rejected>,
}

/// A URL value the HA view did not use.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub key: &'static str,
    /// What the URL said (printable ASCII, at most 32 characters).
    pub value: String,
    pub why: RejectReason,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RejectReason {
    /// Not `stacked` or `external`.
    UnknownTopology,
    NotANumber,
    OutOfRange {
        min: u8,
        max: u8,
    },
    /// `etcd=` sets external etcd hosts; stacked etcd has one member per control-plane node.
    EtcdNeedsExternal,
    /// Not three durations separated by commas.
    LeaseFormat,
    /// Three durations that break client-go's rule.
    LeaseRule(ConfigError),
}

/// Longest URL value echoed back on the page.
const MAX_ECHO: usize = 32;

impl HaParams {
    /// The defaults when the URL says nothing: stacked, 3 control-plane nodes, 2 workers.
    pub const DEFAULT_CONTROL_PLANES: u8 = 3;
    pub const DEFAULT_WORKERS: u8 = 2;

    fn reject(&mut self, key: &'static str, value: &str, why: RejectReason) {
        let value: String = value
            .chars()
            .filter(|c| c.is_ascii_graphic())
            .take(MAX_ECHO)
            .collect();
        self.rejected.push(Rejected { key, value, why });
    }

    fn count(&mut self, key: &'static str, value: &str, min: u8, max: u8) -> Option<u8> {
        match value.parse::<u8>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            Ok(_) => {
                self.reject(key, value, RejectReason::OutOfRange { min, max });
                None
            }
            // Digits that overflow a u8 are out of range too, not "not a number".
            Err(_) if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.reject(key, value, RejectReason::OutOfRange { min, max });
                None
            }
            Err(_) => {
                self.reject(key, value, RejectReason::NotANumber);
                None
            }
        }
    }

    fn read(&mut self, key: &str, value: &str) {
        match key {
            "topology" => match value {
                "stacked" => self.topology = Some(EtcdTopology::Stacked),
                "external" => self.topology = Some(EtcdTopology::External),
                _ => self.reject("topology", value, RejectReason::UnknownTopology),
            },
            "cp" => self.control_planes = self.count("cp", value, 1, MAX_CONTROL_PLANES),
            "etcd" => self.etcd_members = self.count("etcd", value, 1, MAX_ETCD_MEMBERS),
            "workers" => self.workers = self.count("workers", value, 0, MAX_WORKERS),
            "lease" => self.lease = self.lease_flags(value),
            _ => {}
        }
    }

    fn lease_flags(&mut self, value: &str) -> Option<LeaderElectionConfig> {
        let text = value.replace("%2C", ",").replace("%2c", ",");
        let parts: Vec<Option<u64>> = text.split(',').map(|d| parse_duration_us(d).ok()).collect();
        let [Some(lease), Some(renew), Some(retry)] = parts[..] else {
            self.reject("lease", value, RejectReason::LeaseFormat);
            return None;
        };
        let config = LeaderElectionConfig {
            lease_duration_us: lease,
            renew_deadline_us: renew,
            retry_period_us: retry,
            ..LeaderElectionConfig::default()
        };
        match config.validate() {
            Ok(()) => Some(config),
            Err(e) => {
                self.reject("lease", value, RejectReason::LeaseRule(e));
                None
            }
        }
    }

    /// Checks across values, once all are read.
    fn finish(&mut self) {
        if self.topology != Some(EtcdTopology::External) {
            if let Some(n) = self.etcd_members.take() {
                self.reject("etcd", &n.to_string(), RejectReason::EtcdNeedsExternal);
            }
        }
    }

    /// The topology to build.
    pub fn spec(&self) -> TopologySpec {
        let cp = self.control_planes.unwrap_or(Self::DEFAULT_CONTROL_PLANES);
        let workers = self.workers.unwrap_or(Self::DEFAULT_WORKERS);
        match self.topology {
            Some(EtcdTopology::External) => {
                TopologySpec::external(cp, self.etcd_members.unwrap_or(cp), workers)
            }
            _ => TopologySpec::stacked(cp, workers),
        }
    }

    /// The leader-election flags to use.
    pub fn config(&self) -> LeaderElectionConfig {
        self.lease.unwrap_or_default()
    }
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
    quorum_raft::lite::sort_small_by(&mut words, |a, b| a < b);
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
            ha: HaParams::default(),
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
                "topology" | "cp" | "etcd" | "workers" | "lease" => params.ha.read(key, value),
                _ => {}
            }
        }
        params.ha.finish();
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
    fn ha_setup_is_read_from_the_url() {
        let p = Params::parse("?view=ha&topology=external&cp=5&etcd=3&workers=0&lease=20s,12s,3s");
        assert!(p.ha.rejected.is_empty(), "{:?}", p.ha.rejected);
        assert_eq!(p.ha.spec(), TopologySpec::external(5, 3, 0));
        let c = p.ha.config();
        assert_eq!(
            (c.lease_duration_us, c.renew_deadline_us, c.retry_period_us),
            (20_000_000, 12_000_000, 3_000_000)
        );
        // Nothing said: the view's defaults.
        let d = Params::parse("?view=ha");
        assert_eq!(d.ha.spec(), TopologySpec::stacked(3, 2));
        assert_eq!(d.ha.config(), LeaderElectionConfig::default());
        // External etcd defaults to one host per control-plane node; %2C is a comma.
        let e = Params::parse("?topology=external&cp=2&lease=15s%2C10s%2C2s");
        assert_eq!(e.ha.spec(), TopologySpec::external(2, 2, 2));
        assert!(e.ha.rejected.is_empty());
    }

    #[test]
    fn bad_ha_values_are_ignored_and_reported() {
        let p = Params::parse("?topology=mesh&cp=9&etcd=3&workers=x&lease=10s,10s,2s");
        assert_eq!(p.ha.spec(), TopologySpec::stacked(3, 2));
        assert_eq!(p.ha.config(), LeaderElectionConfig::default());
        let why: Vec<(&str, RejectReason)> = p.ha.rejected.iter().map(|r| (r.key, r.why)).collect();
        assert_eq!(
            why,
            vec![
                ("topology", RejectReason::UnknownTopology),
                ("cp", RejectReason::OutOfRange { min: 1, max: 7 }),
                ("workers", RejectReason::NotANumber),
                (
                    "lease",
                    RejectReason::LeaseRule(ConfigError::LeaseDurationNotGreaterThanRenewDeadline)
                ),
                ("etcd", RejectReason::EtcdNeedsExternal),
            ]
        );
        let q = Params::parse(
            "?lease=15s,10s&cp=99999999999&workers=<b>hi</b>&etcd=0&topology=external",
        );
        let why: Vec<RejectReason> = q.ha.rejected.iter().map(|r| r.why).collect();
        assert_eq!(
            why,
            vec![
                RejectReason::LeaseFormat,
                RejectReason::OutOfRange { min: 1, max: 7 },
                RejectReason::NotANumber,
                RejectReason::OutOfRange { min: 1, max: 7 },
            ]
        );
        assert!(q.ha.rejected.iter().all(|r| r.value.len() <= 32));
        assert_eq!(q.ha.spec(), TopologySpec::external(3, 3, 2));
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
