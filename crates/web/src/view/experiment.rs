//! The paper's §9.3 election experiment (Figure 16) run in the page. The student picks
//! election-timeout ranges (the paper's presets or a custom one), a number of trials and a
//! seed; the trials run a few at a time on the page's one timer (`clock::Clock`), at most
//! ~8 ms per animation frame so the page never freezes, and nothing is scheduled when idle,
//! cancelled or hidden. Each range's report is the simulator's own (`quorum_sim::election`),
//! equal to what `quorum experiment election --timeout MIN-MAX --trials N --seed S --json`
//! prints. `ExperimentPanel` is the reusable part (the lesson player embeds it);
//! `experiment_page` is the tab.

mod form;
mod job;
mod plot;
mod table;

pub use form::{BOTTOM_GRAPH, TOP_GRAPH};
/// For the benchmark hooks (`testhooks.rs`): the whole job at once, timed there.
#[allow(unused_imports)]
pub use job::run_blocking;
pub use job::{ElectionReport, Job, JobError};

use crate::clock::Clock;
use crate::i18n::{tr, Lang};
use form::{
    input_error, is_preset, parse_range, parse_seed, parse_trials, range_key, range_label,
    InputError,
};
use std::cell::Cell;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Wall-clock milliseconds of trials per animation frame (half a 60 Hz frame).
const FRAME_BUDGET_MS: f64 = 8.0;
/// Simulator events between two looks at the clock: about 3 ms in Chromium (≈360k events/s),
/// so even a trial that runs 10 simulated seconds without a leader never holds a frame.
const SLICE_EVENTS: u64 = 1_000;

fn default_ranges() -> Vec<(u64, u64)> {
    BOTTOM_GRAPH.to_vec()
}

/// The props of the reusable experiment panel.
#[derive(Properties, PartialEq, Clone)]
pub struct ExperimentPanelProps {
    /// Language of every label and message.
    pub lang: Lang,
    /// Election-timeout ranges `(min, max)` in microseconds selected at first (the page's
    /// default: the paper's bottom graph). Presets are ticked; others show as custom ranges.
    #[prop_or_else(default_ranges)]
    pub initial_ranges: Vec<(u64, u64)>,
    /// Trials per range at first (1..=`MAX_TRIALS`; the student may change it).
    #[prop_or(200)]
    pub trials: u32,
    /// Base seed at first; trial `i` of every range uses `election::trial_seed(seed, i)`.
    #[prop_or(1)]
    pub seed: u64,
    /// Start running as soon as the panel appears (and again whenever the four props above
    /// change); otherwise the student presses Run.
    #[prop_or(false)]
    pub autorun: bool,
    /// Called each time a range finishes, with the number of ranges finished so far in this
    /// run (1, 2, …, ranges); a lesson can check its goal when it reaches the count it asked for.
    #[prop_or_default]
    pub on_range_done: Callback<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Idle,
    Running,
    Done,
    Cancelled,
}

impl Status {
    fn code(self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Running => "running",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }
}

