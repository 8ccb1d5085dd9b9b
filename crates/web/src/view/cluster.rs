//! The cluster drawn as SVG: nodes on a ring, messages as dots along their links.
//! A pure function of a `ClusterView`; nodes are keyed components so unchanged ones are skipped.
//! The drawing itself is a plain function: it changes every frame anyway.

use crate::i18n::{t, tr, Lang, Text};
use crate::math;
use crate::model::{lerp, ring_position, ClusterView, MessageKind, MessageView, NodeView, Role};
use yew::prelude::*;

const SIZE: f64 = 400.0;
const CENTER: f64 = SIZE / 2.0;
const RING: f64 = 140.0;
const NODE_RADIUS: f64 = 38.0;

fn role_text(role: Role) -> Text {
    match role {
        Role::Follower => Text::Follower,
        Role::PreCandidate => Text::PreCandidate,
        Role::Candidate => Text::Candidate,
        Role::Leader => Text::Leader,
        Role::Learner => Text::Learner,
        Role::Stopped => Text::Stopped,
    }
}

/// An SVG arc path covering `fraction` of a circle, clockwise from the top.
fn arc_path(cx: f64, cy: f64, r: f64, fraction: f64) -> String {
    let f = fraction.clamp(0.0, 0.9999);
    let angle = std::f64::consts::TAU * f - std::f64::consts::FRAC_PI_2;
    let (x, y) = (cx + r * math::cos(angle), cy + r * math::sin(angle));
    let large = if f > 0.5 { 1 } else { 0 };
    format!(
        "M {cx:.1} {:.1} A {r} {r} 0 {large} 1 {x:.1} {y:.1}",
        cy - r
    )
}

#[derive(Properties, PartialEq)]
struct NodeProps {
    node: NodeView,
    x: f64,
    y: f64,
    lang: Lang,
    selected: bool,
    on_select: Callback<u64>,
}

#[component]
fn Node(props: &NodeProps) -> Html {
    let NodeProps {
        node,
        x,
        y,
        lang,
        selected,
        on_select,
    } = props;
    let id = node.id;
    let onclick = on_select.reform(move |_: MouseEvent| id);
    let onkeydown = {
        let on_select = on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_select.emit(id);
            }
        })
    };
    // The accessible name starts with the text drawn on the node, in the same order (WCAG
    // "label in name"), then says the role.
    let role = t(*lang, role_text(node.role));
    let vote = node
        .vote
        .filter(|_| node.role != Role::Stopped)
        .map(|v| format!(" {} S{v}", tr(*lang, "voted", "투표:")))
        .unwrap_or_default();
    let label = format!(
        "S{} {} {} {} {}{vote}, {role}",
        node.id,
        t(*lang, Text::Term),
        node.term,
        t(*lang, Text::Commit),
        node.commit
    );
    html! {
        <g class={classes!("node", node.role.css(), selected.then_some("selected"))} data-node={node.id.to_string()}
           data-role={node.role.css()} data-term={node.term.to_string()} data-commit={node.commit.to_string()}
           role="button" tabindex="0" aria-label={label} aria-pressed={selected.to_string()} {onclick} {onkeydown}>
            <circle class="node-body" cx={format!("{x:.1}")} cy={format!("{y:.1}")} r={NODE_RADIUS.to_string()} />
            if node.role != Role::Leader && node.role != Role::Stopped {
                <path class="node-timer" d={arc_path(*x, *y, NODE_RADIUS + 5.0, node.timer_left)} />
            }
            if node.role == Role::Leader {
                <circle class="node-pulse" cx={format!("{x:.1}")} cy={format!("{y:.1}")}
                        r={format!("{:.1}", NODE_RADIUS + 4.0 + 10.0 * node.heartbeat_phase.clamp(0.0, 1.0))}
                        opacity={format!("{:.2}", 1.0 - node.heartbeat_phase.clamp(0.0, 1.0))} />
            }
            // One text element, its parts separated by spaces: assistive technology reads
            // "S1 term 2 commit 5", which the accessible name starts with.
            <text class="node-label">
                <tspan class="node-name" x={format!("{x:.1}")} y={format!("{:.1}", y - 6.0)}>{format!("S{}", node.id)}</tspan>
                { " " }
                <tspan class="node-term" x={format!("{x:.1}")} y={format!("{:.1}", y + 10.0)}>
                    {format!("{} {}", t(*lang, Text::Term), node.term)}
                </tspan>
                { " " }
                <tspan class="node-commit" x={format!("{x:.1}")} y={format!("{:.1}", y + 24.0)}>
                    {format!("{} {}", t(*lang, Text::Commit), node.commit)}
                </tspan>
                if let Some(vote) = node.vote.filter(|_| node.role != Role::Stopped) {
                    { " " }
                    <tspan class="node-vote" data-vote={vote.to_string()} x={format!("{x:.1}")} y={format!("{:.1}", y + NODE_RADIUS + 18.0)}>
                        {format!("{} S{vote}", tr(*lang, "voted", "투표:"))}
                    </tspan>
                }
            </text>
        </g>
    }
}

