//! The lab's settings: cluster size, timings, pre-vote, check-quorum, read mode and the
//! "break it" switches. The form edits a draft; Apply checks it with the core's own
//! `Config::validate` (so the page accepts exactly what a node would) and only then hands
//! the new settings to the lab, which starts a new run with the same seed.

use crate::i18n::{tr, Lang};
use crate::model::LabSettings;
use crate::narrate::{bug_description, bug_name};
use quorum_raft::{Bug, Bugs, Config, ConfigError, ReadMode};
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub const MIN_NODES: usize = 1;
pub const MAX_NODES: usize = 9;
/// The largest timing the form accepts, in ms: beyond a minute nothing visible happens.
pub const MAX_MS: u64 = 60_000;

/// A timing field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeField {
    ElectionMin,
    ElectionMax,
    Heartbeat,
}

/// Why the form cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsError {
    Nodes(usize),
    NotANumber(TimeField),
    TooLarge(TimeField),
    Config(ConfigError),
}

/// The form as typed: timings stay text until Apply, so a half-typed number is not lost.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub nodes: usize,
    pub election_min: String,
    pub election_max: String,
    pub heartbeat: String,
    pub pre_vote: bool,
    pub check_quorum: bool,
    pub lease_reads: bool,
    pub bugs: Vec<Bug>,
}

impl Draft {
    pub fn of(s: &LabSettings) -> Draft {
        Draft {
            nodes: s.nodes,
            election_min: s.election_min_ms.to_string(),
            election_max: s.election_max_ms.to_string(),
            heartbeat: s.heartbeat_ms.to_string(),
            pre_vote: s.pre_vote,
            check_quorum: s.check_quorum,
            lease_reads: s.lease_reads,
            bugs: s.bugs.clone(),
        }
    }

    /// Sets one switch, keeping the list in `Bug::ALL` order without repeats.
    pub fn set_bug(&mut self, bug: Bug, on: bool) {
        let mut bugs = Bugs::default();
        for &b in &self.bugs {
            bugs.set(b, true);
        }
        bugs.set(bug, on);
        self.bugs = bugs.enabled();
    }
}

/// Milliseconds as the core's microseconds (saturating: the form caps values anyway).
pub fn ms_to_us(ms: u64) -> u64 {
    ms.saturating_mul(1000)
}

fn parse_ms(text: &str, field: TimeField) -> Result<u64, SettingsError> {
    let ms: u64 = text
        .trim()
        .parse()
        .map_err(|_| SettingsError::NotANumber(field))?;
    if ms > MAX_MS {
        return Err(SettingsError::TooLarge(field));
    }
    Ok(ms)
}

/// The node configuration these settings give every server.
pub fn config_of(s: &LabSettings) -> Config {
    let mut bugs = Bugs::default();
    for &b in &s.bugs {
        bugs.set(b, true);
    }
    Config {
        election_timeout_min_us: ms_to_us(s.election_min_ms),
        election_timeout_max_us: ms_to_us(s.election_max_ms),
        heartbeat_interval_us: ms_to_us(s.heartbeat_ms),
        pre_vote: s.pre_vote,
        check_quorum: s.check_quorum,
        read_mode: if s.lease_reads {
            ReadMode::LeaseBased
        } else {
            ReadMode::ReadIndex
        },
        bugs,
        ..Config::default()
    }
}

/// The settings the draft describes, if a node would accept them.
pub fn parse(d: &Draft) -> Result<LabSettings, SettingsError> {
    if !(MIN_NODES..=MAX_NODES).contains(&d.nodes) {
        return Err(SettingsError::Nodes(d.nodes));
    }
    let settings = LabSettings {
        nodes: d.nodes,
        election_min_ms: parse_ms(&d.election_min, TimeField::ElectionMin)?,
        election_max_ms: parse_ms(&d.election_max, TimeField::ElectionMax)?,
        heartbeat_ms: parse_ms(&d.heartbeat, TimeField::Heartbeat)?,
        pre_vote: d.pre_vote,
        check_quorum: d.check_quorum,
        lease_reads: d.lease_reads,
        bugs: d.bugs.clone(),
    };
    config_of(&settings)
        .validate()
        .map_err(SettingsError::Config)?;
    Ok(settings)
}

