//! The paper's §9.3 election experiment (Figure 16) run in the page. Placeholder until the
//! view is built: it says so rather than pretending.

use crate::i18n::{tr, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExperimentPageProps {
    pub lang: Lang,
}

#[component]
pub fn ExperimentPage(props: &ExperimentPageProps) -> Html {
    html! {
        <section class="experiment-page">
            <p>{ tr(props.lang, "The election experiment view is being built.", "선거 실험 화면은 아직 만드는 중입니다.") }</p>
        </section>
    }
}
