//! The cluster drawn as SVG: nodes on a ring, messages as dots along their links.
//! A pure function of a `ClusterView`; nodes are keyed components so unchanged ones are skipped.

use crate::i18n::{t, Lang, Text};
use crate::model::{lerp, ring_position, ClusterView, MessageView, NodeView, Role};
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
    let (x, y) = (cx + r * angle.cos(), cy + r * angle.sin());
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
}

#[component]
fn Node(props: &NodeProps) -> Html {
    let NodeProps { node, x, y, lang } = props;
    let role = t(*lang, role_text(node.role));
    let label = format!(
        "S{} {role}, {} {}",
        node.id,
        t(*lang, Text::Term),
        node.term
    );
    html! {
        <g class={classes!("node", node.role.css())} data-node={node.id.to_string()}
           data-role={node.role.css()} data-term={node.term.to_string()}
           role="img" aria-label={label}>
            <circle class="node-body" cx={format!("{x:.1}")} cy={format!("{y:.1}")} r={NODE_RADIUS.to_string()} />
            if node.role != Role::Leader && node.role != Role::Stopped {
                <path class="node-timer" d={arc_path(*x, *y, NODE_RADIUS + 5.0, node.timer_left)} />
            }
            <text class="node-name" x={format!("{x:.1}")} y={format!("{:.1}", y - 6.0)}>{format!("S{}", node.id)}</text>
            <text class="node-term" x={format!("{x:.1}")} y={format!("{:.1}", y + 10.0)}>
                {format!("{} {}", t(*lang, Text::Term), node.term)}
            </text>
            <text class="node-commit" x={format!("{x:.1}")} y={format!("{:.1}", y + 24.0)}>
                {format!("{} {}", t(*lang, Text::Commit), node.commit)}
            </text>
        </g>
    }
}

fn message_dot(message: &MessageView, positions: &[(u64, (f64, f64))]) -> Html {
    let find = |id: u64| positions.iter().find(|(n, _)| *n == id).map(|(_, p)| *p);
    let (Some(a), Some(b)) = (find(message.from), find(message.to)) else {
        return html! {};
    };
    let (x, y) = lerp(a, b, message.progress);
    html! {
        <circle key={message.id.to_string()} class={classes!("message", message.kind.css())}
                cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="6" />
    }
}

#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    pub view: ClusterView,
    pub lang: Lang,
}

#[component]
pub fn Cluster(props: &ClusterProps) -> Html {
    let n = props.view.nodes.len();
    let positions: Vec<(u64, (f64, f64))> = props
        .view
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.id, ring_position(i, n, CENTER, CENTER, RING)))
        .collect();
    html! {
        <svg class="cluster" viewBox={format!("0 0 {SIZE} {SIZE}")} role="group"
             aria-label={t(props.lang, Text::ClusterLabel)}>
            { for props.view.messages.iter().map(|m| message_dot(m, &positions)) }
            { for props.view.nodes.iter().zip(&positions).map(|(node, (_, (x, y)))| html! {
                <Node key={node.id.to_string()} node={node.clone()} x={*x} y={*y} lang={props.lang} />
            }) }
        </svg>
    }
}
