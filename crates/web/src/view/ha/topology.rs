//! The topology diagram: client, load balancer, control-plane nodes (API server,
//! controller-manager, scheduler, stacked etcd), external etcd hosts and workers, as SVG.
//! Every host and component is a focusable button that fails or restores it; requests
//! and lease renewals are drawn from the model's simulated time.

use super::layout::{along, Chip, Layout, Rect, CHIP_H, HEAD};
use super::state::ANIM_US;
use super::words::zone_letter;
use crate::i18n::{tr, Lang};
use quorum_k8s::cluster::{
    Client, ClusterEvent, ClusterEventKind, ClusterView, ComponentKind, ComponentState, Elected,
    EtcdMemberRole, Failure, HostView, InstanceView, ReqKind, RequestTrace,
};
use quorum_k8s::topology::HostId;
use yew::prelude::*;

/// How long a lease-renewal pulse stays visible (simulated µs).
const PULSE_US: u64 = 600_000;

fn f(v: f64) -> String {
    format!("{v:.1}")
}

/// Enter or Space on a focused SVG button activates it, like a real button.
fn keys(cb: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            cb.emit(());
        }
    })
}

/// Test hooks and state carried by a diagram button (absent ones are not rendered).
#[derive(Default)]
struct Hooks {
    host: Option<String>,
    component: Option<&'static str>,
    index: Option<String>,
    running: Option<String>,
    leader: Option<String>,
}

/// A focusable SVG button: a rectangle with a label.
fn svg_button(
    rect: Rect,
    class: Classes,
    label: String,
    text: String,
    activate: Callback<()>,
    hooks: Hooks,
) -> Html {
    let onclick = activate.reform(|_: MouseEvent| ());
    let onkeydown = keys(activate);
    let (tx, ty) = (rect.x + rect.w / 2.0, rect.y + rect.h / 2.0 + 4.0);
    // The accessible name starts with the visible text, then says what it is and does.
    let label = format!("{text}: {label}");
    html! {
        <g class={class} role="button" tabindex="0" aria-label={label.clone()} {onclick} {onkeydown}
           data-host={hooks.host} data-component={hooks.component} data-index={hooks.index}
           data-running={hooks.running} data-leader={hooks.leader}>
            <title>{ label }</title>
            <rect x={f(rect.x)} y={f(rect.y)} width={f(rect.w)} height={f(rect.h)} rx="4" />
            <text x={f(tx)} y={f(ty)}>{ text }</text>
        </g>
    }
}

/// The whole diagram at the view's simulated time; the events give the lease pulses.
pub fn diagram(
    lang: Lang,
    l: &Layout,
    v: &ClusterView,
    traces: &[RequestTrace],
    events: &[ClusterEvent],
    on_toggle: &Callback<Failure>,
) -> Html {
    let now = v.now_us;
    // The load balancer is drawn on its own (it has no components and spans zones).
    let hosts = v
        .hosts
        .iter()
        .filter(|h| h.host.id != HostId::LoadBalancer)
        .map(|h| host_html(lang, l, v, h, on_toggle));
    let lb_up = v
        .hosts
        .iter()
        .find(|h| h.host.id == HostId::LoadBalancer)
        .is_none_or(|h| h.up);
    let lb_toggle = on_toggle.reform(|_| Failure::FailLoadBalancer);
    let lb_label = format!(
        "{} ({}), {}",
        tr(lang, "load balancer", "로드 밸런서"),
        if lb_up {
            tr(lang, "up", "동작 중")
        } else {
            tr(lang, "failed", "장애")
        },
        tr(lang, "press to fail or restore", "눌러서 장애 / 복구")
    );
    html! {
        <div class="ha-svg-wrap">
        <svg class="ha-topology" viewBox={format!("{} 0 {} {}", f(l.view_x), f(l.view_w), f(l.height))} role="group"
             aria-label={tr(lang, "Cluster topology: press a host or component to fail or restore it", "클러스터 구성도: 호스트나 구성 요소를 눌러 장애를 내거나 복구하세요")}
             data-now-us={now.to_string()}>
            { links(l) }
            <g class="client" data-host="client">
                <rect x={f(l.client.x)} y={f(l.client.y)} width={f(l.client.w)} height={f(l.client.h)} rx="6" />
                <text x={f(l.client.x + l.client.w / 2.0)} y={f(l.client.y + 25.0)}>{ tr(lang, "kubectl (you)", "kubectl (나)") }</text>
            </g>
            { svg_button(l.lb, classes!("host-head", "lb", if lb_up { "up" } else { "down" }), lb_label,
                format!("loadbalancer :6443{}", if lb_up { "" } else { " ✕" }), lb_toggle,
                Hooks { host: Some("loadbalancer".to_string()), ..Hooks::default() }) }
            // Each changing list sits in a group of its own, so the number of siblings
            // around the hosts never changes and their (focusable) elements are kept.
            <g class="hosts">{ for hosts }</g>
            <g class="traces">{ for traces.iter().map(|t| trace_html(l, v, t, now)) }</g>
            <g class="pulses">{ for events.iter().filter_map(|e| pulse_html(l, e, now)) }</g>
        </svg>
        </div>
    }
}

