//! The leader-election timeline: for kube-controller-manager or kube-scheduler, each
//! candidate's own view of the Lease, its countdowns (lease expiry as it sees it, renew
//! deadline, next retry), a strip of the last minute, and the measured failover.

use super::state::HISTORY_US;
use super::words::{elected_name, secs, secs_fixed};
use crate::i18n::{tr, Lang};
use quorum_k8s::cluster::{
    ClusterEvent, ClusterEventKind, ClusterView, ComponentState, Elected, InstanceView,
};
use quorum_k8s::leader_election::{LeaderElectionConfig, Phase, StopReason};
use quorum_k8s::topology::HostId;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub lang: Lang,
    pub view: ClusterView,
    pub events: Rc<Vec<ClusterEvent>>,
    pub config: LeaderElectionConfig,
}

/// The instances of `which`, one per control-plane node.
fn instances(view: &ClusterView, which: Elected) -> Vec<InstanceView> {
    view.hosts
        .iter()
        .flat_map(|h| h.components.iter())
        .filter_map(|c| match (c, which) {
            (ComponentState::ControllerManager(i), Elected::ControllerManager) => Some(i.clone()),
            (ComponentState::Scheduler(i), Elected::Scheduler) => Some(i.clone()),
            _ => None,
        })
        .collect()
}

/// The latest failover of `which` seen in the events: (leader lost at, new leader at).
pub fn last_failover(events: &[ClusterEvent], which: Elected) -> Option<(u64, Option<u64>)> {
    let mut last = None;
    let mut lost: Option<u64> = None;
    for e in events {
        match &e.kind {
            ClusterEventKind::StoppedLeading { elected, .. } if *elected == which => {
                lost = Some(e.at_us);
                last = Some((e.at_us, None));
            }
            ClusterEventKind::StartedLeading { elected, .. } if *elected == which => {
                if let Some(at) = lost.take() {
                    last = Some((at, Some(e.at_us)));
                }
            }
            _ => {}
        }
    }
    last
}

fn short_identity(id: &str) -> String {
    // hostname_uuid: keep the host and the first 8 hex digits of the uuid.
    match id.split_once('_') {
        Some((host, uuid)) => format!("{host}_{}…", uuid.get(..8).unwrap_or(uuid)),
        None if id.is_empty() => "—".to_string(),
        None => id.to_string(),
    }
}

fn meter(label: String, left_us: u64, max_us: u64, code: &'static str) -> Html {
    html! {
        <div class="countdown" data-countdown={code}>
            <span class="cd-label" aria-hidden="true">{ label.clone() }</span>
            <meter min="0" max={(max_us.max(1) as f64 / 1e6).to_string()} value={(left_us as f64 / 1e6).to_string()}
                   aria-label={label.clone()}></meter>
            <span class="cd-value">{ secs_fixed(left_us) }</span>
        </div>
    }
}

#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let lang = props.lang;
    let which = use_state(|| Elected::ControllerManager);
    let pick = |w: Elected, code: &'static str| {
        let pressed = (*which == w).to_string();
        let which = which.clone();
        let onclick = Callback::from(move |_: MouseEvent| which.set(w));
        html! { <button type="button" data-elected={code} aria-pressed={pressed} {onclick}>{ elected_name(lang, w) }</button> }
    };
    let now = props.view.now_us;
    let rows = instances(&props.view, *which)
        .into_iter()
        .map(|i| candidate_row(lang, &i, now, &props.config, &props.events, *which));
    html! {
        <section class="panel ha-timeline" aria-labelledby="ha-timeline-title">
            <h2 id="ha-timeline-title">{ tr(lang, "Leader election by Lease", "리스(Lease)로 하는 리더 선출") }</h2>
            <div class="row" role="group" aria-label={tr(lang, "Which component", "구성 요소 선택")}>
                { pick(Elected::ControllerManager, "controller-manager") }
                { pick(Elected::Scheduler, "scheduler") }
            </div>
            { failover_html(lang, &props.events, *which, now) }
            <ol class="candidates">{ for rows }</ol>
            <p class="hint">{ tr(lang,
                "Each candidate trusts only its own clock: it treats the lease as expired once the lease duration has passed since it last saw the record change.",
                "각 후보는 자기 시계만 믿습니다. 레코드가 바뀐 것을 마지막으로 본 뒤 리스 기간이 지나면 리스가 만료되었다고 봅니다.") }</p>
        </section>
    }
}

