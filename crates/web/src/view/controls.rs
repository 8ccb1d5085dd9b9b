//! Play/pause and a speed control on a log scale.

use crate::i18n::{t, tr, Lang, Text};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Speeds offered on the slider: simulated time per wall-clock time, as powers of two.
pub const MIN_SPEED_LOG2: i32 = -6;
pub const MAX_SPEED_LOG2: i32 = 4;

pub fn speed_label(log2: i32) -> String {
    if log2 >= 0 {
        format!("×{}", 1u32 << log2)
    } else {
        format!("×1/{}", 1u32 << (-log2))
    }
}

/// What `controls` draws. Only the lab travels in time: the others give 0 and `None` for
/// the timeline's fields.
pub struct ControlsProps {
    pub lang: Lang,
    pub playing: bool,
    pub speed_log2: i32,
    pub time_us: u64,
    /// The end of the timeline (the latest instant this run reached).
    pub horizon_us: u64,
    pub events: u64,
    pub on_toggle: Callback<()>,
    pub on_speed: Callback<i32>,
    pub on_step: Option<Callback<bool>>,
    pub on_seek: Option<Callback<u64>>,
    pub on_reset: Option<Callback<()>>,
}

/// The value of the range input an event came from.
fn input_value<T: std::str::FromStr>(e: &InputEvent) -> Option<T> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.value().parse::<T>().ok())
}

fn time_controls(props: &ControlsProps) -> Html {
    let lang = props.lang;
    let step = props.on_step.as_ref().map(|on_step| {
        let back = on_step.reform(|_: MouseEvent| false);
        let forward = on_step.reform(|_: MouseEvent| true);
        html! {
            <>
                <button data-action="step-back" onclick={back}
                        title={tr(lang, "Undo the last event", "마지막 이벤트 되돌리기")}>
                    { tr(lang, "◀ Step back", "◀ 한 단계 뒤로") }
                </button>
                <button data-action="step-forward" onclick={forward}
                        title={tr(lang, "Process the next event", "다음 이벤트 처리")}>
                    { tr(lang, "Step ▶", "한 단계 ▶") }
                </button>
            </>
        }
    });
    let seek = props.on_seek.as_ref().map(|on_seek| {
        let on_seek = on_seek.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            if let Some(ms) = input_value::<u64>(&e) {
                on_seek.emit(ms * 1000);
            }
        });
        let end_ms = (props.horizon_us.max(props.time_us) / 1000).max(1);
        html! {
            <label class="timeline">
                { tr(lang, "Timeline", "타임라인") }
                <input type="range" data-action="seek" min="0" max={end_ms.to_string()} step="1"
                       value={(props.time_us / 1000).to_string()} {oninput}
                       aria-valuetext={format!("{:.3} s", props.time_us as f64 / 1e6)} />
            </label>
        }
    });
    let reset = props.on_reset.as_ref().map(|on_reset| {
        html! {
            <button data-action="reset" onclick={on_reset.reform(|_: MouseEvent| ())}>
                { tr(lang, "Reset", "처음부터") }
            </button>
        }
    });
    html! { <>{ step }{ seek }{ reset }</> }
}

pub fn controls(props: &ControlsProps) -> Html {
    let lang = props.lang;
    let toggle = props.on_toggle.reform(|_: MouseEvent| ());
    let on_speed = props.on_speed.clone();
    let speed_input = Callback::from(move |e: InputEvent| {
        if let Some(value) = input_value::<i32>(&e) {
            on_speed.emit(value.clamp(MIN_SPEED_LOG2, MAX_SPEED_LOG2));
        }
    });
    let play_label = t(
        lang,
        if props.playing {
            Text::Pause
        } else {
            Text::Play
        },
    );
    html! {
        <div class="controls">
            <button class="play" data-action="play" aria-pressed={props.playing.to_string()} onclick={toggle}>
                { play_label }
            </button>
            <label class="speed">
                { t(lang, Text::Speed) }
                <input type="range" min={MIN_SPEED_LOG2.to_string()} max={MAX_SPEED_LOG2.to_string()}
                       step="1" value={props.speed_log2.to_string()} oninput={speed_input}
                       aria-valuetext={speed_label(props.speed_log2)} />
                <output>{ speed_label(props.speed_log2) }</output>
            </label>
            { time_controls(props) }
            <span class="sim-time" data-sim-time-us={props.time_us.to_string()} data-events={props.events.to_string()}>
                { format!("{} {:.3} s", t(lang, Text::SimTime), props.time_us as f64 / 1e6) }
            </span>
        </div>
    }
}