/// Faint lines: LB to every API server, and API servers to the etcd members they use.
fn links(l: &Layout) -> Html {
    let (lx, ly) = (l.lb.x + l.lb.w / 2.0, l.lb.y + l.lb.h);
    let mut lines = Vec::new();
    let (cx, cy) = (l.client.x + l.client.w, l.client.y + l.client.h / 2.0);
    lines.push((cx, cy, l.lb.x, l.lb.y + l.lb.h / 2.0));
    for cp in 0..l.spec.control_planes {
        if let Some(api) = l.chip(cp, Chip::ApiServer) {
            lines.push((lx, ly, api.x + api.w / 2.0, api.y));
            if l.spec.etcd == quorum_k8s::topology::EtcdTopology::External {
                for m in l.spec.etcd_endpoints(cp) {
                    if let (Some(e), Some(host)) =
                        (l.etcd(m), l.control_planes.get(usize::from(cp)))
                    {
                        lines.push((
                            api.x + api.w / 2.0,
                            host.y + host.h,
                            e.x + e.w / 2.0,
                            e.y - HEAD,
                        ));
                    }
                }
            }
        }
    }
    html! {
        <g class="links" aria-hidden="true">
            { for lines.into_iter().map(|(x1, y1, x2, y2)| html! {
                <line x1={f(x1)} y1={f(y1)} x2={f(x2)} y2={f(y2)} />
            }) }
        </g>
    }
}

fn host_html(
    lang: Lang,
    l: &Layout,
    v: &ClusterView,
    h: &HostView,
    on_toggle: &Callback<Failure>,
) -> Html {
    let id = h.host.id;
    let Some(rect) = l.host(id) else {
        return html! { <g key={h.host.name.clone()} /> };
    };
    let name = h.host.name.clone();
    let state = if h.up {
        tr(lang, "up", "동작 중")
    } else {
        tr(lang, "powered off", "전원 꺼짐")
    };
    let zone = h.host.zone.map(zone_letter).unwrap_or('-');
    let label = format!(
        "{name} ({} {zone}), {state}, {}",
        tr(lang, "zone", "존"),
        tr(lang, "press to power off or on", "눌러서 전원 끄기 / 켜기")
    );
    let head = Rect {
        h: HEAD - 8.0,
        ..rect
    };
    let toggle = on_toggle.reform(move |_| Failure::StopHost(id));
    let chips = h
        .components
        .iter()
        .filter_map(|c| chip_html(lang, l, v, id, c, on_toggle));
    html! {
        <g key={name.clone()} class={classes!("host", if h.up { "up" } else { "down" })} data-host-box={name.clone()}
           data-up={h.up.to_string()} data-zone={zone.to_string()}>
            <rect class="host-frame" x={f(rect.x)} y={f(rect.y)} width={f(rect.w)} height={f(rect.h)} rx="6" />
            { svg_button(head, classes!("host-head", if h.up { "up" } else { "down" }), label,
                format!("{name}{}", if h.up { String::new() } else { " ✕".to_string() }), toggle,
                Hooks { host: Some(name.clone()), ..Hooks::default() }) }
            <text class="zone-tag" x={f(rect.x + rect.w - 2.0)} y={f(rect.y - 3.0)}>{ format!("{} {zone}", tr(lang, "zone", "존")) }</text>
            { for chips }
        </g>
    }
}

