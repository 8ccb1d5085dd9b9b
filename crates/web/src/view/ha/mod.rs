//! The highly available Kubernetes view: build a topology, break it, and watch what the
//! simulated control plane still does (its etcd members are real Raft nodes of the
//! simulator; the diagram shows their roles, the leader and the Raft term). Owns the
//! `Ha` state and its clock; every panel takes plain data and callbacks. A link can set
//! the cluster up (`params::HaParams`: `?view=ha&topology=…&cp=…&etcd=…&workers=…
//! &lease=15s,10s,2s`); values it cannot use are listed (`url`).

mod builder;
mod compare;
mod failures;
mod flags;
mod layout;
mod log;
pub mod state;
mod terminal;
mod timeline;
mod topology;
mod url;
mod words;

use crate::clock::Clock;
use crate::i18n::{tr, Lang};
use crate::params::Params;
use crate::view::controls::{controls, ControlsProps};
use layout::Layout;
use quorum_k8s::cluster::Failure;
use quorum_k8s::leader_election::LeaderElectionConfig;
use quorum_k8s::topology::{EtcdTopology, HostId, TopologySpec};
use state::{Ha, HaAction};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HaPageProps {
    pub lang: Lang,
}

#[component]
pub fn HaPage(props: &HaPageProps) -> Html {
    let lang = props.lang;
    let ha = use_reducer(|| {
        let p = Params::from_location();
        // Lease timings are seconds long: run at ×1 unless the URL asks otherwise.
        let speed = if p.speed_log2 == Params::default().speed_log2 {
            0
        } else {
            p.speed_log2
        };
        Ha::new(p.seed, speed, !p.paused, p.ha.spec(), p.ha.config())
    });
    let rejected = use_memo((), |_| Params::from_location().ha.rejected);
    // Callbacks built once from the (stable) dispatcher, so the clock's effect never restarts.
    let d = ha.dispatcher();
    let on_frame = {
        let d = d.clone();
        use_callback((), move |ms: f64, _| d.dispatch(HaAction::Frame(ms)))
    };
    let on_toggle_play = {
        let d = d.clone();
        use_callback((), move |_: (), _| d.dispatch(HaAction::TogglePlay))
    };
    let on_speed = {
        let d = d.clone();
        use_callback((), move |s: i32, _| d.dispatch(HaAction::SetSpeed(s)))
    };
    let on_toggle = {
        let d = d.clone();
        use_callback((), move |f: Failure, _| d.dispatch(HaAction::Toggle(f)))
    };
    let on_restore_all = {
        let d = d.clone();
        use_callback((), move |_: (), _| d.dispatch(HaAction::RestoreAll))
    };
    let on_spec = {
        let d = d.clone();
        use_callback((), move |s: TopologySpec, _| {
            d.dispatch(HaAction::SetSpec(s))
        })
    };
    let on_config = {
        let d = d.clone();
        use_callback((), move |c: LeaderElectionConfig, _| {
            d.dispatch(HaAction::SetConfig(c))
        })
    };
    let on_run = {
        let d = d.clone();
        use_callback((), move |l: String, _| d.dispatch(HaAction::Run(l)))
    };
    let on_send = {
        let d = d.clone();
        use_callback((), move |write: bool, _| {
            d.dispatch(HaAction::Send { write })
        })
    };
    let unit = {
        let ha = ha.clone();
        use_memo(ha.spec, move |_| ha.unit_text(0))
    };
    let layout: Rc<Layout> = use_memo(ha.spec, |spec| Layout::new(*spec));
    let spec = ha.spec;
    let topology_code = match spec.etcd {
        EtcdTopology::Stacked => "stacked",
        EtcdTopology::External => "external",
    };
    let etcd_text = match (lang, ha.view.etcd_leader) {
        (Lang::En, Some(l)) => format!(
            "etcd: {} members, majority {}, leader etcd-{} (Raft term {})",
            ha.view.etcd_members,
            ha.view.etcd_majority,
            u16::from(l) + 1,
            ha.view.etcd_term
        ),
        (Lang::Ko, Some(l)) => format!(
            "etcd: 멤버 {}개, 과반수 {}, 리더 etcd-{} (Raft 임기 {})",
            ha.view.etcd_members,
            ha.view.etcd_majority,
            u16::from(l) + 1,
            ha.view.etcd_term
        ),
        (Lang::En, None) => format!(
            "etcd: {} members, majority {}, no leader (Raft term {})",
            ha.view.etcd_members, ha.view.etcd_majority, ha.view.etcd_term
        ),
        (Lang::Ko, None) => format!(
            "etcd: 멤버 {}개, 과반수 {}, 리더 없음 (Raft 임기 {})",
            ha.view.etcd_members, ha.view.etcd_majority, ha.view.etcd_term
        ),
    };
    html! {
        <main class="ha-page" data-page="ha" data-topology={topology_code}
              data-control-planes={spec.control_planes.to_string()} data-etcd-members={spec.etcd_members().to_string()}
              data-failures={ha.failures.len().to_string()}>
            <Clock running={ha.playing} {on_frame} />
            { url::url_notes(lang, &rejected) }
            <div class="ha-main">
                <section class="panel ha-diagram">
                    { controls(&ControlsProps {
                        lang, playing: ha.playing, speed_log2: ha.speed_log2, time_us: ha.view.now_us,
                        horizon_us: 0, events: 0, on_toggle: on_toggle_play, on_speed,
                        on_step: None, on_seek: None, on_reset: None,
                    }) }
                    { topology::diagram(lang, &layout, &ha.view, &ha.traces, &ha.events, &on_toggle) }
                    { send_buttons(lang, &on_send) }
                    <p class="status" data-etcd-leader={ha.view.etcd_leader.map(|l| l.to_string()).unwrap_or_default()}
                       data-etcd-term={ha.view.etcd_term.to_string()}>{ etcd_text }</p>
                    { legend(lang) }
                </section>
                <div class="ha-side">
                    { works::what_works(lang, &ha.works, ha.view.now_us) }
                    { log::event_log(lang, &ha.events) }
                    <failures::FailureControls {lang} zones={spec.zones} failures={ha.failures.clone()}
                        problem={ha.problem.clone()} {on_toggle} {on_restore_all} />
                    { builder::builder(lang, spec, &on_spec) }
                </div>
            </div>
            <div class="ha-lower">
                <timeline::Timeline {lang} view={ha.view.clone()} events={ha.events.clone()} config={ha.config} />
                <flags::Flags {lang} config={ha.config} {on_config} />
                <compare::Compare {lang} control_planes={spec.control_planes} workers={spec.workers} seed={ha.seed} />
                <terminal::Terminal {lang} lines={ha.terminal.lines.clone()} {on_run} />
                { terminal::unit_file(lang, &HostId::ControlPlane(0).name(), unit.as_deref()) }
            </div>
        </main>
    }
}

