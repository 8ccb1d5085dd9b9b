//! Side by side: the same failure applied to a stacked and an external topology of the
//! same size (`quorum_k8s::cluster::side_by_side`), and what still works in each.

use super::words::{blocker_text, capability_code, capability_name, secs};
use crate::i18n::{tr, Lang};
use quorum_k8s::cluster::{side_by_side, Capability, CompareError, ComponentKind, Failure};
use quorum_k8s::topology::HostId;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub lang: Lang,
    pub control_planes: u8,
    pub workers: u8,
    pub seed: u64,
}

/// The failures on offer, for `n` control-plane nodes.
fn presets(lang: Lang, n: u8) -> Vec<(String, Vec<Failure>)> {
    let mut out = Vec::new();
    for k in 1..=n {
        let text = match lang {
            Lang::En => format!("power off {k} control-plane node(s)"),
            Lang::Ko => format!("컨트롤 플레인 노드 {k}개 전원 끄기"),
        };
        out.push((
            text,
            (0..k)
                .map(|i| Failure::StopHost(HostId::ControlPlane(i)))
                .collect(),
        ));
    }
    out.push((
        tr(
            lang,
            "stop every kube-apiserver but one",
            "kube-apiserver를 하나만 남기고 중지",
        )
        .to_string(),
        (1..n)
            .map(|cp| Failure::StopComponent {
                cp,
                component: ComponentKind::ApiServer,
            })
            .collect(),
    ));
    out.push((
        tr(lang, "stop etcd member 1 and 2", "etcd 멤버 1, 2 중지").to_string(),
        (0..n.min(2)).map(Failure::StopEtcdMember).collect(),
    ));
    out.push((
        tr(lang, "fail the load balancer", "로드 밸런서 장애").to_string(),
        vec![Failure::FailLoadBalancer],
    ));
    out.push((
        tr(
            lang,
            "cut zone a off from zones b and c",
            "존 a를 존 b, c와 끊기",
        )
        .to_string(),
        vec![Failure::PartitionZones(vec![vec![0], vec![1, 2]])],
    ));
    out
}

fn column(lang: Lang, caps: &[Capability], which: &'static str) -> Html {
    html! {
        <ul class="capabilities" data-compare={which}>
            { for caps.iter().map(|c| html! {
                <li class={classes!("capability", if c.works { "works" } else { "broken" })}
                    data-capability={capability_code(c.kind)} data-works={c.works.to_string()}>
                    <span class="cap-mark" aria-hidden="true">{ if c.works { "✓" } else { "✕" } }</span>
                    <span class="cap-name">{ capability_name(lang, c.kind) }</span>
                    <span class="cap-detail">{ match (c.works, c.took_us, c.blocker) {
                        (true, Some(t), _) => secs(t),
                        (false, _, Some(b)) => blocker_text(lang, b).to_string(),
                        _ => String::new(),
                    } }</span>
                </li>
            }) }
        </ul>
    }
}

#[component]
pub fn Compare(props: &CompareProps) -> Html {
    let lang = props.lang;
    let n = props.control_planes;
    let choice = use_state(|| 0usize);
    let options = presets(lang, n);
    let index = (*choice).min(options.len().saturating_sub(1));
    let failures = options
        .get(index)
        .map(|(_, f)| f.clone())
        .unwrap_or_default();
    let result = use_memo(
        (n, props.workers, props.seed, failures.clone()),
        |(n, w, seed, f)| side_by_side(*n, *w, f, *seed),
    );
    let onchange = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.value().parse::<usize>().ok())
            {
                choice.set(v);
            }
        })
    };
    let body = match &*result {
        Ok(c) => html! {
            <>
            <div class="compare-grid">
                <div><h3>{ match lang { Lang::En => format!("Stacked: {n} nodes"), Lang::Ko => format!("스택형: 노드 {n}개") } }</h3>{ column(lang, &c.stacked, "stacked") }</div>
                <div><h3>{ match lang { Lang::En => format!("External: {n} + {n} etcd hosts"), Lang::Ko => format!("외부: 노드 {n}개 + etcd 호스트 {n}개") } }</h3>{ column(lang, &c.external, "external") }</div>
            </div>
            <p class="hint" data-compare-note="lease-holders">{ tr(lang,
                "The two clusters elect their Lease holders independently: a time that includes a Lease failover (the lease duration or longer) means a stopped node held that Lease in that cluster, not that its topology is slower.",
                "두 클러스터는 리스 보유자를 따로 선출합니다. 리스 장애 조치(리스 기간 이상)가 들어간 시간은 그 클러스터에서 멈춘 노드가 리스를 가지고 있었다는 뜻이지, 그 구성이 느리다는 뜻이 아닙니다.") }</p>
            </>
        },
        Err(CompareError::Failure { .. }) => {
            html! { <p class="error">{ tr(lang, "This failure does not exist in one of the two topologies.", "이 장애는 두 구성 중 하나에 없는 대상입니다.") }</p> }
        }
        Err(CompareError::Build(_)) => {
            html! { <p class="error">{ tr(lang, "The model refused this topology.", "모델이 이 구성을 거부했습니다.") }</p> }
        }
    };
    html! {
        <section class="panel ha-compare" aria-labelledby="ha-compare-title">
            <h2 id="ha-compare-title">{ tr(lang, "Stacked or external: the same failure", "스택형과 외부: 같은 장애") }</h2>
            <label>{ tr(lang, "Failure", "장애") }
                <select data-field="compare-failure" {onchange}>
                    { for options.iter().enumerate().map(|(i, (text, _))| html! {
                        <option value={i.to_string()} selected={i == index}>{ text.clone() }</option>
                    }) }
                </select>
            </label>
            { body }
        </section>
    }
}
