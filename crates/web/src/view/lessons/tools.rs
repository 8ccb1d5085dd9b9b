//! The lesson player's tools: a deep link to the step, the copy-paste embed snippet, export
//! and import of a run as JSON, and trying a lesson file pasted by a teacher (a malformed one
//! shows its bilingual error naming the line).

use super::export::RunExport;
use super::run::Entry;
use crate::embed;
use crate::i18n::{tr, Lang};
use crate::view::chooser::say;
use quorum_course::lesson::Lesson;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn textarea_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlTextAreaElement>()
        .map(|t| t.value())
        .unwrap_or_default()
}

/// Selects a read-only field's text on focus, so copying is one keystroke.
fn select_all(e: FocusEvent) {
    if let Some(t) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        t.select();
    }
}

#[derive(Properties, PartialEq)]
pub struct RunToolsProps {
    pub lang: Lang,
    pub lesson: String,
    /// 1-based.
    pub step: usize,
    pub title: String,
    pub show_snippet: bool,
    pub show_export: bool,
    pub export: Rc<Option<RunExport>>,
    pub lessons: Rc<Vec<Entry>>,
    pub on_import: Callback<RunExport>,
}

#[component]
pub fn RunTools(props: &RunToolsProps) -> Html {
    let lang = props.lang;
    let query = format!(
        "view=lessons&lesson={}&step={}&lang={}",
        props.lesson,
        props.step,
        lang.code()
    );
    let link = format!("?{query}");
    let snippet = embed::snippet(&embed::page_base(), &query, &props.title);
    let exported = use_state(|| None::<String>);
    let import_error = use_state(|| None::<(String, String)>);
    let import_box = use_node_ref();
    let on_export = {
        let exported = exported.clone();
        let export = props.export.clone();
        Callback::from(move |_: MouseEvent| {
            exported.set((*export).as_ref().map(RunExport::to_json));
        })
    };
    let on_import = {
        let import_error = import_error.clone();
        let import_box = import_box.clone();
        let lessons = props.lessons.clone();
        let on_import = props.on_import.clone();
        Callback::from(move |_: MouseEvent| {
            let text = textarea_value(&import_box);
            let steps_of = |id: &str| {
                lessons.iter().find_map(|e| match e {
                    Ok(l) if l.id == id => Some(l.steps.len()),
                    _ => None,
                })
            };
            match RunExport::parse(&text, steps_of) {
                Ok(run) => {
                    import_error.set(None);
                    on_import.emit(run);
                }
                Err(e) => import_error.set(Some((e.en, e.ko))),
            }
        })
    };
    html! {
        <section class="panel run-tools">
            <h2>{ tr(lang, "Share and save", "공유와 저장") }</h2>
            <p><a href={link.clone()} data-deep-link={link}>{ tr(lang, "Link to this step", "이 단계로 가는 링크") }</a></p>
            if props.show_snippet {
                <label class="block">
                    { tr(lang, "Embed this step in a course page (copy and paste):", "강의 페이지에 이 단계를 넣으려면 복사해 붙여 넣으세요:") }
                    <textarea class="snippet" readonly=true rows="3" data-snippet="" onfocus={Callback::from(select_all)} value={snippet} />
                </label>
            }
            if props.show_export {
                <div class="row">
                    <button data-action="export" onclick={on_export}>{ tr(lang, "Export this run as JSON", "이 실행을 JSON으로 내보내기") }</button>
                </div>
                if let Some(json) = &*exported {
                    <label class="block">{ tr(lang, "The run (copy it to save it):", "실행 내용 (복사해서 저장하세요):") }
                        <textarea class="export" readonly=true rows="6" data-export="" onfocus={Callback::from(select_all)} value={json.clone()} />
                    </label>
                }
                <label class="block">{ tr(lang, "Import a run (paste its JSON):", "실행 가져오기 (JSON을 붙여 넣으세요):") }
                    <textarea class="import" rows="4" data-import="" ref={import_box} spellcheck="false" />
                </label>
                <div class="row">
                    <button data-action="import" onclick={on_import}>{ tr(lang, "Import", "가져오기") }</button>
                </div>
                if let Some((en, ko)) = &*import_error {
                    <p class="error" role="alert" data-import-error="">{ if lang == Lang::En { en.clone() } else { ko.clone() } }</p>
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct CustomLessonProps {
    pub lang: Lang,
    pub on_open: Callback<Rc<Lesson>>,
}

/// A teacher's lesson file, pasted and tried at once: the same parser as the bundled ones.
#[component]
pub fn CustomLesson(props: &CustomLessonProps) -> Html {
    let lang = props.lang;
    let source = use_node_ref();
    let error = use_state(|| None::<quorum_course::Text>);
    let on_try = {
        let source = source.clone();
        let error = error.clone();
        let on_open = props.on_open.clone();
        Callback::from(move |_: MouseEvent| {
            match quorum_course::lesson::parse(&textarea_value(&source)) {
                Ok(lesson) => {
                    error.set(None);
                    on_open.emit(Rc::new(lesson));
                }
                Err(e) => error.set(Some(e.message())),
            }
        })
    };
    html! {
        <details class="custom-lesson">
            <summary>{ tr(lang, "Try a lesson file of your own", "직접 만든 수업 파일 시험하기") }</summary>
            <label class="block">{ tr(lang, "Lesson file (the format is in crates/course/README.md):", "수업 파일 (형식은 crates/course/README.md 참고):") }
                <textarea rows="8" ref={source} spellcheck="false" data-lesson-source="" />
            </label>
            <button data-action="try-lesson" onclick={on_try}>{ tr(lang, "Try this lesson", "이 수업 시험하기") }</button>
            if let Some(message) = &*error {
                <p class="error" role="alert" data-lesson-error="">{ say(message, lang) }</p>
            }
        </details>
    }
}
