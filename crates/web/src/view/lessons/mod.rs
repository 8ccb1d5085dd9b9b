//! Guided lessons: the list of bundled lessons and a player that narrates each step, runs
//! its scripted setup on the lesson's own simulated world, checks the student's task live,
//! asks "predict what happens next" before the simulation runs on, and lets the student go
//! back, forward or jump to any step (each with a deep link). The page state lives in
//! `run.rs`; this file only draws it and turns clicks into `RunAction`s.

mod export;
mod goals;
mod ha;
mod ha_stage;
mod progress;
mod run;
mod script;
mod tools;

use crate::clock::Clock;
use crate::embed::{self, Chrome, HostCommand, HostListener};
use crate::i18n::{tr, Lang};
use crate::params::{self, Params};
use crate::view::chooser::{say, ChooserPage};
use crate::view::cluster::{cluster, Selection};
use crate::view::controls::{controls, ControlsProps};
use crate::view::experiment::ExperimentPanel;
use crate::view::terminal::Terminal;
use goals::Check;
use ha_stage::ha_stage;
use quorum_course::lesson::{Goal, Lesson, Step, GOALS};
use quorum_course::View;
use run::{Run, RunAction, StudentAction};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LessonsPageProps {
    pub lang: Lang,
}

/// Narration with `code` between backticks.
fn rich(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| if i % 2 == 1 {
            html! { <code>{ part }</code> }
        } else {
            html! { { part } }
        }) }
    }
}

/// The goal as written in lesson files (`committed color`) and its meaning.
fn goal_words(goal: &Goal) -> (String, Option<&'static quorum_course::Text>) {
    let word = goal.word();
    let meaning = GOALS.iter().find(|w| w.word == word).map(|w| &w.meaning);
    (goal.line(), meaning)
}

/// A callback that turns its input into a `RunAction` for the player's reducer.
fn on<IN: 'static>(
    d: &UseReducerDispatcher<Run>,
    f: impl Fn(IN) -> RunAction + 'static,
) -> Callback<IN> {
    let d = d.clone();
    Callback::from(move |input: IN| d.dispatch(f(input)))
}

fn view_label(view: View, lang: Lang) -> String {
    say(&view.label(), lang)
}

#[component]
pub fn LessonsPage(props: &LessonsPageProps) -> Html {
    let lang = props.lang;
    let params = use_memo((), |_| Params::from_location());
    let chrome = use_memo((), {
        let params = params.clone();
        move |_| Chrome::from_params(&params)
    });
    let run = use_reducer({
        let params = params.clone();
        move || Run::new(&params)
    });
    {
        let params = params.clone();
        use_effect_with((), move |_| embed::apply_document(&params));
    }
    use_effect_with(lang, |lang| params::remember_lang(*lang));
    let dispatcher = run.dispatcher();
    {
        // Commands from the parent page, validated in `embed`; restarted when the lesson
        // (and so the number of steps) changes.
        let d = dispatcher.clone();
        let key = (run.lesson.as_ref().map(|l| l.id.clone()), run.steps());
        use_effect_with(key, move |(_, steps)| {
            let on_command = Callback::from(move |c: HostCommand| {
                d.dispatch(match c {
                    HostCommand::GotoStep(s) => RunAction::Goto(s),
                    HostCommand::Run => RunAction::SetPlaying(true),
                    HostCommand::Pause => RunAction::SetPlaying(false),
                    HostCommand::Reset => RunAction::Reset,
                })
            });
            let listener = HostListener::start(*steps, on_command);
            move || drop(listener)
        });
    }
    let on_frame = {
        let d = dispatcher.clone();
        use_callback((), move |ms: f64, _| d.dispatch(RunAction::Frame(ms)))
    };
    let notice = run.notice.as_ref().map(|n| {
        let d = dispatcher.clone();
        let dismiss = Callback::from(move |_: MouseEvent| d.dispatch(RunAction::Notice(None)));
        html! {
            <p class={classes!("notice", n.error.then_some("error"))} role="status" data-notice={if n.error {"error"} else {"info"}}>
                { tr_owned(lang, &n.en, &n.ko) }
                <button class="small" onclick={dismiss}>{ tr(lang, "Dismiss", "닫기") }</button>
            </p>
        }
    });
    let body = match run.lesson.clone() {
        None => {
            let on_open = on(&dispatcher, RunAction::Open);
            let on_custom = on(&dispatcher, RunAction::OpenCustom);
            lesson_list(lang, &run.lessons, &run.progress, &on_open, on_custom)
        }
        Some(lesson) => player(&run, &lesson, lang, &chrome, &dispatcher),
    };
    html! {
        <main class="lessons-page" data-lesson={run.lesson.as_ref().map(|l| l.id.clone()).unwrap_or_default()}
              data-step={if run.lesson.is_some() { (run.step + 1).to_string() } else { String::new() }}
              data-embed={chrome.embed.to_string()}>
            <Clock running={run.playing && !run.awaiting() && run.lesson.is_some() && !matches!(run.shown, View::Chooser | View::Experiment)} {on_frame} />
            { for notice }
            { body }
        </main>
    }
}

