//! The topology builder: stacked or external etcd, how many control-plane nodes, etcd
//! members, workers and zones. Every change rebuilds the simulated cluster.

use crate::i18n::{tr, Lang};
use quorum_k8s::topology::{
    EtcdTopology, TopologySpec, MAX_CONTROL_PLANES, MAX_ETCD_MEMBERS, MAX_WORKERS, MAX_ZONES,
};
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn selected_value(e: &Event) -> Option<u8> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .and_then(|s| s.value().parse::<u8>().ok())
}

/// A `<select>` of `min..=max` that edits one field of the spec.
fn number_select(
    label: &'static str,
    field: &'static str,
    value: u8,
    range: std::ops::RangeInclusive<u8>,
    spec: TopologySpec,
    on_spec: &Callback<TopologySpec>,
    set: fn(&mut TopologySpec, u8),
) -> Html {
    let on_spec = on_spec.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(v) = selected_value(&e) {
            let mut next = spec;
            set(&mut next, v);
            on_spec.emit(next);
        }
    });
    html! {
        <label class="field">{ label }
            <select data-field={field} {onchange}>
                { for range.map(|n| html! { <option value={n.to_string()} selected={n == value}>{ n }</option> }) }
            </select>
        </label>
    }
}

pub fn builder(lang: Lang, spec: TopologySpec, on_spec: &Callback<TopologySpec>) -> Html {
    let kind = |etcd: EtcdTopology, code: &'static str, text: &'static str| {
        let on_spec = on_spec.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let mut next = spec;
            next.etcd = etcd;
            if etcd == EtcdTopology::External && next.external_etcd_members == 0 {
                next.external_etcd_members = next.control_planes;
            }
            on_spec.emit(next);
        });
        html! {
            <button type="button" data-topology={code} aria-pressed={(spec.etcd == etcd).to_string()} {onclick}>{ text }</button>
        }
    };
    let external = spec.etcd == EtcdTopology::External;
    html! {
        <section class="panel ha-builder" aria-labelledby="ha-builder-title">
            <h2 id="ha-builder-title">{ tr(lang, "Topology", "구성") }</h2>
            <div class="row" role="group" aria-label={tr(lang, "Where etcd runs", "etcd가 실행되는 곳")}>
                { kind(EtcdTopology::Stacked, "stacked", tr(lang, "Stacked etcd", "스택형 etcd")) }
                { kind(EtcdTopology::External, "external", tr(lang, "External etcd", "외부 etcd")) }
            </div>
            <p class="hint">{ if external {
                tr(lang, "External: etcd runs on its own hosts and every API server lists all members in --etcd-servers.",
                   "외부: etcd가 별도 호스트에서 실행되고, 모든 API 서버가 --etcd-servers에 전체 멤버를 적습니다.")
            } else {
                tr(lang, "Stacked: each control-plane node runs one etcd member, and its API server talks only to that local member.",
                   "스택형: 컨트롤 플레인 노드마다 etcd 멤버가 하나씩 있고, 각 API 서버는 자기 노드의 멤버하고만 통신합니다.")
            } }</p>
            <div class="row fields">
                { number_select(tr(lang, "Control-plane nodes", "컨트롤 플레인 노드"), "control-planes", spec.control_planes,
                    1..=MAX_CONTROL_PLANES, spec, on_spec, |s, v| s.control_planes = v) }
                if external {
                    { number_select(tr(lang, "etcd members", "etcd 멤버"), "etcd-members", spec.external_etcd_members,
                        1..=MAX_ETCD_MEMBERS, spec, on_spec, |s, v| s.external_etcd_members = v) }
                }
                { number_select(tr(lang, "Workers", "워커 노드"), "workers", spec.workers,
                    0..=MAX_WORKERS, spec, on_spec, |s, v| s.workers = v) }
                { number_select(tr(lang, "Zones", "존"), "zones", spec.zones,
                    1..=MAX_ZONES, spec, on_spec, |s, v| s.zones = v) }
            </div>
        </section>
    }
}
