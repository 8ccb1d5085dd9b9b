//! The leader-election flags of kube-controller-manager and kube-scheduler, editable.
//! Values are read like Go's `time.ParseDuration` and checked with client-go's rule
//! (lease duration > renew deadline > 1.2 × retry period); the real error is shown.

use crate::i18n::{tr, Lang};
use quorum_k8s::leader_election::{parse_duration_us, LeaderElectionConfig};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FlagsProps {
    pub lang: Lang,
    pub config: LeaderElectionConfig,
    pub on_config: Callback<LeaderElectionConfig>,
}

fn seconds_text(us: u64) -> String {
    format!("{}s", us as f64 / 1e6)
}

/// Parse the three flag values into a configuration, or the message to show (English,
/// as the real flag parser and client-go print it).
fn parse(values: &[String; 3], base: LeaderElectionConfig) -> Result<LeaderElectionConfig, String> {
    let names = [
        "--leader-elect-lease-duration",
        "--leader-elect-renew-deadline",
        "--leader-elect-retry-period",
    ];
    let mut us = [0u64; 3];
    for (i, value) in values.iter().enumerate() {
        us[i] = parse_duration_us(value).map_err(|e| {
            format!(
                "invalid argument \"{value}\" for \"{}\" flag: {e}",
                names[i]
            )
        })?;
    }
    let config = LeaderElectionConfig {
        lease_duration_us: us[0],
        renew_deadline_us: us[1],
        retry_period_us: us[2],
        ..base
    };
    config
        .validate()
        .map_err(|e| e.client_go_message().to_string())?;
    Ok(config)
}

#[component]
pub fn Flags(props: &FlagsProps) -> Html {
    let lang = props.lang;
    let c = props.config;
    let values = use_state(|| {
        [
            seconds_text(c.lease_duration_us),
            seconds_text(c.renew_deadline_us),
            seconds_text(c.retry_period_us),
        ]
    });
    let error = use_state(|| None::<String>);
    let input = |i: usize, flag: &'static str, hint: &'static str| {
        let value = values[i].clone();
        let values = values.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                let mut next = (*values).clone();
                next[i] = input.value();
                values.set(next);
            }
        });
        html! {
            <label class="flag">
                <code>{ flag }</code>
                <input type="text" data-flag={flag} {value} {oninput} spellcheck="false"
                       aria-describedby="ha-flags-rule" />
                <span class="muted">{ hint }</span>
            </label>
        }
    };
    let onsubmit = {
        let values = values.clone();
        let error = error.clone();
        let on_config = props.on_config.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse(&values, c) {
                Ok(config) => {
                    error.set(None);
                    on_config.emit(config);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    html! {
        <section class="panel ha-flags" aria-labelledby="ha-flags-title">
            <h2 id="ha-flags-title">{ tr(lang, "Leader-election flags", "리더 선출 플래그") }</h2>
            <form {onsubmit}>
                { input(0, "--leader-elect-lease-duration", tr(lang, "default 15s", "기본값 15s")) }
                { input(1, "--leader-elect-renew-deadline", tr(lang, "default 10s", "기본값 10s")) }
                { input(2, "--leader-elect-retry-period", tr(lang, "default 2s", "기본값 2s")) }
                <p id="ha-flags-rule" class="hint">{ tr(lang,
                    "client-go requires lease duration > renew deadline > 1.2 × retry period. Applying restarts the simulated cluster with these flags.",
                    "client-go는 리스 기간 > 갱신 마감 > 1.2 × 재시도 주기를 요구합니다. 적용하면 이 플래그로 시뮬레이션 클러스터를 다시 시작합니다.") }</p>
                <button type="submit" data-action="apply-flags">{ tr(lang, "Apply and restart", "적용하고 다시 시작") }</button>
            </form>
            if let Some(message) = &*error {
                <p class="error" role="alert" data-flag-error={message.clone()}>
                    { tr(lang, "kube-controller-manager refuses to start: ", "kube-controller-manager가 시작을 거부합니다: ") }
                    <code lang="en">{ message.clone() }</code>
                </p>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(a: &str, b: &str, c: &str) -> [String; 3] {
        [a.to_string(), b.to_string(), c.to_string()]
    }

    #[test]
    fn client_go_messages_come_through() {
        let base = LeaderElectionConfig::default();
        assert_eq!(parse(&values("15s", "10s", "2s"), base), Ok(base));
        assert_eq!(
            parse(&values("10s", "10s", "2s"), base),
            Err("leaseDuration must be greater than renewDeadline".to_string())
        );
        assert_eq!(
            parse(&values("15s", "2s", "2s"), base),
            Err("renewDeadline must be greater than retryPeriod*JitterFactor".to_string())
        );
        let bad = parse(&values("15x", "10s", "2s"), base).unwrap_err();
        assert!(
            bad.starts_with(
                "invalid argument \"15x\" for \"--leader-elect-lease-duration\" flag: "
            ),
            "{bad}"
        );
    }
}