fn tr_owned(lang: Lang, en: &str, ko: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Ko => ko.to_string(),
    }
}

/// The bundled lessons as cards with the student's progress, and the custom-lesson loader.
fn lesson_list(
    lang: Lang,
    lessons: &[run::Entry],
    progress: &progress::Progress,
    on_open: &Callback<usize>,
    on_custom: Callback<Rc<Lesson>>,
) -> Html {
    html! {
        <section class="panel lesson-list">
            <h2>{ tr(lang, "Lessons", "수업") }</h2>
            <ol class="lesson-cards">
                { for lessons.iter().enumerate().map(|(i, entry)| match entry {
                    Ok(lesson) => {
                        let done = progress.of(&lesson.id).done.len();
                        let onclick = on_open.reform(move |_: MouseEvent| i);
                        html! {
                            <li class="lesson-card" data-lesson-card={lesson.id.clone()}>
                                <h3>{ say(&lesson.title, lang) }</h3>
                                if let Some(section) = lesson.section {
                                    <p class="muted">{ say(&section.label(), lang) }</p>
                                }
                                if let Some(summary) = &lesson.summary {
                                    <p>{ rich(&say(summary, lang)) }</p>
                                }
                                <p class="muted" data-done={done.to_string()}>{ match lang {
                                    Lang::En => format!("{done} of {} steps done", lesson.steps.len()),
                                    Lang::Ko => format!("{}단계 중 {done}단계 완료", lesson.steps.len()),
                                } }</p>
                                <button data-action="open-lesson" data-lesson={lesson.id.clone()} {onclick}>
                                    { tr(lang, "Open", "열기") }
                                </button>
                            </li>
                        }
                    }
                    Err(message) => html! {
                        <li class="lesson-card broken" role="alert">
                            <p class="error">{ say(message, lang) }</p>
                        </li>
                    },
                }) }
            </ol>
            <tools::CustomLesson {lang} on_open={on_custom} />
        </section>
    }
}