fn failover_html(lang: Lang, events: &[ClusterEvent], which: Elected, now: u64) -> Html {
    match last_failover(events, which) {
        Some((lost, Some(won))) => html! {
            <p class="failover" data-failover-us={won.saturating_sub(lost).to_string()} role="status">
                { format!("{} {}", tr(lang, "Measured failover: the leader was lost and a standby took the lease after", "측정한 장애 조치 시간: 리더를 잃은 뒤 대기 후보가 리스를 가져가기까지"), secs(won.saturating_sub(lost))) }
            </p>
        },
        Some((lost, None)) => html! {
            <p class="failover waiting" data-failover-us="" role="status">
                { format!("{} {}", tr(lang, "No leader since the last one was lost:", "마지막 리더를 잃은 뒤 리더 없음:"), secs(now.saturating_sub(lost))) }
            </p>
        },
        None => html! {
            <p class="failover none" data-failover-us="" role="status">
                { tr(lang, "No failover yet: stop the node or the component marked ★ to measure one.", "아직 장애 조치가 없습니다. ★ 표시된 노드나 구성 요소를 중지해서 측정해 보세요.") }
            </p>
        },
    }
}

fn candidate_row(
    lang: Lang,
    i: &InstanceView,
    now: u64,
    config: &LeaderElectionConfig,
    events: &[ClusterEvent],
    which: Elected,
) -> Html {
    let host = HostId::ControlPlane(i.cp).name();
    let (phase_code, phase_text) = match i.elector.as_ref().map(|e| e.phase) {
        Some(Phase::Leading { .. }) => ("leading", tr(lang, "leading ★", "리더 ★")),
        Some(Phase::Standby) => ("standby", tr(lang, "standby", "대기")),
        Some(Phase::Stopped(StopReason::RenewDeadlineExceeded)) => {
            ("lost", tr(lang, "lost the lease", "리스를 잃음"))
        }
        Some(Phase::Stopped(_)) => ("stopped", tr(lang, "stopped", "중지됨")),
        None => ("down", tr(lang, "not running", "실행 안 됨")),
    };
    let details = match &i.elector {
        Some(e) => {
            let mut out = vec![
                html! { <p class="sees">{ format!("{} {}", tr(lang, "sees holder:", "보고 있는 보유자:"), short_identity(&e.observed_holder)) }</p> },
            ];
            out.push(meter(
                tr(
                    lang,
                    "lease expires (its view) in",
                    "리스 만료까지(자기 시계)",
                )
                .to_string(),
                e.lease_expires_at_us.saturating_sub(now),
                config.lease_duration_us,
                "lease",
            ));
            if let Some(deadline) = e.renew_deadline_at_us {
                out.push(meter(
                    tr(lang, "renew deadline in", "갱신 마감까지").to_string(),
                    deadline.saturating_sub(now),
                    config.renew_deadline_us,
                    "renew",
                ));
            }
            if let Some(wake) = e.next_wake_us {
                out.push(meter(
                    tr(lang, "next try in", "다음 시도까지").to_string(),
                    wake.saturating_sub(now),
                    config.max_retry_wait_us(),
                    "retry",
                ));
            }
            html! { <>{ for out }</> }
        }
        None => match i.restart_at_us {
            Some(at) => {
                html! { <p class="sees">{ format!("{} {}", tr(lang, "the kubelet restarts it in", "kubelet이 다시 시작하기까지"), secs(at.saturating_sub(now))) }</p> }
            }
            None => {
                html! { <p class="sees">{ tr(lang, "its node or process is stopped", "노드나 프로세스가 중지됨") }</p> }
            }
        },
    };
    html! {
        <li class={classes!("candidate", phase_code)} data-candidate={i.cp.to_string()} data-phase={phase_code}>
            <div class="cand-head">
                <strong>{ host }</strong>
                <span class="phase">{ phase_text }</span>
                <span class="identity">{ i.elector.as_ref().map(|e| short_identity(&e.identity)).unwrap_or_default() }</span>
            </div>
            { details }
            { strip(events, i.cp, which, now, i.acting_leader) }
        </li>
    }
}

