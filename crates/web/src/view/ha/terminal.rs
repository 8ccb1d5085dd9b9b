//! The API server's systemd unit for the chosen topology, and a kubectl mini-terminal
//! that runs against the simulated cluster (kubectl's real output and errors).

use super::state::unit_path;
use crate::i18n::{tr, Lang};
use crate::view::terminal::{LineKind, TermLine};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// `host`'s prompt, then the unit's text (`None` shows nothing after the prompt).
pub fn unit_file(lang: Lang, host: &str, text: Option<&str>) -> Html {
    html! {
        <section class="panel ha-unit" aria-labelledby="ha-unit-title">
            <h2 id="ha-unit-title">{ tr(lang, "How each API server finds etcd", "각 API 서버가 etcd를 찾는 방법") }</h2>
            <pre class="term" data-unit="" tabindex="0" aria-label={tr(lang, "kube-apiserver unit file", "kube-apiserver 유닛 파일")}>
                <span class="prompt">{ format!("{host}$ cat {}\n", unit_path()) }</span>
                { text.unwrap_or_default().to_string() }
            </pre>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    pub lang: Lang,
    pub lines: Rc<Vec<TermLine>>,
    pub on_run: Callback<String>,
}

const SUGGESTIONS: &[&str] = &[
    "kubectl get nodes",
    "kubectl get pods",
    "kubectl get lease -n kube-system",
    "kubectl create deployment demo --image=nginx",
];

#[component]
pub fn Terminal(props: &TerminalProps) -> Html {
    let lang = props.lang;
    let line = use_state(String::new);
    let oninput = {
        let line = line.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                line.set(i.value());
            }
        })
    };
    let onsubmit = {
        let line = line.clone();
        let on_run = props.on_run.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_run.emit((*line).clone());
            line.set(String::new());
        })
    };
    let output = props.lines.iter().map(|l| {
        let class = match l.kind {
            LineKind::Echo => "prompt",
            LineKind::Out => "out",
            LineKind::Err => "err",
        };
        html! { <div class={class}>{ l.text.clone() }</div> }
    });
    html! {
        <section class="panel ha-terminal" aria-labelledby="ha-terminal-title">
            <h2 id="ha-terminal-title">{ tr(lang, "kubectl against the simulated cluster", "시뮬레이션 클러스터에 kubectl 실행") }</h2>
            <div class="term" role="log" aria-live="polite" data-terminal="" tabindex="0"
                 aria-label={tr(lang, "terminal output", "터미널 출력")}>
                if props.lines.is_empty() {
                    <div class="out">{ tr(lang, "# Type a kubectl command, or press one below.", "# kubectl 명령을 입력하거나 아래 버튼을 누르세요.") }</div>
                }
                { for output }
            </div>
            <form class="term-input" {onsubmit}>
                <label for="ha-term-line" class="prompt">{ "$" }</label>
                <input id="ha-term-line" type="text" value={(*line).clone()} {oninput} spellcheck="false"
                       autocomplete="off" data-field="terminal" placeholder="kubectl get nodes" />
                <button type="submit">{ tr(lang, "Run", "실행") }</button>
            </form>
            <div class="row suggestions">
                { for SUGGESTIONS.iter().chain(std::iter::once(&unit_path())).map(|s| {
                    let cmd = if s.starts_with('/') { format!("cat {s}") } else { s.to_string() };
                    let onclick = props.on_run.reform({ let cmd = cmd.clone(); move |_: MouseEvent| cmd.clone() });
                    html! { <button type="button" class="small" {onclick}><code>{ cmd }</code></button> }
                }) }
            </div>
        </section>
    }
}