fn player(
    run: &Run,
    lesson: &Rc<Lesson>,
    lang: Lang,
    chrome: &Chrome,
    d: &UseReducerDispatcher<Run>,
) -> Html {
    let Some(step) = lesson.steps.get(run.step) else {
        return html! {};
    };
    let done_steps = if run.bundled {
        run.progress.of(&lesson.id).done
    } else {
        Default::default()
    };
    let steps_locked = chrome.locked("steps");
    let nav = lesson.steps.iter().enumerate().map(|(i, s)| {
        let onclick = on(d, move |_: MouseEvent| RunAction::Goto(i));
        let current = i == run.step;
        html! {
            <li>
                <button class={classes!("step-link", current.then_some("current"))} data-goto-step={(i + 1).to_string()}
                        data-step-done={done_steps.contains(&i).to_string()} disabled={steps_locked}
                        aria-current={if current { "step" } else { "false" }} {onclick}>
                    { format!("{}. {}", i + 1, say(&s.title, lang)) }
                    if done_steps.contains(&i) { <span class="tick" aria-label={tr(lang, "done", "완료")}>{ " ✓" }</span> }
                </button>
            </li>
        }
    });
    let back = on(d, |_: MouseEvent| RunAction::Back);
    let next = on(d, |_: MouseEvent| RunAction::Next);
    let close = on(d, |_: MouseEvent| RunAction::Close);
    html! {
        <div class="player">
            <nav class="panel lesson-nav" aria-label={tr(lang, "Lesson steps", "수업 단계")}>
                if chrome.shows("lessons") {
                    <button class="small" data-action="all-lessons" onclick={close}>{ tr(lang, "← All lessons", "← 모든 수업") }</button>
                }
                <h2>{ say(&lesson.title, lang) }</h2>
                if chrome.shows("steps") {
                    <ol class="step-list">{ for nav }</ol>
                }
            </nav>
            <article class="panel step" aria-labelledby="step-title">
                <p class="muted">{ match lang {
                    Lang::En => format!("Step {} of {}", run.step + 1, lesson.steps.len()),
                    Lang::Ko => format!("{}단계 / 전체 {}단계", run.step + 1, lesson.steps.len()),
                } }</p>
                <h2 id="step-title">{ say(&step.title, lang) }</h2>
                { for step.say.iter().map(|p| html! { <p class="say">{ rich(&say(p, lang)) }</p> }) }
                { predict_block(run, step, lang, chrome, d) }
                { task_block(run, step, lang) }
                if !run.skipped.is_empty() {
                    <details class="skipped">
                        <summary>{ tr(lang, "Not simulated in the lesson player yet", "수업 플레이어에서 아직 시뮬레이션하지 않는 것") }</summary>
                        <ul>{ for run.skipped.iter().map(|w| html! { <li><code>{ w }</code></li> }) }</ul>
                    </details>
                }
                if chrome.shows("steps") {
                    <div class="row step-buttons">
                        <button data-action="step-back" onclick={back} disabled={run.step == 0 || steps_locked}>{ tr(lang, "← Back", "← 이전") }</button>
                        <button data-action="step-next" onclick={next} disabled={run.step + 1 >= lesson.steps.len() || steps_locked}>{ tr(lang, "Next →", "다음 →") }</button>
                    </div>
                }
            </article>
            { stage_panel(run, lang, chrome, d) }
            if run.bundled && (chrome.shows("snippet") || chrome.shows("export")) {
                <tools::RunTools {lang} lesson={lesson.id.clone()} step={run.step + 1}
                    title={say(&lesson.title, lang)} show_snippet={chrome.shows("snippet")}
                    show_export={chrome.shows("export")} export={Rc::new(run.export())}
                    lessons={run.lessons.clone()} on_import={on(d, |r| RunAction::Import(Box::new(r)))} />
            }
        </div>
    }
}

fn predict_block(
    run: &Run,
    step: &Step,
    lang: Lang,
    chrome: &Chrome,
    d: &UseReducerDispatcher<Run>,
) -> Html {
    let Some(predict) = &step.predict else {
        return html! {};
    };
    let locked = chrome.locked("predict");
    let answered = run.answer;
    html! {
        <section class="predict" data-answered={answered.is_some().to_string()} aria-live="polite">
            <h3>{ tr(lang, "Predict what happens next", "다음에 무슨 일이 일어날지 예측해 보세요") }</h3>
            <p>{ rich(&say(&predict.question, lang)) }</p>
            <div class="choices" role="group" aria-label={tr(lang, "Your prediction", "나의 예측")}>
                { for predict.choices.iter().enumerate().map(|(i, c)| {
                    let onclick = on(d, move |_: MouseEvent| RunAction::Answer(i));
                    let class = match answered {
                        Some(_) if i == predict.answer => Some("right"),
                        Some(a) if a == i => Some("wrong"),
                        _ => None,
                    };
                    html! {
                        <button class={classes!("choice", class)} data-choice={(i + 1).to_string()}
                                aria-pressed={(answered == Some(i)).to_string()}
                                disabled={answered.is_some() || locked} {onclick}>
                            { rich(&say(c, lang)) }
                        </button>
                    }
                }) }
            </div>
            if let Some(a) = answered {
                <p class={if a == predict.answer { "verdict-right" } else { "verdict-wrong" }}>
                    { if a == predict.answer { tr(lang, "Right.", "맞았습니다.") } else { tr(lang, "Not quite.", "아쉽지만 틀렸습니다.") } }
                    { " " }
                    { predict.explain.as_ref().map(|e| rich(&say(e, lang))).unwrap_or_default() }
                </p>
            } else {
                <p class="hint">{ tr(lang, "The simulation waits for your answer.", "답을 고를 때까지 시뮬레이션이 기다립니다.") }</p>
            }
        </section>
    }
}