/// Why Run refused, with the range at fault when the simulator named one.
type StartError = Option<(Option<(u64, u64)>, InputError)>;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A prefix for element ids, unique per panel so two panels on one page do not collide.
fn next_id() -> String {
    NEXT_ID.with(|n| {
        n.set(n.get().wrapping_add(1));
        format!("exp{}", n.get())
    })
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

#[component]
pub fn ExperimentPanel(props: &ExperimentPanelProps) -> Html {
    let lang = props.lang;
    let id = use_state(next_id);
    let selected = use_state(|| props.initial_ranges.clone());
    let trials_text = use_state(|| props.trials.to_string());
    let seed_text = use_state(|| props.seed.to_string());
    let custom = use_state(|| ("100".to_string(), "150".to_string()));
    let custom_error = use_state(|| None::<InputError>);
    let start_error = use_state(|| None as StartError);
    let log_axis = use_state(|| None::<bool>);
    let status = use_state(|| Status::Idle);
    let job = use_mut_ref(|| None::<Job>);
    // Trials run and wall-clock ms spent on them, for the trials-per-second figure.
    let rate = use_mut_ref(|| (0u64, 0f64));
    // The latest callback: the clock keeps the frame callback it started with.
    let on_done = use_mut_ref(Callback::<usize>::noop);
    *on_done.borrow_mut() = props.on_range_done.clone();
    let redraw = use_force_update();

    let start = {
        let (job, rate, status, start_error) = (
            job.clone(),
            rate.clone(),
            status.clone(),
            start_error.clone(),
        );
        Callback::from(move |(ranges, trials, seed): (Vec<(u64, u64)>, u32, u64)| {
            match Job::new(&ranges, trials, seed) {
                Ok(j) => {
                    *job.borrow_mut() = Some(j);
                    *rate.borrow_mut() = (0, 0.0);
                    start_error.set(None);
                    status.set(Status::Running);
                }
                Err(e) => {
                    let at = match &e {
                        JobError::Range { range, .. } => ranges.get(*range).copied(),
                        _ => None,
                    };
                    start_error.set(Some((at, InputError::Job(e))));
                }
            }
        })
    };

    {
        let (selected, trials_text, seed_text, start, job, status) = (
            selected.clone(),
            trials_text.clone(),
            seed_text.clone(),
            start.clone(),
            job.clone(),
            status.clone(),
        );
        let deps = (
            props.initial_ranges.clone(),
            props.trials,
            props.seed,
            props.autorun,
        );
        use_effect_with(deps, move |(ranges, trials, seed, autorun)| {
            selected.set(ranges.clone());
            trials_text.set(trials.to_string());
            seed_text.set(seed.to_string());
            if *autorun {
                start.emit((ranges.clone(), *trials, *seed));
            } else {
                *job.borrow_mut() = None;
                status.set(Status::Idle);
            }
        });
    }

    let on_frame = {
        let (job, rate, status, on_done, redraw) = (
            job.clone(),
            rate.clone(),
            status.clone(),
            on_done.clone(),
            redraw.clone(),
        );
        Callback::from(move |_elapsed: f64| {
            let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
                return;
            };
            let t0 = perf.now();
            let mut finished_ranges = Vec::new();
            let (done, ran) = {
                let mut slot = job.borrow_mut();
                let Some(j) = slot.as_mut() else {
                    status.set(Status::Idle);
                    return;
                };
                let mut ran = 0u64;
                while !j.finished() {
                    if let Some(range_done) = j.step_events(SLICE_EVENTS) {
                        ran += 1;
                        if range_done {
                            finished_ranges.push(j.reports().len());
                        }
                    }
                    if perf.now() - t0 >= FRAME_BUDGET_MS {
                        break;
                    }
                }
                (j.finished(), ran)
            };
            {
                let mut r = rate.borrow_mut();
                r.0 += ran;
                r.1 += perf.now() - t0;
            }
            let callback = on_done.borrow().clone();
            for n in finished_ranges {
                callback.emit(n);
            }
            if done {
                status.set(Status::Done);
            }
            redraw.force_update();
        })
    };

    let running = *status == Status::Running;
    let on_submit = {
        let (selected, trials_text, seed_text, start, start_error) = (
            selected.clone(),
            trials_text.clone(),
            seed_text.clone(),
            start.clone(),
            start_error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let parsed = parse_trials(&trials_text).and_then(|t| Ok((t, parse_seed(&seed_text)?)));
            match parsed {
                Ok((trials, seed)) => start.emit(((*selected).clone(), trials, seed)),
                Err(err) => start_error.set(Some((None, err))),
            }
        })
    };
    let on_cancel = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| status.set(Status::Cancelled))
    };

    let toggle = |range: (u64, u64)| {
        let selected = selected.clone();
        Callback::from(move |_: Event| {
            let mut next = (*selected).clone();
            if let Some(i) = next.iter().position(|r| *r == range) {
                next.remove(i);
            } else {
                next.push(range);
            }
            selected.set(next);
        })
    };
    let check = |range: (u64, u64)| {
        html! {
            <label class="exp-check">
                <input type="checkbox" data-range={range_key(range)} checked={selected.contains(&range)}
                    disabled={running} onchange={toggle(range)} />
                { range_label(range) }
            </label>
        }
    };
    let choose = |group: Vec<(u64, u64)>| {
        let selected = selected.clone();
        Callback::from(move |_: MouseEvent| selected.set(group.clone()))
    };
    let preset_group = |class: &'static str, legend: &'static str, group: &[(u64, u64)]| {
        html! {
            <fieldset class={classes!("exp-group", class)}>
                <legend>{ legend }</legend>
                <div class="exp-checks">{ for group.iter().map(|&r| check(r)) }</div>
                <button type="button" class="exp-choose" disabled={running} onclick={choose(group.to_vec())}>
                    { tr(lang, "Choose only these", "이것만 고르기") }
                </button>
            </fieldset>
        }
    };

    let add_custom = {
        let (selected, custom, custom_error) =
            (selected.clone(), custom.clone(), custom_error.clone());
        move || match parse_range(&custom.0, &custom.1) {
            Ok(range) => {
                custom_error.set(None);
                if !selected.contains(&range) {
                    let mut next = (*selected).clone();
                    next.push(range);
                    selected.set(next);
                }
            }
            Err(e) => custom_error.set(Some(e)),
        }
    };
    let on_add = {
        let add = add_custom.clone();
        Callback::from(move |_: MouseEvent| add())
    };
    let on_custom_key = Callback::from(move |e: KeyboardEvent| {
        // Enter adds the range instead of submitting the form (which would run).
        if e.key() == "Enter" {
            e.prevent_default();
            add_custom();
        }
    });
    let custom_min = {
        let custom = custom.clone();
        Callback::from(move |e: InputEvent| custom.set((input_value(&e), custom.1.clone())))
    };
    let custom_max = {
        let custom = custom.clone();
        Callback::from(move |e: InputEvent| custom.set((custom.0.clone(), input_value(&e))))
    };
    let custom_err_id = format!("{}-custom-error", *id);
    let custom_invalid = custom_error.is_some().then_some("true");
    let custom_ranges: Vec<(u64, u64)> = selected
        .iter()
        .copied()
        .filter(|r| !is_preset(*r))
        .collect();

    let set_text = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(input_value(&e)))
    };
    let start_err_id = format!("{}-start-error", *id);

    let job_ref = job.borrow();
    let ranges: Vec<(u64, u64)> = job_ref
        .as_ref()
        .map(|j| j.ranges().collect())
        .unwrap_or_default();
    let reports: &[ElectionReport] = job_ref.as_ref().map(|j| j.reports()).unwrap_or(&[]);
    // Finished ranges, then the one in progress so its curve grows while it runs.
    let partial = job_ref.as_ref().and_then(|j| j.partial_report());
    let has_partial = partial.is_some();
    let plotted: Vec<ElectionReport> = reports.iter().cloned().chain(partial).collect();
    let log = (*log_axis).unwrap_or_else(|| plotted.iter().any(|r| r.max_ms >= 2_000.0));
    let on_log = {
        let log_axis = log_axis.clone();
        Callback::from(move |e: Event| {
            log_axis.set(Some(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        })
    };
    let (trials_run, ms_spent) = *rate.borrow();
    let per_second = if ms_spent > 0.0 {
        (trials_run as f64 / ms_spent * 1000.0).round()
    } else {
        0.0
    };

    html! {
        <section class="experiment" data-state={status.code()} data-ranges-done={reports.len().to_string()}>
            <Clock {running} {on_frame} />
            <form class="exp-form" onsubmit={on_submit} novalidate=true>
                { preset_group("exp-top", tr(lang, "Figure 16, top graph", "Figure 16, 위쪽 그래프"), &TOP_GRAPH) }
                { preset_group("exp-bottom", tr(lang, "Figure 16, bottom graph", "Figure 16, 아래쪽 그래프"), &BOTTOM_GRAPH) }
                <fieldset class="exp-group exp-custom">
                    <legend>{ tr(lang, "Custom range (ms)", "직접 정한 범위 (ms)") }</legend>
                    <div class="exp-checks">{ for custom_ranges.iter().map(|&r| check(r)) }</div>
                    <div class="exp-row">
                        <label>{ tr(lang, "Minimum", "최소") }
                            <input type="text" inputmode="decimal" class="exp-custom-min" size="6" value={custom.0.clone()}
                                disabled={running} oninput={custom_min} onkeydown={on_custom_key.clone()}
                                aria-invalid={custom_invalid} aria-describedby={custom_err_id.clone()} />
                        </label>
                        <label>{ tr(lang, "Maximum", "최대") }
                            <input type="text" inputmode="decimal" class="exp-custom-max" size="6" value={custom.1.clone()}
                                disabled={running} oninput={custom_max} onkeydown={on_custom_key}
                                aria-invalid={custom_invalid} aria-describedby={custom_err_id.clone()} />
                        </label>
                        <button type="button" class="exp-add" disabled={running} onclick={on_add}>{ tr(lang, "Add range", "범위 추가") }</button>
                    </div>
                    <p id={custom_err_id} class="exp-error" role="alert">
                        { (*custom_error).as_ref().map(|e| input_error(lang, e)).unwrap_or_default() }
                    </p>
                </fieldset>
                <div class="exp-row exp-run">
                    <label>{ tr(lang, "Trials per range", "범위마다 시행 횟수") }
                        <input type="text" inputmode="numeric" class="exp-trials" size="6" value={(*trials_text).clone()}
                            disabled={running} oninput={set_text(&trials_text)} aria-describedby={start_err_id.clone()} />
                    </label>
                    <label>{ tr(lang, "Seed", "시드") }
                        <input type="text" inputmode="numeric" class="exp-seed" size="10" value={(*seed_text).clone()}
                            disabled={running} oninput={set_text(&seed_text)} aria-describedby={start_err_id.clone()} />
                    </label>
                    <button type="submit" class="exp-start" disabled={running}>{ tr(lang, "Run", "실행") }</button>
                    <button type="button" class="exp-cancel" disabled={!running} onclick={on_cancel}>{ tr(lang, "Cancel", "취소") }</button>
                    <button type="button" class="exp-clear" disabled={running} onclick={choose(Vec::new())}>{ tr(lang, "Clear choice", "선택 지우기") }</button>
                </div>
                <p id={start_err_id} class="exp-error" role="alert">
                    { (*start_error).as_ref().map(|(at, e)| match at {
                        Some(r) => format!("{}: {}", range_label(*r), input_error(lang, e)),
                        None => input_error(lang, e),
                    }).unwrap_or_default() }
                </p>
            </form>
            { progress(lang, &id, *status, job_ref.as_ref(), per_second) }
            if !plotted.is_empty() {
                <label class="exp-log">
                    <input type="checkbox" checked={log} onchange={on_log} />
                    { tr(lang, "Logarithmic time axis (as the paper's top graph)", "시간 축을 로그 눈금으로 (논문의 위쪽 그래프처럼)") }
                </label>
                { plot::cdf_plot(lang, &ranges, &plotted, has_partial, log, &id) }
            }
            if !reports.is_empty() {
                { table::results_table(lang, &ranges, reports) }
            }
        </section>
    }
}

fn status_text(lang: Lang, status: Status, finished: usize, ranges: usize) -> String {
    match (status, lang) {
        (Status::Idle, _) => tr(
            lang,
            "Choose timeout ranges and press Run.",
            "타임아웃 범위를 고르고 실행을 누르세요.",
        )
        .into(),
        (Status::Running, Lang::En) => format!("Running: {finished} of {ranges} ranges finished."),
        (Status::Running, Lang::Ko) => format!("실행 중: 범위 {ranges}개 중 {finished}개 끝남."),
        (Status::Done, Lang::En) => format!("Done: {ranges} ranges finished."),
        (Status::Done, Lang::Ko) => format!("완료: 범위 {ranges}개 모두 끝남."),
        (Status::Cancelled, Lang::En) => format!("Cancelled after {finished} of {ranges} ranges."),
        (Status::Cancelled, Lang::Ko) => format!("취소됨: 범위 {ranges}개 중 {finished}개 끝남."),
    }
}

/// The progress bar, trials done per range, and a status line read out when it changes.
fn progress(lang: Lang, id: &str, status: Status, job: Option<&Job>, per_second: f64) -> Html {
    let bar_id = format!("{id}-progress");
    let (done, total) = job.map_or((0, 0), |j| (j.done(), j.total()));
    let finished = job.map_or(0, |j| j.reports().len());
    let ranges = job.map_or(0, |j| j.range_count());
    let per_range = job.into_iter().flat_map(|j| {
        j.ranges().enumerate().map(move |(i, r)| {
            html! { <li data-range={range_key(r)} data-done={j.done_in(i).to_string()}>
                { format!("{}: {} / {}", range_label(r), j.done_in(i), j.trials()) }
            </li> }
        })
    });
    let speed = match lang {
        Lang::En => format!("{per_second} trials per second"),
        Lang::Ko => format!("초당 {per_second}회 시행"),
    };
    html! {
        <div class="exp-progress">
            <p class="exp-status" aria-live="polite">{ status_text(lang, status, finished, ranges) }</p>
            if job.is_some() {
                <div class="exp-row">
                    <label for={bar_id.clone()}>{ tr(lang, "Trials done", "끝난 시행") }</label>
                    <progress id={bar_id} max={total.max(1).to_string()} value={done.to_string()}>
                        { format!("{done} / {total}") }
                    </progress>
                    <span class="exp-count" data-done={done.to_string()} data-total={total.to_string()}>{ format!("{done} / {total}") }</span>
                    <span class="exp-speed" data-per-second={per_second.to_string()}>{ speed }</span>
                </div>
                <ul class="exp-ranges">{ for per_range }</ul>
            }
        </div>
    }
}

/// The tab: what the experiment is and what the paper found, then the panel (which holds
/// the state).
pub fn experiment_page(lang: Lang) -> Html {
    html! {
        <main class="experiment-page">
            <h2>{ tr(lang, "How random should election timeouts be? (Raft paper §9.3)", "선거 타임아웃은 얼마나 무작위여야 할까? (Raft 논문 §9.3)") }</h2>
            <p>{ tr(lang,
                "Five simulated servers with a vote round trip of about 5.5 ms (calibrated so the paper's figures come out; the paper quotes a 15 ms broadcast), followers whose logs differ slightly. The leader sends a heartbeat and crashes at a random moment; each trial measures how long the others go without a leader. Each curve shows, for one range of election timeouts, the fraction of trials that had a new leader within the time on the horizontal axis.",
                "시뮬레이션된 서버 5대(투표 왕복 약 5.5 ms: 논문의 수치가 나오도록 맞춘 값이며, 논문은 브로드캐스트를 15 ms로 적었습니다), 로그 길이가 조금씩 다른 팔로워. 리더가 하트비트를 보낸 뒤 임의의 순간에 멈추고, 시행마다 나머지 서버가 리더 없이 지낸 시간을 잽니다. 곡선 하나는 선거 타임아웃 범위 하나에 대해, 가로축의 시간 안에 새 리더가 생긴 시행의 비율을 보여 줍니다.") }</p>
            <p class="exp-paper">{ tr(lang,
                "The paper measured: with no randomness (150–150 ms) elections took over 10 s because of split votes; 5 ms of randomness gave a median of 287 ms; 50 ms gave a worst case of 513 ms; 12–24 ms gave 35 ms on average (worst 152 ms). It recommends 150–300 ms.",
                "논문의 측정: 무작위성이 없으면(150–150 ms) 표가 갈려 선거가 10초 넘게 걸렸고, 5 ms의 무작위성으로 중앙값 287 ms, 50 ms로 최악 513 ms, 12–24 ms로 평균 35 ms(최악 152 ms)였습니다. 논문은 150–300 ms를 권합니다.") }</p>
            <ExperimentPanel {lang} />
        </main>
    }
}
