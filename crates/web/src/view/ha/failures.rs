//! Failure controls beyond clicking the diagram: the load balancer, zone partitions,
//! the list of what is broken, and "restore everything".

use super::state::Problem;
use super::words::{failure_text, zones_text};
use crate::i18n::{tr, Lang};
use quorum_k8s::cluster::{BuildError, Failure, FailureError};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FailuresProps {
    pub lang: Lang,
    pub zones: u8,
    pub failures: Rc<Vec<Failure>>,
    pub problem: Option<Problem>,
    pub on_toggle: Callback<Failure>,
    pub on_restore_all: Callback<()>,
}

/// The partitions offered for `zones` zones: each zone cut off alone, and all apart.
fn partitions(zones: u8) -> Vec<Vec<Vec<u8>>> {
    let mut out: Vec<Vec<Vec<u8>>> = Vec::new();
    if zones < 2 {
        return out;
    }
    for z in 0..zones {
        let rest: Vec<u8> = (0..zones).filter(|&o| o != z).collect();
        out.push(vec![vec![z], rest]);
    }
    if zones > 2 {
        out.push((0..zones).map(|z| vec![z]).collect());
    }
    out
}

#[component]
pub fn FailureControls(props: &FailuresProps) -> Html {
    let lang = props.lang;
    let lb_failed = props.failures.contains(&Failure::FailLoadBalancer);
    let options = partitions(props.zones);
    let chosen = use_state(|| 0usize);
    let on_pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.value().parse::<usize>().ok());
            if let Some(v) = value {
                chosen.set(v);
            }
        })
    };
    // The zone count may have shrunk since the choice was made.
    let current = options
        .get((*chosen).min(options.len().saturating_sub(1)))
        .cloned();
    let partitioned = props
        .failures
        .iter()
        .any(|f| matches!(f, Failure::PartitionZones(_)));
    let partition = {
        let toggle = props.on_toggle.clone();
        let current = current.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(groups) = current.clone() {
                toggle.emit(Failure::PartitionZones(groups));
            }
        })
    };
    let heal = {
        let toggle = props.on_toggle.clone();
        let applied: Vec<Failure> = props
            .failures
            .iter()
            .filter(|f| matches!(f, Failure::PartitionZones(_)))
            .cloned()
            .collect();
        Callback::from(move |_: MouseEvent| {
            for f in &applied {
                toggle.emit(f.clone());
            }
        })
    };
    let lb = props
        .on_toggle
        .reform(|_: MouseEvent| Failure::FailLoadBalancer);
    let restore_all = props.on_restore_all.reform(|_: MouseEvent| ());
    html! {
        <section class="panel ha-failures" aria-labelledby="ha-failures-title">
            <h2 id="ha-failures-title">{ tr(lang, "Break things", "장애 내기") }</h2>
            <p class="hint">{ tr(lang,
                "Press any host or component in the diagram (or focus it and press Enter) to fail or restore it.",
                "구성도의 호스트나 구성 요소를 누르면(또는 포커스 후 Enter) 장애를 내거나 복구합니다.") }</p>
            <div class="row">
                <button type="button" data-action="fail-lb" aria-pressed={lb_failed.to_string()} onclick={lb}>
                    { if lb_failed { tr(lang, "Restore the load balancer", "로드 밸런서 복구") } else { tr(lang, "Fail the load balancer", "로드 밸런서 장애") } }
                </button>
            </div>
            if !options.is_empty() {
                <div class="row">
                    <label>{ tr(lang, "Split zones", "존 분할") }
                        <select data-field="partition" onchange={on_pick}>
                            { for options.iter().enumerate().map(|(i, groups)| {
                                let text = groups.iter().map(|g| zones_text(g)).collect::<Vec<_>>().join(" | ");
                                html! { <option value={i.to_string()} selected={i == *chosen}>{ format!("{} {text}", tr(lang, "zones", "존")) }</option> }
                            }) }
                        </select>
                    </label>
                    <button type="button" data-action="partition" onclick={partition}>{ tr(lang, "Partition", "분할하기") }</button>
                    if partitioned {
                        <button type="button" data-action="heal" onclick={heal}>{ tr(lang, "Heal the network", "네트워크 복구") }</button>
                    }
                </div>
            }
            <h3>{ tr(lang, "Currently broken", "현재 장애") }</h3>
            if props.failures.is_empty() {
                <p class="muted" data-failures="0">{ tr(lang, "Nothing: everything is running.", "없음: 모두 동작 중입니다.") }</p>
            } else {
                <ul class="failure-list" data-failures={props.failures.len().to_string()}>
                    { for props.failures.iter().map(|f| {
                        let restore = props.on_toggle.reform({ let f = f.clone(); move |_: MouseEvent| f.clone() });
                        html! { <li>{ failure_text(lang, f) }
                            <button type="button" class="small" onclick={restore}>{ tr(lang, "restore", "복구") }</button></li> }
                    }) }
                </ul>
                <button type="button" data-action="restore-all" onclick={restore_all}>{ tr(lang, "Restore everything", "모두 복구") }</button>
            }
            if let Some(p) = &props.problem {
                <p class="error" role="alert">{ problem_text(lang, p) }</p>
            }
        </section>
    }
}

pub fn problem_text(lang: Lang, p: &Problem) -> String {
    match p {
        Problem::Failure(FailureError::NoSuchHost(h)) => {
            format!("{} {}", tr(lang, "No such host:", "없는 호스트:"), h.name())
        }
        Problem::Failure(FailureError::NoSuchControlPlane(cp)) => format!(
            "{} {}",
            tr(
                lang,
                "No such control-plane node:",
                "없는 컨트롤 플레인 노드:"
            ),
            u16::from(*cp) + 1
        ),
        Problem::Failure(FailureError::NoSuchEtcdMember(m)) => format!(
            "{} {}",
            tr(lang, "No such etcd member:", "없는 etcd 멤버:"),
            u16::from(*m) + 1
        ),
        Problem::Failure(FailureError::NoSuchZone(z)) => format!(
            "{} {}",
            tr(lang, "No such zone:", "없는 존:"),
            super::words::zone_letter(*z)
        ),
        Problem::Build(BuildError::Topology(_)) => tr(
            lang,
            "The model refused this topology.",
            "모델이 이 구성을 거부했습니다.",
        )
        .to_string(),
        Problem::Build(BuildError::LeaderElection(e)) => format!(
            "{} {}",
            tr(
                lang,
                "client-go refuses these flags:",
                "client-go가 이 플래그를 거부합니다:"
            ),
            e.client_go_message()
        ),
        Problem::Build(BuildError::EtcdBootstrap) => tr(
            lang,
            "The etcd members elected no leader.",
            "etcd 멤버들이 리더를 선출하지 못했습니다.",
        )
        .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_cover_each_zone_alone_and_all_apart() {
        assert!(partitions(1).is_empty());
        assert_eq!(
            partitions(2),
            vec![vec![vec![0], vec![1]], vec![vec![1], vec![0]]]
        );
        let three = partitions(3);
        assert_eq!(three.len(), 4);
        assert_eq!(three[0], vec![vec![0], vec![1, 2]]);
        assert_eq!(three[3], vec![vec![0], vec![1], vec![2]]);
    }
}
