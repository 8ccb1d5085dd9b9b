//! The legend: what each message shape and colour means, how dropped and duplicated
//! messages look, and how each node role is drawn. Swatches use the cluster's own classes
//! (`message msg-*`, `node <role>`), so the legend cannot drift from the drawing.

use crate::i18n::{tr, Lang};
use crate::model::{MessageKind, Role};
use crate::narrate::message_kind_name;
use quorum_raft::MessageKind as Kind;
use yew::prelude::*;

/// Every drawn kind of message and the Raft messages it stands for.
pub const KINDS: [(MessageKind, &[Kind]); 6] = [
    (
        MessageKind::Vote,
        &[Kind::PreVote, Kind::RequestVote, Kind::TimeoutNow],
    ),
    (
        MessageKind::VoteReply,
        &[Kind::PreVoteResp, Kind::RequestVoteResp],
    ),
    (MessageKind::Append, &[Kind::AppendEntries, Kind::Heartbeat]),
    (
        MessageKind::AppendReply,
        &[Kind::AppendResp, Kind::HeartbeatResp],
    ),
    (MessageKind::Snapshot, &[Kind::InstallSnapshot]),
    (MessageKind::Other, &[Kind::ReadIndex, Kind::ReadIndexResp]),
];

pub const ROLES: [Role; 6] = [
    Role::Follower,
    Role::PreCandidate,
    Role::Candidate,
    Role::Leader,
    Role::Learner,
    Role::Stopped,
];

/// The shape drawn for a kind centred at (x, y), `scale` times the cluster's size (circle
/// r 7, square 12, diamond 18, triangle 14 wide, as cluster.rs draws them). Public so the
/// cluster can draw a duplicate's second outline with the same geometry (`dup_ring`).
pub fn shape_at(kind: MessageKind, x: f64, y: f64, scale: f64) -> Html {
    let k = scale;
    match kind {
        MessageKind::Vote | MessageKind::VoteReply => html! {
            <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r={format!("{:.1}", 7.0 * k)} />
        },
        MessageKind::Append | MessageKind::AppendReply => html! {
            <rect x={format!("{:.1}", x - 6.0 * k)} y={format!("{:.1}", y - 6.0 * k)}
                  width={format!("{:.1}", 12.0 * k)} height={format!("{:.1}", 12.0 * k)} />
        },
        MessageKind::Snapshot => html! {
            <polygon points={format!("{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}",
                                     y - 9.0 * k, x + 9.0 * k, y + 9.0 * k, x - 9.0 * k)} />
        },
        MessageKind::Other => html! {
            <polygon points={format!("{x:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                                     y - 8.0 * k, x + 7.0 * k, y + 6.0 * k, x - 7.0 * k, y + 6.0 * k)} />
        },
    }
}

/// The second outline of a duplicated message: the same shape, larger, unfilled.
pub fn dup_ring(kind: MessageKind, x: f64, y: f64) -> Html {
    html! { <g class="message-dup-ring">{ shape_at(kind, x, y, 1.45) }</g> }
}

fn shape_name(lang: Lang, kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Vote => tr(lang, "circle", "원"),
        MessageKind::VoteReply => tr(lang, "circle, lighter", "밝은 원"),
        MessageKind::Append => tr(lang, "square", "사각형"),
        MessageKind::AppendReply => tr(lang, "square, lighter", "밝은 사각형"),
        MessageKind::Snapshot => tr(lang, "diamond", "마름모"),
        MessageKind::Other => tr(lang, "triangle", "삼각형"),
    }
}

/// The raft kinds a drawn kind stands for, worded ("PreVote request, RequestVote, …").
pub fn kinds_text(lang: Lang, kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|&k| message_kind_name(lang, k))
        .collect::<Vec<_>>()
        .join(", ")
}

