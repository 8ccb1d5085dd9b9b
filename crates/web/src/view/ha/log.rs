//! The narration of the HA view: the control plane's notable events (etcd elections and
//! quorum loss, Lease hand-overs, restarts, nodes going NotReady, pods), newest first,
//! in a polite live region. Lease renewals are left out: they happen every retry period.

use super::words::{elected_name, secs_fixed};
use crate::i18n::{tr, Lang};
use quorum_k8s::cluster::{ClusterEvent, ClusterEventKind};
use quorum_k8s::leader_election::StopReason;
use quorum_k8s::topology::HostId;
use yew::prelude::*;

const SHOWN: usize = 6;

fn host(cp: u8) -> String {
    HostId::ControlPlane(cp).name()
}

/// One event as a sentence; `None` for events not worth announcing.
pub fn event_text(lang: Lang, e: &ClusterEventKind) -> Option<String> {
    let ko = lang == Lang::Ko;
    Some(match e {
        ClusterEventKind::EtcdLeaderElected { member, term } => match ko {
            false => format!(
                "etcd-{} became the etcd leader (term {term})",
                u16::from(*member) + 1
            ),
            true => format!(
                "etcd-{}이(가) etcd 리더가 됨 (임기 {term})",
                u16::from(*member) + 1
            ),
        },
        ClusterEventKind::EtcdLostQuorum => tr(
            lang,
            "etcd lost its quorum: writes stop",
            "etcd가 쿼럼을 잃음: 쓰기가 멈춤",
        )
        .to_string(),
        ClusterEventKind::StartedLeading { elected, cp, .. } => match ko {
            false => format!(
                "{} on {} took the lease and leads",
                elected_name(lang, *elected),
                host(*cp)
            ),
            true => format!(
                "{}의 {}이(가) 리스를 얻어 리더가 됨",
                host(*cp),
                elected_name(lang, *elected)
            ),
        },
        ClusterEventKind::StoppedLeading {
            elected,
            cp,
            reason,
        } => {
            let why = match reason {
                StopReason::Crashed => tr(lang, "it stopped", "중지됨"),
                StopReason::RenewDeadlineExceeded => {
                    tr(lang, "renew deadline passed", "갱신 마감을 넘김")
                }
                StopReason::Cancelled => tr(lang, "it was shut down", "종료됨"),
            };
            match ko {
                false => format!(
                    "{} on {} stopped leading: {why}",
                    elected_name(lang, *elected),
                    host(*cp)
                ),
                true => format!(
                    "{}의 {}이(가) 리더에서 물러남: {why}",
                    host(*cp),
                    elected_name(lang, *elected)
                ),
            }
        }
        ClusterEventKind::ComponentRestarted { elected, cp, .. } => match ko {
            false => format!(
                "the kubelet restarted {} on {}",
                elected_name(lang, *elected),
                host(*cp)
            ),
            true => format!(
                "kubelet이 {}의 {}을(를) 다시 시작함",
                host(*cp),
                elected_name(lang, *elected)
            ),
        },
        ClusterEventKind::NodeNotReady { node } => match ko {
            false => format!("node {node} is NotReady"),
            true => format!("노드 {node}이(가) NotReady 상태가 됨"),
        },
        ClusterEventKind::NodeReady { node } => match ko {
            false => format!("node {node} is Ready again"),
            true => format!("노드 {node}이(가) 다시 Ready 상태가 됨"),
        },
        ClusterEventKind::PodCreated { namespace, name } => match ko {
            false => format!("pod {namespace}/{name} created"),
            true => format!("파드 {namespace}/{name} 생성됨"),
        },
        ClusterEventKind::PodScheduled { name, node } => match ko {
            false => format!("pod {name} scheduled to {node}"),
            true => format!("파드 {name}이(가) {node}에 스케줄링됨"),
        },
        ClusterEventKind::LeaseRenewed { .. } => return None,
    })
}

/// The newest `SHOWN` events worth announcing.
pub fn event_log(lang: Lang, events: &[ClusterEvent]) -> Html {
    let items: Vec<Html> = events
        .iter()
        .rev()
        .filter_map(|e| event_text(lang, &e.kind).map(|t| (e.at_us, t)))
        .take(SHOWN)
        .map(|(at, text)| html! { <li><span class="at">{ secs_fixed(at) }</span>{ " " }{ text }</li> })
        .collect();
    html! {
        <section class="panel ha-log" aria-labelledby="ha-log-title">
            <h2 id="ha-log-title">{ tr(lang, "What just happened", "방금 일어난 일") }</h2>
            <ol class="events" aria-live="polite" aria-relevant="additions" data-events={items.len().to_string()}>
                if items.is_empty() {
                    <li class="muted">{ tr(lang, "Nothing in the last minute.", "지난 1분 동안 없음.") }</li>
                }
                { for items }
            </ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quorum_k8s::cluster::Elected;

    #[test]
    fn renewals_are_not_announced_and_others_are_in_both_languages() {
        let renewed = ClusterEventKind::LeaseRenewed {
            elected: Elected::Scheduler,
            cp: 0,
        };
        assert_eq!(event_text(Lang::En, &renewed), None);
        let lost = ClusterEventKind::EtcdLostQuorum;
        assert_ne!(event_text(Lang::En, &lost), event_text(Lang::Ko, &lost));
        let elected = ClusterEventKind::EtcdLeaderElected { member: 2, term: 4 };
        assert_eq!(
            event_text(Lang::En, &elected).unwrap(),
            "etcd-3 became the etcd leader (term 4)"
        );
    }
}