/// One component chip; `None` for the kubelet (it lives and dies with its host).
fn chip_html(
    lang: Lang,
    l: &Layout,
    v: &ClusterView,
    host: HostId,
    c: &ComponentState,
    on_toggle: &Callback<Failure>,
) -> Option<Html> {
    let cp = match host {
        HostId::ControlPlane(cp) => Some(cp),
        _ => None,
    };
    let press = tr(lang, "press to stop or start", "눌러서 중지 / 시작");
    match c {
        ComponentState::ApiServer { running, ready } => {
            let cp = cp?;
            let state = match (running, ready) {
                (false, _) => tr(lang, "stopped", "중지됨"),
                (true, true) => tr(lang, "ready", "준비됨"),
                (true, false) => tr(
                    lang,
                    "running, etcd check failing",
                    "실행 중, etcd 확인 실패",
                ),
            };
            Some(chip(
                l.chip(cp, Chip::ApiServer)?,
                classes!(
                    "chip",
                    "apiserver",
                    run_class(*running),
                    (!ready).then_some("unready")
                ),
                format!("kube-apiserver {}: {state}, {press}", cp + 1),
                format!("apiserver{}", if *running { "" } else { " ✕" }),
                on_toggle.reform(move |_| Failure::StopComponent {
                    cp,
                    component: ComponentKind::ApiServer,
                }),
                "apiserver",
                cp,
                *running,
                false,
            ))
        }
        ComponentState::ControllerManager(i) => {
            elected_chip(lang, l, i, Elected::ControllerManager, on_toggle)
        }
        ComponentState::Scheduler(i) => elected_chip(lang, l, i, Elected::Scheduler, on_toggle),
        ComponentState::Etcd { member, role } => {
            let m = *member;
            let (role_text, mark, leader) = match role {
                EtcdMemberRole::Leader => (tr(lang, "leader", "리더"), " ★", true),
                EtcdMemberRole::Follower => (tr(lang, "follower", "팔로워"), "", false),
                EtcdMemberRole::NoLeader => (
                    tr(lang, "no leader reachable", "닿는 리더 없음"),
                    " ?",
                    false,
                ),
                EtcdMemberRole::Stopped => (tr(lang, "stopped", "중지됨"), " ✕", false),
            };
            let running = *role != EtcdMemberRole::Stopped;
            let in_quorum = v.etcd_quorum.as_ref().is_some_and(|q| q.contains(&m));
            let raft = match v.etcd_raft.iter().find(|r| r.member == m) {
                Some(r) => match lang {
                    Lang::En => format!(
                        ", Raft term {}, commit index {}, applied index {}",
                        r.term, r.commit, r.applied
                    ),
                    Lang::Ko => format!(
                        ", Raft 임기 {}, 커밋 인덱스 {}, 적용 인덱스 {}",
                        r.term, r.commit, r.applied
                    ),
                },
                None => String::new(),
            };
            Some(chip(
                l.etcd(m)?,
                classes!(
                    "chip",
                    "etcd",
                    run_class(running),
                    leader.then_some("leader"),
                    (running && !in_quorum).then_some("minority")
                ),
                format!("etcd {}: {role_text}{raft}, {press}", m + 1),
                format!("etcd-{}{mark}", m + 1),
                on_toggle.reform(move |_| Failure::StopEtcdMember(m)),
                "etcd",
                m,
                running,
                leader,
            ))
        }
        ComponentState::Kubelet { .. } => None,
    }
}

fn run_class(running: bool) -> &'static str {
    if running {
        "running"
    } else {
        "stopped"
    }
}

#[allow(clippy::too_many_arguments)]
fn chip(
    rect: Rect,
    class: Classes,
    label: String,
    text: String,
    toggle: Callback<()>,
    component: &'static str,
    index: u8,
    running: bool,
    leader: bool,
) -> Html {
    let hooks = Hooks {
        host: None,
        component: Some(component),
        index: Some(index.to_string()),
        running: Some(running.to_string()),
        leader: Some(leader.to_string()),
    };
    svg_button(rect, class, label, text, toggle, hooks)
}

fn elected_chip(
    lang: Lang,
    l: &Layout,
    i: &InstanceView,
    which: Elected,
    on_toggle: &Callback<Failure>,
) -> Option<Html> {
    let (slot, short, code, component) = match which {
        Elected::ControllerManager => (
            Chip::ControllerManager,
            "ctrl-mgr",
            "controller-manager",
            ComponentKind::ControllerManager,
        ),
        Elected::Scheduler => (
            Chip::Scheduler,
            "scheduler",
            "scheduler",
            ComponentKind::Scheduler,
        ),
    };
    let cp = i.cp;
    let state = match (i.running, i.acting_leader) {
        (true, true) => tr(lang, "active: holds the lease", "활성: 리스를 가짐"),
        (true, false) => tr(lang, "standby", "대기"),
        (false, _) => tr(lang, "not running", "실행 안 됨"),
    };
    let mark = match (i.running, i.acting_leader) {
        (true, true) => " ★",
        (false, _) => " ✕",
        _ => "",
    };
    Some(chip(
        l.chip(cp, slot)?,
        classes!(
            "chip",
            code,
            run_class(i.running),
            i.acting_leader.then_some("leader")
        ),
        format!(
            "{} {}: {state}, {}",
            super::words::component_name(component),
            cp + 1,
            tr(lang, "press to stop or start", "눌러서 중지 / 시작")
        ),
        format!("{short}{mark}"),
        on_toggle.reform(move |_| Failure::StopComponent { cp, component }),
        code,
        cp,
        i.running,
        i.acting_leader,
    ))
}