fn field_name(lang: Lang, f: TimeField) -> &'static str {
    match f {
        TimeField::ElectionMin => tr(lang, "The shortest election timeout", "최소 선거 타임아웃"),
        TimeField::ElectionMax => tr(lang, "The longest election timeout", "최대 선거 타임아웃"),
        TimeField::Heartbeat => tr(lang, "The heartbeat interval", "하트비트 간격"),
    }
}

fn ms_text(us: u64) -> String {
    format!("{} ms", us / 1000)
}

/// What is wrong, in a sentence.
pub fn error_text(lang: Lang, e: &SettingsError) -> String {
    match (lang, e) {
        (Lang::En, SettingsError::Nodes(n)) => {
            format!("A cluster has 1 to 9 servers here, not {n}.")
        }
        (Lang::Ko, SettingsError::Nodes(n)) => {
            format!("여기서 클러스터는 서버 1~9대로 구성합니다({n}대는 안 됩니다).")
        }
        (Lang::En, SettingsError::NotANumber(f)) => format!(
            "{} must be a whole number of milliseconds.",
            field_name(lang, *f)
        ),
        (Lang::Ko, SettingsError::NotANumber(f)) => {
            format!("{}은 밀리초 단위의 정수여야 합니다.", field_name(lang, *f))
        }
        (Lang::En, SettingsError::TooLarge(f)) => {
            format!("{} can be at most {MAX_MS} ms.", field_name(lang, *f))
        }
        (Lang::Ko, SettingsError::TooLarge(f)) => {
            format!("{}은 최대 {MAX_MS}ms까지 가능합니다.", field_name(lang, *f))
        }
        (_, SettingsError::Config(c)) => config_error_text(lang, c),
    }
}

/// Every `ConfigError`, worded (the core returns data, not sentences).
pub fn config_error_text(lang: Lang, e: &ConfigError) -> String {
    match (lang, e) {
        (Lang::En, ConfigError::ElectionTimeoutZero) => {
            "The election timeout must be above zero.".into()
        }
        (Lang::Ko, ConfigError::ElectionTimeoutZero) => "선거 타임아웃은 0보다 커야 합니다.".into(),
        (Lang::En, ConfigError::ElectionTimeoutRangeInverted { min_us, max_us }) => format!(
            "The longest election timeout ({}) is below the shortest ({}).",
            ms_text(*max_us),
            ms_text(*min_us)
        ),
        (Lang::Ko, ConfigError::ElectionTimeoutRangeInverted { min_us, max_us }) => format!(
            "최대 선거 타임아웃({})이 최소 선거 타임아웃({})보다 작습니다.",
            ms_text(*max_us),
            ms_text(*min_us)
        ),
        (Lang::En, ConfigError::HeartbeatZero) => {
            "The heartbeat interval must be above zero.".into()
        }
        (Lang::Ko, ConfigError::HeartbeatZero) => "하트비트 간격은 0보다 커야 합니다.".into(),
        (
            Lang::En,
            ConfigError::HeartbeatNotBelowElectionTimeout {
                heartbeat_us,
                election_min_us,
            },
        ) => format!(
            "The heartbeat interval ({}) must be shorter than the shortest election timeout ({}), \
             or followers would start elections while the leader is healthy.",
            ms_text(*heartbeat_us),
            ms_text(*election_min_us)
        ),
        (
            Lang::Ko,
            ConfigError::HeartbeatNotBelowElectionTimeout {
                heartbeat_us,
                election_min_us,
            },
        ) => format!(
            "하트비트 간격({})은 최소 선거 타임아웃({})보다 짧아야 합니다. 그렇지 않으면 리더가 \
             멀쩡한데도 팔로워가 선거를 시작합니다.",
            ms_text(*heartbeat_us),
            ms_text(*election_min_us)
        ),
        (Lang::En, ConfigError::MaxInflightZero) => {
            "At least one message must be allowed in flight to each follower.".into()
        }
        (Lang::Ko, ConfigError::MaxInflightZero) => {
            "팔로워마다 전송 중인 메시지를 적어도 하나는 허용해야 합니다.".into()
        }
        (Lang::En, ConfigError::MaxEntriesPerMsgZero) => {
            "A message must be able to carry at least one entry.".into()
        }
        (Lang::Ko, ConfigError::MaxEntriesPerMsgZero) => {
            "메시지 하나에 항목을 적어도 하나는 담을 수 있어야 합니다.".into()
        }
        (Lang::En, ConfigError::LeaseReadsNeedCheckQuorum) => {
            "Lease reads need check-quorum: without it, followers may elect a new \
             leader while the old one still trusts its lease."
                .into()
        }
        (Lang::Ko, ConfigError::LeaseReadsNeedCheckQuorum) => {
            "리스 읽기에는 check-quorum이 필요합니다. 그렇지 않으면 이전 리더가 \
             아직 리스를 믿고 있는 동안 팔로워들이 새 리더를 뽑을 수 있습니다."
                .into()
        }
        (Lang::En, ConfigError::InvalidNodeId) => "0 is not a valid server id.".into(),
        (Lang::Ko, ConfigError::InvalidNodeId) => "0은 올바른 서버 ID가 아닙니다.".into(),
    }
}

