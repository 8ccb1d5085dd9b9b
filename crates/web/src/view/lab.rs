//! The Raft lab: the live cluster with its controls and panels. Owns the `Lab` state and its
//! clock; every child is a presentational component fed from `Lab::view`.

use crate::clock::Clock;
use crate::i18n::{t, tr, Lang, Text};
use crate::params::Params;
use crate::state::{Lab, LabAction, NodeCommand};
use crate::view::cluster::{cluster, Selection};
use crate::view::controls::{controls, ControlsProps};
use crate::view::inspector::inspector;
use crate::view::legend::legend;
use crate::view::logs::logs_panel;
use crate::view::narration::NarrationPanel;
use crate::view::network::NetworkPanel;
use crate::view::node_menu::{node_menu, refused_text};
use crate::view::safety::safety_panel;
use crate::view::settings::SettingsForm;
use crate::view::terminal::Terminal;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LabPageProps {
    pub lang: Lang,
}

/// A callback that dispatches `make(value)`; built once, so it is stable across renders.
#[hook]
fn use_action<T: 'static>(lab: &UseReducerHandle<Lab>, make: fn(T) -> LabAction) -> Callback<T> {
    let dispatcher = lab.dispatcher();
    use_callback((), move |value: T, _| dispatcher.dispatch(make(value)))
}