fn swatch(kind: MessageKind, extra: Option<&'static str>) -> Html {
    html! {
        <svg class="legend-swatch" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <g class={classes!("message", kind.css(), extra)}>
                if extra == Some("duplicate") {
                    { dup_ring(kind, 12.0, 12.0) }
                }
                { shape_at(kind, 12.0, 12.0, 1.0) }
                if extra == Some("dropped") {
                    <path class="message-cross" d="M 7 7 l 10 10 m 0 -10 l -10 10" />
                }
            </g>
        </svg>
    }
}

pub fn role_name(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::Follower => tr(lang, "follower", "팔로워"),
        Role::PreCandidate => tr(
            lang,
            "pre-candidate (asking before raising its term)",
            "사전 후보(임기를 올리기 전에 먼저 물어봄)",
        ),
        Role::Candidate => tr(lang, "candidate (dashed)", "후보(긴 점선)"),
        Role::Leader => tr(lang, "leader (thick)", "리더(굵은 선)"),
        Role::Learner => tr(
            lang,
            "learner (receives the log, does not vote)",
            "러너(로그는 받지만 투표하지 않음)",
        ),
        Role::Stopped => tr(lang, "stopped (greyed)", "중지됨(회색)"),
    }
}

fn role_swatch(role: Role) -> Html {
    html! {
        <svg class="legend-swatch" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <g class={classes!("node", role.css())}>
                <circle class="node-body" cx="12" cy="12" r="8" />
            </g>
        </svg>
    }
}

pub fn legend(lang: Lang) -> Html {
    html! {
        <section class="panel legend" aria-labelledby="legend-title">
            <h2 id="legend-title">{ tr(lang, "Legend", "범례") }</h2>
            <h3>{ tr(lang, "Messages", "메시지") }</h3>
            <ul class="legend-list">
                { for KINDS.iter().map(|(kind, raft)| html! {
                    <li data-legend-kind={kind.css()}>
                        { swatch(*kind, None) }
                        <span class="legend-name">{ kinds_text(lang, raft) }</span>
                        <span class="legend-shape muted">{ format!(" ({})", shape_name(lang, *kind)) }</span>
                    </li>
                }) }
                <li data-legend-kind="dropped">
                    { swatch(MessageKind::Append, Some("dropped")) }
                    <span class="legend-name">{ tr(lang, "dropped: faded with a cross, it will not arrive", "버려짐: 흐리게 X 표시, 도착하지 않음") }</span>
                </li>
                <li data-legend-kind="duplicate">
                    { swatch(MessageKind::Append, Some("duplicate")) }
                    <span class="legend-name">{ tr(lang, "duplicate: a double outline, the network's extra copy", "중복: 이중 테두리, 네트워크가 만든 여분의 사본") }</span>
                </li>
            </ul>
            <h3>{ tr(lang, "Nodes", "노드") }</h3>
            <ul class="legend-list">
                { for ROLES.iter().map(|role| html! {
                    <li data-legend-role={role.css()}>
                        { role_swatch(*role) }
                        <span class="legend-name">{ role_name(lang, *role) }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_raft_message_kind_appears_once() {
        let all = [
            Kind::PreVote,
            Kind::PreVoteResp,
            Kind::RequestVote,
            Kind::RequestVoteResp,
            Kind::AppendEntries,
            Kind::AppendResp,
            Kind::Heartbeat,
            Kind::HeartbeatResp,
            Kind::InstallSnapshot,
            Kind::TimeoutNow,
            Kind::ReadIndex,
            Kind::ReadIndexResp,
        ];
        for k in all {
            let n = KINDS.iter().filter(|(_, ks)| ks.contains(&k)).count();
            assert_eq!(n, 1, "{k:?}");
        }
        assert_eq!(
            kinds_text(Lang::En, &[Kind::Heartbeat, Kind::AppendEntries]),
            "heartbeat, AppendEntries"
        );
    }

    #[test]
    fn roles_are_all_worded() {
        for r in ROLES {
            assert!(!role_name(Lang::En, r).is_empty());
            assert!(!role_name(Lang::Ko, r).is_empty());
        }
    }
}
