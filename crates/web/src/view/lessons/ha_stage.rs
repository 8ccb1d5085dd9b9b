//! What an HA step shows: the control plane's hosts with their components (stop or restart
//! a host, or one controller manager or scheduler), etcd's leader, term and quorum, who
//! holds each Lease, and a terminal for `kubectl` and the API server's unit. Plain data in,
//! callbacks out; the model lives in the lesson player's state.

use super::ha::unit_path;
use crate::i18n::{tr, Lang};
use crate::view::terminal::{Screen, Terminal};
use quorum_k8s::cluster::{
    ClusterView, ComponentKind, ComponentState, EtcdMemberRole, Failure, HostView,
};
use quorum_k8s::topology::HostId;
use yew::prelude::*;

/// A stop/start button for an elected component (nothing for the other components).
fn component_button(
    lang: Lang,
    cp: u8,
    state: &ComponentState,
    on_toggle: &Callback<Failure>,
) -> Html {
    let (kind, name, instance) = match state {
        ComponentState::ControllerManager(i) => (
            ComponentKind::ControllerManager,
            "kube-controller-manager",
            i,
        ),
        ComponentState::Scheduler(i) => (ComponentKind::Scheduler, "kube-scheduler", i),
        _ => return Html::default(),
    };
    let failure = Failure::StopComponent {
        cp,
        component: kind,
    };
    let onclick = on_toggle.reform(move |_: MouseEvent| failure.clone());
    let verb = if instance.running {
        tr(lang, "Stop", "중지")
    } else {
        tr(lang, "Start", "시작")
    };
    html! {
        <li class={classes!("ha-component", instance.acting_leader.then_some("active"))}
            data-component={name} data-active={instance.acting_leader.to_string()} data-running={instance.running.to_string()}>
            <span>{ name }</span>
            if instance.acting_leader {
                <strong class="ha-active">{ tr(lang, " (active)", " (액티브)") }</strong>
            }
            <button type="button" class="small" data-action="ha-component" {onclick}>{ verb }</button>
        </li>
    }
}

fn role_word(lang: Lang, role: EtcdMemberRole) -> &'static str {
    match role {
        EtcdMemberRole::Leader => tr(lang, "leader", "리더"),
        EtcdMemberRole::Follower => tr(lang, "follower", "팔로워"),
        EtcdMemberRole::NoLeader => tr(lang, "no leader", "리더 없음"),
        EtcdMemberRole::Stopped => tr(lang, "stopped", "중지됨"),
    }
}

fn host_row(lang: Lang, host: &HostView, on_toggle: &Callback<Failure>) -> Html {
    let id = host.host.id;
    if id == HostId::LoadBalancer {
        return Html::default();
    }
    let failure = Failure::StopHost(id);
    let onclick = on_toggle.reform(move |_: MouseEvent| failure.clone());
    let etcd = host.components.iter().find_map(|c| match c {
        ComponentState::Etcd { member, role } => {
            Some(format!("etcd {} ({})", member + 1, role_word(lang, *role)))
        }
        _ => None,
    });
    let components: Vec<Html> = match id {
        HostId::ControlPlane(cp) => host
            .components
            .iter()
            .map(|c| component_button(lang, cp, c, on_toggle))
            .collect(),
        _ => Vec::new(),
    };
    html! {
        <li class={classes!("ha-host", (!host.up).then_some("down"))} data-host={host.host.name.clone()} data-up={host.up.to_string()}>
            <span class="ha-host-name">{ host.host.name.clone() }</span>
            if let Some(e) = etcd { <span class="hint">{ format!(" · {e}") }</span> }
            <button type="button" class="small" data-action="ha-host" {onclick}>
                { if host.up { tr(lang, "Stop", "중지") } else { tr(lang, "Restart", "재시작") } }
            </button>
            if host.up && !components.is_empty() {
                <ul class="ha-components">{ for components }</ul>
            }
        </li>
    }
}

/// `on_toggle` stops something, or restarts it when it is stopped; `on_line` runs a
/// terminal line.
pub fn ha_stage(
    lang: Lang,
    v: &ClusterView,
    screen: &Screen,
    on_toggle: &Callback<Failure>,
    on_line: &Callback<String>,
) -> Html {
    let etcd = match (v.etcd_leader, &v.etcd_quorum) {
        (_, None) => tr(
            lang,
            "etcd has no quorum: writes fail",
            "etcd에 쿼럼이 없습니다. 쓰기가 실패합니다",
        )
        .to_string(),
        (Some(l), Some(_)) => match lang {
            Lang::En => format!(
                "etcd leader: member {} (term {}), majority {} of {}",
                l + 1,
                v.etcd_term,
                v.etcd_majority,
                v.etcd_members
            ),
            Lang::Ko => format!(
                "etcd 리더: 멤버 {} (임기 {}), 과반수 {}/{}",
                l + 1,
                v.etcd_term,
                v.etcd_majority,
                v.etcd_members
            ),
        },
        (None, Some(_)) => tr(
            lang,
            "etcd is electing a leader",
            "etcd가 리더를 뽑는 중입니다",
        )
        .to_string(),
    };
    html! {
        <div class="ha-stage" data-etcd-leader={v.etcd_leader.map(|l| (l + 1).to_string()).unwrap_or_default()}
             data-quorum={v.etcd_quorum.is_some().to_string()}>
            <p class="status" aria-live="polite">{ etcd }</p>
            <ul class="ha-hosts">{ for v.hosts.iter().map(|h| host_row(lang, h, on_toggle)) }</ul>
            <table class="ha-leases">
                <caption>{ tr(lang, "Leases in kube-system", "kube-system의 Lease") }</caption>
                <thead><tr>
                    <th scope="col">{ tr(lang, "Lease", "Lease") }</th>
                    <th scope="col">{ tr(lang, "Holder", "보유자") }</th>
                    <th scope="col">{ tr(lang, "Transitions", "전환 횟수") }</th>
                </tr></thead>
                <tbody>
                    { for v.leases.iter().map(|l| html! {
                        <tr data-lease={l.key.name.clone()} data-holder={l.spec.holder_identity.clone()}>
                            <td>{ l.key.name.clone() }</td>
                            <td>{ if l.spec.holder_identity.is_empty() { "—".to_string() } else { l.spec.holder_identity.clone() } }</td>
                            <td>{ l.spec.lease_transitions }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <Terminal {lang} lines={screen.lines.clone()} prompt={"controlplane-1 $ ".to_string()}
                      history={screen.history.clone()} on_line={on_line.clone()} on_interrupt={Callback::noop()}
                      hint={Some(match lang {
                          Lang::En => format!("A shell on controlplane-1. Try: kubectl get nodes, kubectl get lease -n kube-system, cat {}", unit_path()),
                          Lang::Ko => format!("controlplane-1의 셸입니다. 예: kubectl get nodes, kubectl get lease -n kube-system, cat {}", unit_path()),
                      })} />
        </div>
    }
}