/// The value of the form's input named `name` ("" if there is none).
fn input_text(form: &web_sys::HtmlFormElement, name: &str) -> String {
    form.query_selector(&format!("input[name={name}]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

/// Writes a key and value through the current leader. A plain view (the inputs are read from
/// the submitted form, so it needs no node refs): a Yew component costs ≈4 KB of wasm glue.
fn client_bar(lang: Lang, on_write: &Callback<(String, String)>) -> Html {
    let on_write = on_write.clone();
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let Some(form) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let k = input_text(&form, "key");
        if !k.trim().is_empty() {
            on_write.emit((k, input_text(&form, "value")));
        }
        form.reset();
    });
    html! {
        <form class="client-bar" {onsubmit} aria-label={tr(lang, "Client request", "클라이언트 요청")}>
            <label>{ tr(lang, "Key", "키") }<input name="key" required=true maxlength="64" /></label>
            <label>{ tr(lang, "Value", "값") }<input name="value" maxlength="256" /></label>
            <button type="submit" data-action="client-write">{ tr(lang, "Write through the leader", "리더를 통해 쓰기") }</button>
        </form>
    }
}

#[component]
pub fn LabPage(props: &LabPageProps) -> Html {
    let lab = use_reducer(|| Lab::new(&Params::from_location()));
    let lang = props.lang;
    let on_frame = use_action(&lab, LabAction::Frame);
    let on_toggle = use_action(&lab, |_: ()| LabAction::TogglePlay);
    let on_speed = use_action(&lab, LabAction::SetSpeed);
    let on_step = use_action(&lab, |forward: bool| {
        if forward {
            LabAction::StepForward
        } else {
            LabAction::StepBack
        }
    });
    let on_seek = use_action(&lab, LabAction::Seek);
    let on_reset = use_action(&lab, |_: ()| LabAction::Reset);
    let on_node = use_action(&lab, |id: u64| LabAction::SelectNode(Some(id)));
    let on_message = use_action(&lab, |id: u64| LabAction::SelectMessage(Some(id)));
    let on_command = use_action(&lab, |(id, c): (u64, NodeCommand)| LabAction::Node(id, c));
    let on_close_menu = use_action(&lab, |_: ()| LabAction::SelectNode(None));
    let on_write = use_action(&lab, |(k, v): (String, String)| {
        LabAction::ClientWrite(k, v)
    });
    let on_add = use_action(&lab, |_: MouseEvent| LabAction::AddNode(false));
    let on_add_learner = use_action(&lab, |_: MouseEvent| LabAction::AddNode(true));
    let on_jump = use_action(&lab, LabAction::SeekEvent);
    let on_drop = use_action(&lab, LabAction::DropMessage);
    let on_close_inspector = use_action(&lab, |_: ()| LabAction::SelectMessage(None));
    let on_partition = use_action(&lab, LabAction::Partition);
    let on_cut = use_action(&lab, |(a, b): (u64, u64)| LabAction::Cut(a, b));
    let on_restore = use_action(&lab, |(a, b): (u64, u64)| LabAction::Restore(a, b));
    let on_heal = use_action(&lab, |_: ()| LabAction::Heal);
    let on_latency = use_action(&lab, |(a, b): (u64, u64)| LabAction::Latency(a, b));
    let on_loss = use_action(&lab, LabAction::Loss);
    let on_preset = use_action(&lab, LabAction::Preset);
    let on_apply = use_action(&lab, LabAction::ApplySettings);
    let on_line = use_action(&lab, LabAction::Terminal);
    let on_interrupt = use_action(&lab, |_: ()| LabAction::Interrupt);

    let view = lab.view.clone();
    let leader = view
        .nodes
        .iter()
        .find(|n| n.role == crate::model::Role::Leader);
    let members = leader.map(|l| [l.voters.clone(), l.learners.clone()].concat());
    let menu = lab
        .selected_node
        .and_then(|id| view.nodes.iter().find(|n| n.id == id))
        .map(|node| {
            let is_member = members.as_ref().is_none_or(|m| m.contains(&node.id));
            node_menu(lang, node, is_member, &on_command, &on_close_menu)
        });
    let leader_id = leader.map(|n| n.id);
    let selected_message = lab
        .selected_message
        .and_then(|id| view.messages.iter().find(|m| m.id == id).cloned());
    let detail = lab.selected_message.and_then(|id| lab.message_detail(id));
    let node_ids: Vec<u64> = view.nodes.iter().map(|n| n.id).collect();
    let selection = Selection {
        node: lab.selected_node,
        message: lab.selected_message,
        on_node,
        on_message,
    };
    html! {
        <main class="lab">
            <section class="panel cluster-panel">
                <Clock running={lab.playing} {on_frame} />
                { controls(&ControlsProps {
                    lang, playing: lab.playing, speed_log2: lab.speed_log2, time_us: view.time_us,
                    horizon_us: view.horizon_us, events: view.events, on_toggle, on_speed,
                    on_step: Some(on_step), on_seek: Some(on_seek), on_reset: Some(on_reset),
                }) }
                { cluster(lang, &view, &selection) }
                { for menu }
                <p class="status" aria-live="polite" data-leader={leader_id.map(|l| l.to_string()).unwrap_or_default()}>
                    { match leader_id {
                        Some(id) => format!("{}: S{id}", t(lang, Text::LeaderIs)),
                        None => t(lang, Text::NoLeader).to_string(),
                    } }
                </p>
                if lab.scenario_failed {
                    <p class="refused" role="alert" data-refused="true">{ tr(lang,
                        "Figure 8 could not be set up with these settings (an election never finished); try shorter latencies or the default settings.",
                        "이 설정으로는 Figure 8을 준비할 수 없습니다(선거가 끝나지 않았습니다). 지연을 줄이거나 기본 설정을 사용해 보세요.") }</p>
                }
                if let Some(e) = &lab.refused {
                    <p class="refused" role="alert" data-refused="true">{ refused_text(lang, e) }</p>
                }
                { client_bar(lang, &on_write) }
                <div class="membership-actions">
                    <button data-action="add-node" onclick={on_add} disabled={view.nodes.len() >= 9}>
                        { tr(lang, "Add a server", "서버 추가") }
                    </button>
                    <button data-action="add-learner" onclick={on_add_learner} disabled={view.nodes.len() >= 9}>
                        { tr(lang, "Add a learner", "러너 추가") }
                    </button>
                </div>
                if selected_message.is_some() {
                    { inspector(lang, selected_message.as_ref(), detail.as_ref(), &on_drop, &on_close_inspector) }
                }
                { legend(lang) }
            </section>
            <div class="lab-side">
                { safety_panel(lang, &view.safety, &on_jump) }
                <Terminal {lang} lines={lab.screen.lines.clone()} prompt={lab.screen.prompt.clone()}
                          history={lab.screen.history.clone()} {on_line} {on_interrupt} />
                <details class="panel" open=true>
                    <summary>{ tr(lang, "Logs and key-value state", "로그와 키-값 상태") }</summary>
                    { logs_panel(lang, &view.nodes, leader_id) }
                </details>
                <details class="panel" open=true>
                    <summary>{ tr(lang, "What happened and why", "무슨 일이 왜 일어났나") }</summary>
                    <NarrationPanel {lang} narration={view.narration.clone()} nodes={node_ids.clone()} />
                </details>
                <details class="panel">
                    <summary>{ tr(lang, "Network", "네트워크") }</summary>
                    <NetworkPanel {lang} nodes={node_ids} network={view.network.clone()} {on_partition} {on_cut}
                                  {on_restore} {on_heal} {on_latency} {on_loss} {on_preset} />
                </details>
                <details class="panel">
                    <summary>{ tr(lang, "Settings and “break it” switches", "설정과 ‘망가뜨려 보기’ 스위치") }</summary>
                    <SettingsForm {lang} settings={lab.settings.clone()} {on_apply} />
                </details>
            </div>
        </main>
    }
}
