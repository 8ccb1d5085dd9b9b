//! The Raft lab: the live cluster with its controls. Owns the `Lab` state and its clock.

use crate::clock::Clock;
use crate::i18n::{t, Lang, Text};
use crate::params::Params;
use crate::state::{Lab, LabAction};
use crate::view::cluster::Cluster;
use crate::view::controls::Controls;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LabPageProps {
    pub lang: Lang,
}

#[component]
pub fn LabPage(props: &LabPageProps) -> Html {
    let lab = use_reducer(|| Lab::new(&Params::from_location()));
    let lang = props.lang;
    // Callbacks built once from the (stable) dispatcher, so the clock's effect never restarts.
    let dispatcher = lab.dispatcher();
    let on_frame = {
        let d = dispatcher.clone();
        use_callback((), move |ms: f64, _| d.dispatch(LabAction::Frame(ms)))
    };
    let on_toggle = {
        let d = dispatcher.clone();
        use_callback((), move |_: (), _| d.dispatch(LabAction::TogglePlay))
    };
    let on_speed = {
        let d = dispatcher.clone();
        use_callback((), move |s: i32, _| d.dispatch(LabAction::SetSpeed(s)))
    };
    let leader = lab.view.leaders().next().map(|n| n.id);
    html! {
        <main class="lab">
            <section class="panel">
                <Clock running={lab.playing} {on_frame} />
                <Controls {lang} playing={lab.playing} speed_log2={lab.speed_log2}
                          time_us={lab.view.time_us} {on_toggle} {on_speed} />
                <Cluster view={lab.view.clone()} {lang} />
                <p class="status" aria-live="polite" data-leader={leader.map(|l| l.to_string()).unwrap_or_default()}>
                    { match leader {
                        Some(id) => format!("{}: S{id}", t(lang, Text::LeaderIs)),
                        None => t(lang, Text::NoLeader).to_string(),
                    } }
                </p>
            </section>
        </main>
    }
}