fn input_value(e: &InputEvent) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// A callback that edits the draft and clears the shown error.
fn edit<E: 'static>(
    draft: &UseStateHandle<Draft>,
    error: &UseStateHandle<Option<SettingsError>>,
    change: impl Fn(&mut Draft, E) + 'static,
) -> Callback<E> {
    let (draft, error) = (draft.clone(), error.clone());
    Callback::from(move |e: E| {
        let mut next = (*draft).clone();
        change(&mut next, e);
        draft.set(next);
        error.set(None);
    })
}

fn ms_input(
    lang: Lang,
    name: &'static str,
    label: &'static str,
    value: &str,
    oninput: Callback<InputEvent>,
) -> Html {
    html! {
        <label class="setting">
            <span>{ label }</span>
            <span class="field">
                <input type="number" inputmode="numeric" min="1" max={MAX_MS.to_string()} step="1" data-setting={name}
                       value={value.to_string()} {oninput} />
                { tr(lang, "ms", "ms") }
            </span>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct SettingsFormProps {
    pub lang: Lang,
    /// The settings of the current run (the form starts from them).
    pub settings: LabSettings,
    /// Called with valid settings only.
    pub on_apply: Callback<LabSettings>,
}

#[component]
pub fn SettingsForm(props: &SettingsFormProps) -> Html {
    let lang = props.lang;
    let draft = use_state(|| Draft::of(&props.settings));
    let error = use_state(|| None::<SettingsError>);
    {
        // A new run (from a permalink, a lesson or Apply) resets the form to what it runs.
        let (draft, error) = (draft.clone(), error.clone());
        use_effect_with(props.settings.clone(), move |s| {
            draft.set(Draft::of(s));
            error.set(None);
        });
    }
    let on_nodes = edit(&draft, &error, |d, e: Event| {
        if let Ok(n) = select_value(&e).parse() {
            d.nodes = n;
        }
    });
    let on_min = edit(&draft, &error, |d, e: InputEvent| {
        d.election_min = input_value(&e)
    });
    let on_max = edit(&draft, &error, |d, e: InputEvent| {
        d.election_max = input_value(&e)
    });
    let on_heartbeat = edit(&draft, &error, |d, e: InputEvent| {
        d.heartbeat = input_value(&e)
    });
    let on_pre_vote = edit(&draft, &error, |d, _: Event| d.pre_vote = !d.pre_vote);
    let on_check_quorum = edit(&draft, &error, |d, _: Event| {
        d.check_quorum = !d.check_quorum
    });
    let on_read_index = edit(&draft, &error, |d, _: Event| d.lease_reads = false);
    let on_lease = edit(&draft, &error, |d, _: Event| d.lease_reads = true);
    let onsubmit = {
        let (draft, error, on_apply) = (draft.clone(), error.clone(), props.on_apply.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse(&draft) {
                Ok(settings) => {
                    error.set(None);
                    on_apply.emit(settings);
                }
                Err(err) => error.set(Some(err)),
            }
        })
    };
    let d = &*draft;
    html! {
        <section class="panel settings-panel" aria-labelledby="settings-title">
            <h2 id="settings-title">{ tr(lang, "Settings", "설정") }</h2>
            <form class="settings-form" {onsubmit} novalidate=true>
                <label class="setting">
                    <span>{ tr(lang, "Servers", "서버 수") }</span>
                    <select data-setting="nodes" onchange={on_nodes}>
                        { for (MIN_NODES..=MAX_NODES).map(|n| html! {
                            <option value={n.to_string()} selected={d.nodes == n}>{ n }</option>
                        }) }
                    </select>
                </label>
                { ms_input(lang, "election-min", tr(lang, "Election timeout, shortest", "선거 타임아웃 최소"), &d.election_min, on_min) }
                { ms_input(lang, "election-max", tr(lang, "Election timeout, longest", "선거 타임아웃 최대"), &d.election_max, on_max) }
                { ms_input(lang, "heartbeat", tr(lang, "Heartbeat interval", "하트비트 간격"), &d.heartbeat, on_heartbeat) }
                <label class="setting check">
                    <input type="checkbox" data-setting="pre-vote" checked={d.pre_vote} onchange={on_pre_vote} />
                    <span>{ tr(lang, "Pre-vote: ask before raising the term (thesis §9.6)", "사전 투표: 임기를 올리기 전에 먼저 물어봄(학위 논문 §9.6)") }</span>
                </label>
                <label class="setting check">
                    <input type="checkbox" data-setting="check-quorum" checked={d.check_quorum} onchange={on_check_quorum} />
                    <span>{ tr(lang, "Check-quorum: a leader that cannot reach a majority steps down", "check-quorum: 과반수와 연락이 끊긴 리더는 물러남") }</span>
                </label>
                <fieldset class="setting-group">
                    <legend>{ tr(lang, "Linearizable reads", "선형화 가능한 읽기") }</legend>
                    <label class="setting check">
                        <input type="radio" name="read-mode" data-setting="read-index" checked={!d.lease_reads} onchange={on_read_index} />
                        <span>{ tr(lang, "ReadIndex: confirm leadership with a heartbeat round", "ReadIndex: 하트비트 한 번으로 리더임을 확인") }</span>
                    </label>
                    <label class="setting check">
                        <input type="radio" name="read-mode" data-setting="lease" checked={d.lease_reads} onchange={on_lease} />
                        <span>{ tr(lang, "Lease: trust recent contact with a majority (needs check-quorum)", "리스: 최근 과반수와 연락했음을 믿음(check-quorum 필요)") }</span>
                    </label>
                </fieldset>
                <fieldset class="setting-group bugs">
                    <legend>{ tr(lang, "Break it: turn off a rule and watch what fails", "망가뜨려 보기: 규칙 하나를 끄고 무엇이 깨지는지 보기") }</legend>
                    { for Bug::ALL.iter().map(|&bug| {
                        let on = d.bugs.contains(&bug);
                        let onchange = edit(&draft, &error, move |d, _: Event| {
                            let on = d.bugs.contains(&bug);
                            d.set_bug(bug, !on);
                        });
                        let desc_id = format!("bug-desc-{}", bug.name());
                        html! {
                            <div class="bug">
                                <label class="setting check">
                                    <input type="checkbox" data-bug={bug.name()} checked={on} {onchange}
                                           aria-describedby={desc_id.clone()} />
                                    <span class="bug-name">{ bug_name(lang, bug) }</span>
                                </label>
                                <p class="hint" id={desc_id}>{ bug_description(lang, bug) }</p>
                            </div>
                        }
                    }) }
                </fieldset>
                if let Some(err) = &*error {
                    <p class="error" role="alert" data-settings-error="">{ error_text(lang, err) }</p>
                }
                <div class="row">
                    <button type="submit" data-action="apply-settings">{ tr(lang, "Apply", "적용") }</button>
                    <span class="hint">{ tr(lang, "Applying starts a new run with the same seed.", "적용하면 같은 시드로 새 실행을 시작합니다.") }</span>
                </div>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> LabSettings {
        LabSettings {
            nodes: 5,
            election_min_ms: 600,
            election_max_ms: 1200,
            heartbeat_ms: 100,
            pre_vote: true,
            check_quorum: true,
            lease_reads: false,
            bugs: vec![],
        }
    }

    #[test]
    fn a_draft_of_valid_settings_parses_back() {
        let s = settings();
        assert_eq!(parse(&Draft::of(&s)), Ok(s.clone()));
        let c = config_of(&s);
        assert_eq!(
            (
                c.election_timeout_min_us,
                c.election_timeout_max_us,
                c.heartbeat_interval_us
            ),
            (600_000, 1_200_000, 100_000)
        );
        assert_eq!(c.read_mode, ReadMode::ReadIndex);
    }

    #[test]
    fn the_cores_validation_is_used() {
        let mut d = Draft::of(&settings());
        d.election_max = "500".into();
        assert!(matches!(
            parse(&d),
            Err(SettingsError::Config(
                ConfigError::ElectionTimeoutRangeInverted {
                    min_us: 600_000,
                    max_us: 500_000
                }
            ))
        ));
        let mut d = Draft::of(&settings());
        d.heartbeat = "600".into();
        assert!(matches!(
            parse(&d),
            Err(SettingsError::Config(
                ConfigError::HeartbeatNotBelowElectionTimeout { .. }
            ))
        ));
        let mut d = Draft::of(&settings());
        d.lease_reads = true;
        d.check_quorum = false;
        assert_eq!(
            parse(&d),
            Err(SettingsError::Config(
                ConfigError::LeaseReadsNeedCheckQuorum
            ))
        );
        let mut d = Draft::of(&settings());
        d.election_min = "0".into();
        assert_eq!(
            parse(&d),
            Err(SettingsError::Config(ConfigError::ElectionTimeoutZero))
        );
    }

    #[test]
    fn bad_text_and_sizes_are_errors_not_panics() {
        let mut d = Draft::of(&settings());
        d.heartbeat = "".into();
        assert_eq!(
            parse(&d),
            Err(SettingsError::NotANumber(TimeField::Heartbeat))
        );
        d.heartbeat = "-5".into();
        assert_eq!(
            parse(&d),
            Err(SettingsError::NotANumber(TimeField::Heartbeat))
        );
        d.heartbeat = "99999999999999999999999".into();
        assert_eq!(
            parse(&d),
            Err(SettingsError::NotANumber(TimeField::Heartbeat))
        );
        d.heartbeat = "60001".into();
        assert_eq!(
            parse(&d),
            Err(SettingsError::TooLarge(TimeField::Heartbeat))
        );
        let mut d = Draft::of(&settings());
        d.nodes = 10;
        assert_eq!(parse(&d), Err(SettingsError::Nodes(10)));
        d.nodes = 0;
        assert_eq!(parse(&d), Err(SettingsError::Nodes(0)));
        assert_eq!(ms_to_us(u64::MAX), u64::MAX);
    }

    #[test]
    fn bugs_stay_ordered_and_unique() {
        let mut d = Draft::of(&settings());
        d.set_bug(Bug::StaleLocalReads, true);
        d.set_bug(Bug::CommitOldTerm, true);
        d.set_bug(Bug::CommitOldTerm, true);
        assert_eq!(d.bugs, vec![Bug::CommitOldTerm, Bug::StaleLocalReads]);
        d.set_bug(Bug::CommitOldTerm, false);
        assert_eq!(d.bugs, vec![Bug::StaleLocalReads]);
        let s = parse(&d).unwrap();
        assert!(config_of(&s).bugs.stale_local_reads);
    }

    #[test]
    fn every_error_is_worded_in_both_languages() {
        let errors = [
            ConfigError::ElectionTimeoutZero,
            ConfigError::ElectionTimeoutRangeInverted {
                min_us: 2000,
                max_us: 1000,
            },
            ConfigError::HeartbeatZero,
            ConfigError::HeartbeatNotBelowElectionTimeout {
                heartbeat_us: 5000,
                election_min_us: 1000,
            },
            ConfigError::MaxInflightZero,
            ConfigError::MaxEntriesPerMsgZero,
            ConfigError::LeaseReadsNeedCheckQuorum,
            ConfigError::InvalidNodeId,
        ];
        for e in errors {
            let (en, ko) = (
                config_error_text(Lang::En, &e),
                config_error_text(Lang::Ko, &e),
            );
            assert!(!en.is_empty() && !ko.is_empty() && en != ko, "{e:?}");
        }
        let inverted = config_error_text(
            Lang::En,
            &ConfigError::ElectionTimeoutRangeInverted {
                min_us: 2000,
                max_us: 1000,
            },
        );
        assert!(
            inverted.contains("1 ms") && inverted.contains("2 ms"),
            "{inverted}"
        );
        assert!(error_text(Lang::Ko, &SettingsError::Nodes(12)).contains("12"));
    }
}