fn task_block(run: &Run, step: &Step, lang: Lang) -> Html {
    let Some(task) = &step.task else {
        return html! {};
    };
    html! {
        <section class="task" data-task-done={run.done.to_string()} aria-live="polite">
            <h3>{ tr(lang, "Your task", "과제") }</h3>
            <p>{ rich(&say(&task.text, lang)) }</p>
            <ul class="goals">
                { for task.goals.iter().zip(run.checks.iter()).map(|(g, c)| {
                    let (words, meaning) = goal_words(g);
                    let (state, mark) = match c {
                        Check::Met => ("met", "✓"),
                        Check::NotYet => ("pending", "○"),
                        Check::Unchecked(_) => ("unchecked", "?"),
                    };
                    html! {
                        <li class={classes!("goal", state)} data-goal={words.clone()} data-met={(*c == Check::Met).to_string()}>
                            <span class="goal-mark" aria-hidden="true">{ mark }</span>
                            <code>{ words }</code>
                            { " " }
                            { meaning.map(|m| say(m, lang)).unwrap_or_default() }
                            if let Check::Unchecked(view) = c {
                                <span class="muted">{ match lang {
                                    Lang::En => format!(" (checked in the {} view, which lessons cannot drive yet)", view_label(*view, lang)),
                                    Lang::Ko => format!(" ({} 화면에서 확인하는 항목으로, 수업에서는 아직 연결되지 않았습니다)", view_label(*view, lang)),
                                } }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
            if let Some(hint) = &step.hint {
                <details class="hint-box"><summary>{ tr(lang, "Hint", "힌트") }</summary><p>{ rich(&say(hint, lang)) }</p></details>
            }
            if run.done {
                <p class="done-banner" role="status">{ tr(lang, "Task done. Well done!", "과제를 완료했습니다. 잘했어요!") }</p>
            }
        </section>
    }
}

fn stage_panel(run: &Run, lang: Lang, chrome: &Chrome, d: &UseReducerDispatcher<Run>) -> Html {
    if run.shown == View::Chooser {
        let on_event = on(d, RunAction::Chooser);
        return html! {
            <section class="stage stage-chooser" aria-label={view_label(View::Chooser, lang)}>
                <ChooserPage key={run.generation.to_string()} {lang} preset={run.chooser} on_event={Some(on_event)} />
            </section>
        };
    }
    if run.shown == View::Experiment {
        return experiment_stage(run, lang, d);
    }
    if let Some(view) = &run.ha_view {
        return ha_panel(run, view.clone(), lang, chrome, d);
    }
    let elsewhere = run.shown == View::Quorum;
    let opened = {
        let view = run.shown;
        on(d, move |_: MouseEvent| RunAction::Opened(view))
    };
    let leader = run.view.leaders().next().map(|n| n.id);
    html! {
        <section class="panel stage" aria-label={tr(lang, "The lesson's simulated cluster", "수업의 시뮬레이션 클러스터")}>
            if elsewhere {
                <p class="hint stage-note">
                    { match (run.shown, lang) {
                        (View::Quorum, Lang::En) => "These members are the lesson's own Raft cluster; the quorum explorer shows the same arithmetic as a table.".to_string(),
                        (View::Quorum, Lang::Ko) => "이 멤버들은 수업 전용 Raft 클러스터입니다. 쿼럼 탐색기는 같은 계산을 표로 보여 줍니다.".to_string(),
                        (v, Lang::En) => format!("This step belongs to the {} view; the lesson player shows its etcd cluster.", view_label(v, lang)),
                        (v, Lang::Ko) => format!("이 단계는 {} 화면의 내용입니다. 수업 플레이어는 etcd 클러스터를 보여 줍니다.", view_label(v, lang)),
                    } }
                    { " " }
                    <a href={format!("?view={}&lang={}", run.shown.name(), lang.code())} target="_blank" rel="noopener"
                       data-action="open-view" onclick={opened}>
                        { match lang {
                            Lang::En => format!("Open the {} in a new tab", view_label(run.shown, lang)),
                            Lang::Ko => format!("새 탭에서 {} 열기", view_label(run.shown, lang)),
                        } }
                    </a>
                </p>
            }
            if chrome.shows("play") {
                { play_controls(lang, run, run.playing && !run.awaiting(), run.view.time_us, chrome, d) }
            }
            { cluster(lang, &run.view, &Selection::default()) }
            <p class="status" aria-live="polite" data-leader={leader.map(|l| l.to_string()).unwrap_or_default()}
               data-quorum-lost={run.quorum_lost.to_string()}>
                { match leader {
                    Some(id) => format!("{}: S{id}", tr(lang, "Leader", "리더")),
                    None => tr(lang, "No leader", "리더 없음").to_string(),
                } }
            </p>
            { world_controls(run, lang, chrome, d) }
            if run.shown == View::Terminal {
                <Terminal {lang} lines={run.screen.lines.clone()} prompt={run.screen.prompt.clone()}
                          history={run.screen.history.clone()} hint={run.terminal_hint(lang)}
                          on_line={on(d, RunAction::Terminal)}
                          on_interrupt={on(d, |_: ()| RunAction::Interrupt)} />
            }
        </section>
    }
}

/// The player's play/pause and speed (no time travel); the embedding page may lock them.
fn play_controls(
    lang: Lang,
    run: &Run,
    playing: bool,
    time_us: u64,
    chrome: &Chrome,
    d: &UseReducerDispatcher<Run>,
) -> Html {
    let on_toggle = if chrome.locked("play") {
        Callback::noop()
    } else {
        on(d, |_| RunAction::TogglePlay)
    };
    let on_speed = if chrome.locked("speed") {
        Callback::noop()
    } else {
        on(d, RunAction::SetSpeed)
    };
    controls(&ControlsProps {
        lang,
        playing,
        speed_log2: run.speed_log2,
        time_us,
        horizon_us: 0,
        events: 0,
        on_toggle,
        on_speed,
        on_step: None,
        on_seek: None,
        on_reset: None,
    })
}

/// An HA step: the control-plane model with the lesson's play controls.
fn ha_panel(
    run: &Run,
    view: Rc<quorum_k8s::cluster::ClusterView>,
    lang: Lang,
    chrome: &Chrome,
    d: &UseReducerDispatcher<Run>,
) -> Html {
    let waiting = run.awaiting();
    let on_toggle = if waiting {
        Callback::noop()
    } else {
        on(d, |f| RunAction::Act(StudentAction::HaToggle(f)))
    };
    html! {
        <section class="panel stage stage-ha" aria-label={view_label(View::Ha, lang)}>
            if chrome.shows("play") {
                { play_controls(lang, run, run.playing && !waiting, view.now_us, chrome, d) }
            }
            { ha_stage(lang, &view, &run.ha_screen, &on_toggle, &on(d, RunAction::Terminal)) }
        </section>
    }
}

/// The §9.3 experiment panel with the ranges the step's script asked for (run at once), or
/// the panel's own defaults for the student to run.
fn experiment_stage(run: &Run, lang: Lang, d: &UseReducerDispatcher<Run>) -> Html {
    let scripted = !run.experiment.is_empty();
    let ranges: Vec<(u64, u64)> = run.experiment.iter().map(|&(lo, hi, _)| (lo, hi)).collect();
    let trials = run
        .experiment
        .iter()
        .map(|&(_, _, n)| n)
        .max()
        .unwrap_or(200);
    let seed = run
        .lesson
        .as_ref()
        .map_or(1, |l| l.settings_at(run.step).seed);
    // A new key when the script adds ranges (a reveal), so the panel starts over with them.
    let key = format!("{}-{}", run.generation, run.experiment.len());
    let on_range_done = on(d, RunAction::ExperimentRanges);
    html! {
        <section class="panel stage stage-experiment" aria-label={view_label(View::Experiment, lang)}>
            if scripted {
                <ExperimentPanel {key} {lang} initial_ranges={ranges} {trials} {seed} autorun={!run.awaiting()} {on_range_done} />
            } else {
                <ExperimentPanel {key} {lang} {seed} {on_range_done} />
            }
        </section>
    }
}

fn input_value(id: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|doc| doc.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn world_controls(run: &Run, lang: Lang, chrome: &Chrome, d: &UseReducerDispatcher<Run>) -> Html {
    let waiting = run.awaiting();
    let nodes = chrome.shows("nodes").then(|| {
        let locked = chrome.locked("nodes") || waiting;
        html! {
            <div class="row node-buttons" role="group" aria-label={tr(lang, "Servers", "서버")}>
                { for run.view.nodes.iter().map(|n| {
                    let id = n.id;
                    let stopped = n.role == crate::model::Role::Stopped;
                    let toggle = on(d, move |_: MouseEvent| RunAction::Act(StudentAction::Toggle(id)));
                    let isolate = on(d, move |_: MouseEvent| RunAction::Act(StudentAction::Isolate(id)));
                    html! {
                        <span class="node-control">
                            <button class="small" data-action={if stopped { "restart" } else { "stop" }} data-node-id={id.to_string()}
                                    disabled={locked} onclick={toggle}>
                                { match (stopped, lang) {
                                    (false, Lang::En) => format!("Stop S{id}"),
                                    (false, Lang::Ko) => format!("S{id} 중지"),
                                    (true, Lang::En) => format!("Restart S{id}"),
                                    (true, Lang::Ko) => format!("S{id} 재시작"),
                                } }
                            </button>
                            if chrome.shows("network") && !stopped {
                                <button class="small" data-action="isolate" data-node-id={id.to_string()}
                                        disabled={locked || chrome.locked("network")} onclick={isolate}>
                                    { match lang { Lang::En => format!("Isolate S{id}"), Lang::Ko => format!("S{id} 격리") } }
                                </button>
                            }
                        </span>
                    }
                }) }
            </div>
        }
    });
    let network = chrome.shows("network").then(|| {
        let heal = on(d, |_: MouseEvent| RunAction::Act(StudentAction::Heal));
        let add = on(d, |_: MouseEvent| RunAction::Act(StudentAction::AddServer));
        let locked = chrome.locked("network") || waiting;
        html! {
            <div class="row">
                <button class="small" data-action="heal" disabled={locked} onclick={heal}>{ tr(lang, "Heal the network", "네트워크 복구") }</button>
                <button class="small" data-action="add-server" disabled={locked || run.view.nodes.len() >= 9} onclick={add}>{ tr(lang, "Add a server", "서버 추가") }</button>
            </div>
        }
    });
    let write = chrome.shows("write").then(|| {
        let locked = chrome.locked("write") || waiting;
        let onsubmit = on(d, |e: SubmitEvent| {
            e.prevent_default();
            let key = input_value("lesson-write-key").trim().to_string();
            let value = input_value("lesson-write-value");
            let key = if key.is_empty() { "key".to_string() } else { key };
            RunAction::Act(StudentAction::Write { key, value })
        });
        html! {
            <form class="row write-form" {onsubmit}>
                <label class="field">{ tr(lang, "Key", "키") }
                    <input id="lesson-write-key" type="text" size="10" maxlength="64" value="color" disabled={locked} />
                </label>
                <label class="field">{ tr(lang, "Value", "값") }
                    <input id="lesson-write-value" type="text" size="10" maxlength="64" value="blue" disabled={locked} />
                </label>
                <button type="submit" data-action="write" disabled={locked}>{ tr(lang, "Write through the leader", "리더를 통해 쓰기") }</button>
            </form>
        }
    });
    html! { <>{ for nodes }{ for network }{ for write }</> }
}