fn center(r: Option<Rect>) -> Option<(f64, f64)> {
    r.map(|r| r.center())
}

/// The points a request passes: client → load balancer → API server → etcd member →
/// etcd leader. It stops where it failed.
fn trace_path(l: &Layout, t: &RequestTrace) -> Vec<(f64, f64)> {
    let mut path = Vec::new();
    let start = match t.client {
        Client::Kubectl => Some(l.client.center()),
        Client::Kubelet(h) => l.host(h).map(|r| (r.x + r.w / 2.0, r.y + r.h)),
        Client::Local(cp) => center(l.chip(cp, Chip::ControllerManager)),
    };
    path.extend(start);
    if t.via_lb {
        path.push(l.lb.center());
    }
    if let Some(cp) = t.apiserver {
        path.extend(center(l.chip(cp, Chip::ApiServer)));
    }
    if let Some(m) = t.etcd_member {
        path.extend(center(l.etcd(m)));
    }
    if let Some(leader) = t.etcd_leader.filter(|&x| Some(x) != t.etcd_member) {
        path.extend(center(l.etcd(leader)));
    }
    path
}

fn trace_html(l: &Layout, v: &ClusterView, t: &RequestTrace, now: u64) -> Html {
    let path = trace_path(l, t);
    let progress = now.saturating_sub(t.at_us) as f64 / ANIM_US as f64;
    let ok = t.result.is_ok();
    let class = classes!(
        "trace",
        if ok { "ok" } else { "failed" },
        if t.kind == ReqKind::Write {
            "write"
        } else {
            "read"
        },
        matches!(t.client, Client::Kubectl).then_some("kubectl")
    );
    // Writes reach the leader in the first 75 %, then replicate to the quorum.
    let reach = if t.kind == ReqKind::Write && ok {
        0.75
    } else {
        1.0
    };
    let dot = along(&path, (progress / reach).min(1.0));
    let fan = if t.kind == ReqKind::Write && ok && progress > reach {
        fan_out(l, v, t, (progress - reach) / (1.0 - reach))
    } else {
        Vec::new()
    };
    let points: Vec<String> = path
        .iter()
        .map(|(x, y)| format!("{},{}", f(*x), f(*y)))
        .collect();
    html! {
        <g class={class} aria-hidden="true">
            <polyline class="trace-line" points={points.join(" ")} />
            if let Some((x, y)) = dot {
                <circle class="trace-dot" cx={f(x)} cy={f(y)} r="5" />
            }
            { for fan }
        </g>
    }
}

/// Replication from the leader to the other members of the quorum.
fn fan_out(l: &Layout, v: &ClusterView, t: &RequestTrace, p: f64) -> Vec<Html> {
    let (Some(leader), Some(quorum)) = (t.etcd_leader, v.etcd_quorum.as_ref()) else {
        return Vec::new();
    };
    let Some(from) = center(l.etcd(leader)) else {
        return Vec::new();
    };
    quorum
        .iter()
        .filter(|&&m| m != leader)
        .filter_map(|&m| center(l.etcd(m)))
        .filter_map(|to| along(&[from, to], p))
        .map(|(x, y)| html! { <circle class="trace-dot replicate" cx={f(x)} cy={f(y)} r="4" /> })
        .collect()
}

/// A ring around the component that just renewed its lease.
fn pulse_html(l: &Layout, e: &ClusterEvent, now: u64) -> Option<Html> {
    let ClusterEventKind::LeaseRenewed { elected, cp } = &e.kind else {
        return None;
    };
    let age = now.checked_sub(e.at_us)?;
    if age >= PULSE_US {
        return None;
    }
    let slot = match elected {
        Elected::ControllerManager => Chip::ControllerManager,
        Elected::Scheduler => Chip::Scheduler,
    };
    let r = l.chip(*cp, slot)?;
    let grow = age as f64 / PULSE_US as f64 * 6.0;
    Some(html! {
        <rect class="pulse" aria-hidden="true" x={f(r.x - grow)} y={f(r.y - grow)}
              width={f(r.w + 2.0 * grow)} height={f(CHIP_H + 2.0 * grow)} rx="6" />
    })
}
