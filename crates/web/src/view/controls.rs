//! Play/pause and a speed control on a log scale.

use crate::i18n::{t, Lang, Text};
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

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub lang: Lang,
    pub playing: bool,
    pub speed_log2: i32,
    pub time_us: u64,
    pub on_toggle: Callback<()>,
    pub on_speed: Callback<i32>,
}

#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let lang = props.lang;
    let toggle = props.on_toggle.reform(|_: MouseEvent| ());
    let on_speed = props.on_speed.clone();
    let speed_input = Callback::from(move |e: InputEvent| {
        let value = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.value().parse::<i32>().ok());
        if let Some(value) = value {
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
            <span class="sim-time" data-sim-time-us={props.time_us.to_string()}>
                { format!("{} {:.3} s", t(lang, Text::SimTime), props.time_us as f64 / 1e6) }
            </span>
        </div>
    }
}