/// A message's shape by kind: votes are circles, log traffic squares, snapshots diamonds,
/// reads triangles (so kinds differ by more than colour).
fn message_shape(kind: MessageKind, x: f64, y: f64) -> Html {
    match kind {
        MessageKind::Vote | MessageKind::VoteReply => html! {
            <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="7" />
        },
        MessageKind::Append | MessageKind::AppendReply => html! {
            <rect x={format!("{:.1}", x - 6.0)} y={format!("{:.1}", y - 6.0)} width="12" height="12" />
        },
        MessageKind::Snapshot => html! {
            <polygon points={format!("{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}", y - 9.0, x + 9.0, y + 9.0, x - 9.0)} />
        },
        MessageKind::Other => html! {
            <polygon points={format!("{x:.1},{:.1} {:.1},{:.1} {:.1},{:.1}", y - 8.0, x + 7.0, y + 6.0, x - 7.0, y + 6.0)} />
        },
    }
}

fn message_dot(
    message: &MessageView,
    positions: &[(u64, (f64, f64))],
    on_message: &Callback<u64>,
    selected: Option<u64>,
) -> Html {
    let find = |id: u64| positions.iter().find(|(n, _)| *n == id).map(|(_, p)| *p);
    let (Some(a), Some(b)) = (find(message.from), find(message.to)) else {
        return html! {};
    };
    let (x, y) = lerp(a, b, message.progress);
    let id = message.id;
    let onclick = on_message.reform(move |_: MouseEvent| id);
    let class = classes!(
        "message",
        message.kind.css(),
        message.dropped.then_some("dropped"),
        message.duplicate.then_some("duplicate"),
        (selected == Some(id)).then_some("selected"),
    );
    html! {
        <g key={id.to_string()} {class} data-message={id.to_string()} data-kind={message.raft_kind.name()} {onclick}>
            { message_shape(message.kind, x, y) }
            if message.dropped {
                <path class="message-cross" d={format!("M {:.1} {:.1} l 10 10 m 0 -10 l -10 10", x - 5.0, y - 5.0)} />
            }
        </g>
    }
}

/// The selected node and message, and the callbacks that select one (the lesson player
/// selects nothing: the default).
#[derive(Default)]
pub struct Selection {
    pub node: Option<u64>,
    pub message: Option<u64>,
    pub on_node: Callback<u64>,
    pub on_message: Callback<u64>,
}

/// The nodes on their ring and the messages in flight, at the view's instant.
pub fn cluster(lang: Lang, view: &ClusterView, selection: &Selection) -> Html {
    let n = view.nodes.len();
    let positions: Vec<(u64, (f64, f64))> = view
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.id, ring_position(i, n, CENTER, CENTER, RING)))
        .collect();
    html! {
        <svg class="cluster" viewBox={format!("0 0 {SIZE} {SIZE}")} role="group"
             aria-label={t(lang, Text::ClusterLabel)}>
            { for view.nodes.iter().zip(&positions).map(|(node, (_, (x, y)))| html! {
                <Node key={node.id.to_string()} node={node.clone()} x={*x} y={*y} {lang}
                      selected={selection.node == Some(node.id)} on_select={selection.on_node.clone()} />
            }) }
            { for view.messages.iter().map(|m| message_dot(m, &positions, &selection.on_message, selection.message)) }
        </svg>
    }
}