/// The last minute for one candidate: leading stretches, renewals and losses.
fn strip(events: &[ClusterEvent], cp: u8, which: Elected, now: u64, leading_now: bool) -> Html {
    const W: f64 = 600.0;
    let start = now.saturating_sub(HISTORY_US);
    let x = |t: u64| (t.saturating_sub(start)) as f64 / HISTORY_US as f64 * W;
    let mut bars = Vec::new();
    let mut marks = Vec::new();
    let mut from: Option<u64> = None;
    let mut seen_start = false;
    for e in events {
        match &e.kind {
            ClusterEventKind::StartedLeading { elected, cp: c, .. }
                if *elected == which && *c == cp =>
            {
                from = Some(e.at_us);
                seen_start = true;
            }
            ClusterEventKind::StoppedLeading { elected, cp: c, .. }
                if *elected == which && *c == cp =>
            {
                bars.push((from.unwrap_or(start), e.at_us));
                marks.push(html! { <line class="lost" x1={format!("{:.1}", x(e.at_us))} x2={format!("{:.1}", x(e.at_us))} y1="0" y2="16" /> });
                from = None;
                seen_start = true;
            }
            ClusterEventKind::LeaseRenewed { elected, cp: c } if *elected == which && *c == cp => {
                marks.push(html! { <line class="renew" x1={format!("{:.1}", x(e.at_us))} x2={format!("{:.1}", x(e.at_us))} y1="3" y2="13" /> });
            }
            _ => {}
        }
    }
    if leading_now {
        bars.push((from.unwrap_or(if seen_start { now } else { start }), now));
    }
    html! {
        <svg class="strip" viewBox={format!("0 0 {W} 16")} preserveAspectRatio="none" aria-hidden="true">
            <rect class="strip-bg" x="0" y="0" width={W.to_string()} height="16" />
            { for bars.into_iter().map(|(a, b)| html! {
                <rect class="leading" x={format!("{:.1}", x(a))} y="2" width={format!("{:.1}", (x(b) - x(a)).max(1.0))} height="12" />
            }) }
            { for marks }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(at_us: u64, kind: ClusterEventKind) -> ClusterEvent {
        ClusterEvent { at_us, kind }
    }

    #[test]
    fn failover_is_from_losing_the_leader_to_the_next_start() {
        let which = Elected::ControllerManager;
        let stop = |at, cp| {
            ev(
                at,
                ClusterEventKind::StoppedLeading {
                    elected: which,
                    cp,
                    reason: StopReason::Crashed,
                },
            )
        };
        let start = |at, cp| {
            ev(
                at,
                ClusterEventKind::StartedLeading {
                    elected: which,
                    cp,
                    identity: String::new(),
                },
            )
        };
        let other = ev(
            5,
            ClusterEventKind::StartedLeading {
                elected: Elected::Scheduler,
                cp: 1,
                identity: String::new(),
            },
        );
        assert_eq!(last_failover(&[start(1, 0)], which), None);
        assert_eq!(
            last_failover(&[start(1, 0), stop(10, 0), other.clone()], which),
            Some((10, None))
        );
        assert_eq!(
            last_failover(&[start(1, 0), stop(10, 0), other, start(27, 2)], which),
            Some((10, Some(27)))
        );
    }

    #[test]
    fn identities_are_shortened() {
        assert_eq!(
            short_identity("controlplane-1_0123456789ab-cdef"),
            "controlplane-1_01234567…"
        );
        assert_eq!(short_identity(""), "—");
    }
}