mod works;

/// Buttons that send one kubectl request through the load balancer (drawn in the
/// diagram from the client box; the output lands in the terminal below).
fn send_buttons(lang: Lang, on_send: &Callback<bool>) -> Html {
    let read = on_send.reform(|_: MouseEvent| false);
    let write = on_send.reform(|_: MouseEvent| true);
    html! {
        <div class="row">
            <button type="button" data-action="send-read" onclick={read}>{ tr(lang, "Send kubectl get pods", "kubectl get pods 보내기") }</button>
            <button type="button" data-action="send-write" onclick={write}>{ tr(lang, "Send kubectl create deployment", "kubectl create deployment 보내기") }</button>
        </div>
    }
}

fn legend(lang: Lang) -> Html {
    html! {
        <ul class="ha-legend">
            <li><span class="key leader">{ "★" }</span>{ tr(lang, "leader: etcd leader, or the instance holding the Lease (active); the others are standbys", "리더: etcd 리더 또는 리스를 가진 인스턴스(활성), 나머지는 대기") }</li>
            <li><span class="key stopped">{ "✕" }</span>{ tr(lang, "stopped or powered off", "중지되었거나 전원이 꺼짐") }</li>
            <li><span class="key dot ok"></span>{ tr(lang, "a request: client → load balancer → API server → etcd member → etcd leader → quorum", "요청: 클라이언트 → 로드 밸런서 → API 서버 → etcd 멤버 → etcd 리더 → 쿼럼") }</li>
            <li><span class="key dot failed"></span>{ tr(lang, "a request that failed where it stops", "멈춘 지점에서 실패한 요청") }</li>
            <li><span class="key pulse"></span>{ tr(lang, "a lease renewal", "리스 갱신") }</li>
        </ul>
    }
}
