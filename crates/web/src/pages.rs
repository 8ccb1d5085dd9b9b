//! The page's views, as tabs. Each view takes the language and owns its state (a component,
//! or for the experiment a plain function around its stateful panel); adding a view is a
//! variant here, a line in each `match`, and its module.

use crate::i18n::{tr, Lang};
use crate::view::chooser::ChooserPage;
use crate::view::experiment::experiment_page;
use crate::view::ha::HaPage;
use crate::view::lab::LabPage;
use crate::view::lessons::LessonsPage;
use crate::view::quorum::QuorumPage;
use yew::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Lab,
    Quorum,
    Ha,
    Chooser,
    Experiment,
    Lessons,
}

impl Page {
    pub const ALL: &'static [Page] = &[
        Page::Lab,
        Page::Quorum,
        Page::Ha,
        Page::Chooser,
        Page::Experiment,
        Page::Lessons,
    ];

    /// The name used in the URL (`?view=lab`).
    pub fn code(self) -> &'static str {
        match self {
            Page::Lab => "lab",
            Page::Quorum => "quorum",
            Page::Ha => "ha",
            Page::Chooser => "chooser",
            Page::Experiment => "experiment",
            Page::Lessons => "lessons",
        }
    }

    pub fn from_code(code: &str) -> Option<Page> {
        Page::ALL.iter().copied().find(|p| p.code() == code)
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Page::Lab => tr(lang, "Raft lab", "Raft 실습실"),
            Page::Quorum => tr(lang, "Quorum explorer", "쿼럼 탐색기"),
            Page::Ha => tr(lang, "HA Kubernetes", "고가용성 쿠버네티스"),
            Page::Chooser => tr(lang, "Infrastructure chooser", "인프라 선택기"),
            Page::Experiment => tr(lang, "Election experiment", "선거 실험"),
            Page::Lessons => tr(lang, "Lessons", "수업"),
        }
    }
}

pub fn render(page: Page, lang: Lang) -> Html {
    match page {
        Page::Lab => html! { <LabPage {lang} /> },
        Page::Quorum => html! { <QuorumPage {lang} /> },
        Page::Ha => html! { <HaPage {lang} /> },
        Page::Chooser => html! { <ChooserPage {lang} /> },
        Page::Experiment => experiment_page(lang),
        Page::Lessons => html! { <LessonsPage {lang} /> },
    }
}
