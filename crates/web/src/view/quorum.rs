//! The quorum explorer: the sizing table (members / majority / failures tolerated), a
//! cluster of 1–9 members to fail or split in two, and the verdict worded from
//! `quorum_k8s::quorum::analyze`'s structured result. Nothing here does arithmetic on
//! quorums: the table, the verdict and the lessons all come from the model.

use crate::i18n::{tr, Lang};
use crate::narrate::ro;
use quorum_k8s::quorum::{
    analyze, lessons, size_table, Analysis, GroupVerdict, Lesson, NoMajorityReason, Outcome,
    Scenario, MAX_MEMBERS, MIN_MEMBERS,
};
use quorum_raft::lite::LiteSet;
use std::rc::Rc;
use yew::prelude::*;

/// What a click on a member does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Toggle the member between up and failed.
    Fail,
    /// Move the member between side A and side B of a network split.
    Split,
}

/// The explorer's state: a size, failed members and the members on side B of a split
/// (everyone else is on side A; an empty side B means no split).
#[derive(Clone, Debug, PartialEq)]
pub struct Explorer {
    pub members: u8,
    pub mode: Mode,
    pub failed: LiteSet<u8>,
    pub side_b: LiteSet<u8>,
}

pub enum ExplorerAction {
    SetSize(u8),
    SetMode(Mode),
    Click(u8),
    Reset,
    /// Load a lesson's scenario: a size, failed members and side B.
    Load {
        members: u8,
        failed: Vec<u8>,
        side_b: Vec<u8>,
    },
}

impl Default for Explorer {
    fn default() -> Self {
        Explorer {
            members: 5,
            mode: Mode::Fail,
            failed: LiteSet::new(),
            side_b: LiteSet::new(),
        }
    }
}

impl Reducible for Explorer {
    type Action = ExplorerAction;

    fn reduce(self: Rc<Self>, action: ExplorerAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ExplorerAction::SetSize(n) => {
                next.members = n.clamp(MIN_MEMBERS, MAX_MEMBERS);
                next.failed.retain(|&m| m < next.members);
                next.side_b.retain(|&m| m < next.members);
            }
            ExplorerAction::SetMode(mode) => next.mode = mode,
            ExplorerAction::Click(m) if m < next.members => {
                let set = match next.mode {
                    Mode::Fail => &mut next.failed,
                    Mode::Split => &mut next.side_b,
                };
                if !set.remove(&m) {
                    set.insert(m);
                }
            }
            ExplorerAction::Click(_) => {}
            ExplorerAction::Reset => {
                next.failed.clear();
                next.side_b.clear();
            }
            ExplorerAction::Load {
                members,
                failed,
                side_b,
            } => {
                next.members = members.clamp(MIN_MEMBERS, MAX_MEMBERS);
                next.failed = failed.into_iter().filter(|&m| m < next.members).collect();
                next.side_b = side_b.into_iter().filter(|&m| m < next.members).collect();
                next.mode = if next.side_b.is_empty() {
                    Mode::Fail
                } else {
                    Mode::Split
                };
            }
        }
        Rc::new(next)
    }
}

impl Explorer {
    /// The model's scenario: with a split, both sides are listed (A first, then B).
    pub fn scenario(&self) -> Scenario {
        let groups = if self.side_b.is_empty() {
            Vec::new()
        } else {
            let side_a: Vec<u8> = (0..self.members)
                .filter(|m| !self.side_b.contains(m))
                .collect();
            vec![side_a, self.side_b.iter().copied().collect()]
        };
        Scenario {
            members: self.members,
            failed: self.failed.clone(),
            groups,
        }
    }

    fn side_of(&self, m: u8) -> &'static str {
        if self.side_b.contains(&m) {
            "b"
        } else {
            "a"
        }
    }

    /// "A" or "B" for a group of the analysis (a group is side B when its members are).
    fn side_name(&self, group: &GroupVerdict) -> &'static str {
        match group.members.first() {
            Some(m) if self.side_b.contains(m) => "B",
            _ => "A",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct QuorumPageProps {
    pub lang: Lang,
}

#[component]
pub fn QuorumPage(props: &QuorumPageProps) -> Html {
    let lang = props.lang;
    let state = use_reducer(Explorer::default);
    let all_lessons = use_memo((), |_| lessons());
    let analysis = analyze(&state.scenario());
    let dispatch = state.dispatcher();
    let on_action = Callback::from(move |a: ExplorerAction| dispatch.dispatch(a));
    html! {
        <main class="quorum-page" data-page="quorum">
            <section class="panel quorum-table-panel">
                <h2>{ tr(lang, "How many members a majority needs", "과반수에 필요한 멤버 수") }</h2>
                { size_table_html(lang, state.members, &on_action) }
            </section>
            <section class="panel quorum-play">
                <h2>{ tr(lang, "Fail members or split the network", "멤버를 중지하거나 네트워크를 나눠 보세요") }</h2>
                { mode_picker_html(lang, state.mode, &on_action) }
                { members_html(lang, &state, &on_action) }
                { match &analysis {
                    Ok(a) => verdict_html(lang, &state, a),
                    Err(_) => html! { <p class="verdict" data-verdict="error">
                        { tr(lang, "This scenario cannot be analysed.", "이 시나리오는 분석할 수 없습니다.") }</p> },
                } }
            </section>
            <section class="panel quorum-lessons">
                <h2>{ tr(lang, "Why odd sizes", "왜 홀수 크기인가") }</h2>
                { lessons_html(lang, &all_lessons, &on_action) }
            </section>
        </main>
    }
}

/// The model's sizing table; a row's button picks that size.
fn size_table_html(lang: Lang, picked: u8, on_action: &Callback<ExplorerAction>) -> Html {
    let rows = size_table().into_iter().map(|row| {
        let n = row.members;
        let selected = n == picked;
        let onclick = on_action.reform(move |_: MouseEvent| ExplorerAction::SetSize(n));
        let label = format!("{} {n}", tr(lang, "Use a cluster of", "멤버 수를"));
        html! {
            <tr data-members={n.to_string()} class={classes!(selected.then_some("selected"))}
                aria-current={selected.then_some("true")}>
                <td><button type="button" class="size-pick" data-size={n.to_string()}
                    aria-pressed={selected.to_string()} aria-label={label} {onclick}>{ n }</button></td>
                <td data-col="majority">{ row.majority }</td>
                <td data-col="tolerated">{ row.failures_tolerated }</td>
            </tr>
        }
    });
    html! {
        <table class="quorum-table">
            <caption>{ tr(lang, "Pick a size to try it below.", "크기를 고르면 아래에서 시험해 볼 수 있습니다.") }</caption>
            <thead><tr>
                <th scope="col">{ tr(lang, "Members", "멤버") }</th>
                <th scope="col">{ tr(lang, "Majority (quorum)", "과반수(쿼럼)") }</th>
                <th scope="col">{ tr(lang, "Failures tolerated", "견딜 수 있는 장애") }</th>
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// What a click on a member does (fail or split), and a reset button.
fn mode_picker_html(lang: Lang, current: Mode, on_action: &Callback<ExplorerAction>) -> Html {
    let button = |mode: Mode, code: &'static str, text: &'static str| {
        let onclick = on_action.reform(move |_: MouseEvent| ExplorerAction::SetMode(mode));
        html! {
            <button type="button" data-mode={code} aria-pressed={(current == mode).to_string()} {onclick}>
                { text }
            </button>
        }
    };
    let reset = on_action.reform(|_: MouseEvent| ExplorerAction::Reset);
    html! {
        <div class="quorum-modes" role="group" aria-label={tr(lang, "What a click does", "클릭하면 하는 일")}>
            { button(Mode::Fail, "fail", tr(lang, "Click fails / restores a member", "클릭: 멤버 중지 / 복구")) }
            { button(Mode::Split, "split", tr(lang, "Click moves a member to the other side", "클릭: 멤버를 반대편으로 이동")) }
            <button type="button" data-action="reset" onclick={reset}>{ tr(lang, "Reset", "초기화") }</button>
        </div>
    }
}

/// The members as buttons, on one side or, during a split, two.
fn members_html(lang: Lang, s: &Explorer, on_action: &Callback<ExplorerAction>) -> Html {
    let member = |m: u8| {
        let failed = s.failed.contains(&m);
        let side = s.side_of(m);
        let onclick = on_action.reform(move |_: MouseEvent| ExplorerAction::Click(m));
        let state_text = if failed {
            tr(lang, "failed", "중지됨")
        } else {
            tr(lang, "up", "동작 중")
        };
        // The visible text ("m1 up") starts the accessible name; the side is added for
        // screen readers only.
        let side_text = format!(", {} {}", tr(lang, "side", "편"), side.to_ascii_uppercase());
        html! {
            <button type="button" class={classes!("member", failed.then_some("failed"), format!("side-{side}"))}
                data-member={m.to_string()} data-state={if failed { "failed" } else { "up" }}
                data-side={side} {onclick}>
                <span class="member-name">{ format!("m{}", m + 1) }</span>
                <span class="member-state">{ format!(" {state_text}") }</span>
                <span class="sr-note">{ side_text }</span>
            </button>
        }
    };
    let split = !s.side_b.is_empty();
    html! {
        <div class={classes!("quorum-members", split.then_some("split"))}>
            <div class="side side-a" aria-label={tr(lang, "Side A", "A편")} role="group">
                if split { <h3>{ tr(lang, "Side A", "A편") }</h3> }
                { for (0..s.members).filter(|m| !s.side_b.contains(m)).map(member) }
            </div>
            if split {
                <div class="side side-b" aria-label={tr(lang, "Side B", "B편")} role="group">
                    <h3>{ tr(lang, "Side B", "B편") }</h3>
                    { for s.side_b.iter().copied().map(member) }
                </div>
            }
        </div>
    }
}

/// The verdict, with one line per side, all worded from the model's result.
fn verdict_html(lang: Lang, s: &Explorer, a: &Analysis) -> Html {
    let (code, reason_code) = match a.outcome {
        Outcome::Majority { .. } => ("majority", "majority"),
        Outcome::NoMajority(NoMajorityReason::TooManyFailed { .. }) => {
            ("no-majority", "too-many-failed")
        }
        Outcome::NoMajority(NoMajorityReason::SplitLeavesNoMajority { .. }) => {
            ("no-majority", "split")
        }
        Outcome::NoMajority(NoMajorityReason::TooManyFailedAndSplit { .. }) => {
            ("no-majority", "failed-and-split")
        }
    };
    let sides = if a.groups.len() > 1 {
        html! { <ul class="quorum-sides">{ for a.groups.iter().map(|g| side_line(lang, s, a, g)) }</ul> }
    } else {
        html! {}
    };
    html! {
        <div class={classes!("verdict", code)} data-verdict={code} data-reason={reason_code}
             aria-live="polite" role="status">
            <p class="verdict-head"><strong>{ if code == "majority" {
                tr(lang, "A majority remains", "과반수가 남아 있습니다")
            } else {
                tr(lang, "No majority", "과반수가 없습니다")
            } }</strong></p>
            <p class="verdict-why">{ outcome_text(lang, s, a) }</p>
            { sides }
        </div>
    }
}

fn outcome_text(lang: Lang, s: &Explorer, a: &Analysis) -> String {
    match a.outcome {
        Outcome::Majority {
            group,
            alive,
            needed,
        } if a.groups.len() > 1 => {
            let side = a.groups.get(group).map_or("A", |g| s.side_name(g));
            match lang {
                Lang::En => format!("Side {side} has {alive} live members, at least the {needed} a majority of {} needs: it can elect a leader and commit writes. The other side cannot, so there is never a second leader.", a.members),
                Lang::Ko => format!("{side}편에 살아 있는 멤버가 {alive}개로, {}개 중 과반수에 필요한 {needed}개 이상입니다. 이쪽은 리더를 뽑고 쓰기를 커밋할 수 있습니다. 반대편은 그럴 수 없으므로 리더가 둘이 되는 일은 없습니다.", a.members),
            }
        }
        Outcome::Majority { alive, needed, .. } => match lang {
            Lang::En => format!("{alive} of {} members are up and a majority needs {needed}: the cluster can elect a leader and commit writes. It can lose {} more.", a.members, alive.saturating_sub(needed)),
            Lang::Ko => format!("{}개 중 {alive}개가 동작 중이고 과반수는 {needed}개입니다. 클러스터는 리더를 뽑고 쓰기를 커밋할 수 있습니다. {}개를 더 잃어도 됩니다.", a.members, alive.saturating_sub(needed)),
        },
        Outcome::NoMajority(NoMajorityReason::TooManyFailed { alive, needed }) => match lang {
            Lang::En => format!("Only {alive} of {} members are up, and a majority needs {needed}: no leader can be elected, so writes (and linearizable reads) stop until members come back.", a.members),
            Lang::Ko => format!("{}개 중 {alive}개만 동작 중인데 과반수는 {needed}개가 필요합니다. 리더를 뽑을 수 없으므로 멤버가 돌아올 때까지 쓰기(와 선형화 읽기)가 멈춥니다.", a.members),
        },
        Outcome::NoMajority(NoMajorityReason::SplitLeavesNoMajority { alive_total, largest_side, needed }) => match lang {
            Lang::En => format!("{alive_total} members are up, enough in total, but the split leaves at most {largest_side} on one side and a majority needs {needed}: no side can elect a leader."),
            Lang::Ko => format!("동작 중인 멤버는 모두 {alive_total}개로 충분하지만, 분할 때문에 한쪽에 많아야 {largest_side}개뿐이고 과반수는 {needed}개가 필요합니다. 어느 쪽도 리더를 뽑을 수 없습니다."),
        },
        Outcome::NoMajority(NoMajorityReason::TooManyFailedAndSplit { alive_total, needed }) => match lang {
            Lang::En => format!("Only {alive_total} members are up in total and a majority needs {needed}; the split cannot make that better."),
            Lang::Ko => format!("동작 중인 멤버가 모두 합쳐 {alive_total}개뿐인데 과반수는 {needed}개가 필요합니다. 분할은 상황을 더 낫게 만들 수 없습니다."),
        },
    }
}

fn side_line(lang: Lang, s: &Explorer, a: &Analysis, g: &GroupVerdict) -> Html {
    let side = s.side_name(g);
    let alive = g.alive.len();
    let text = match (lang, g.has_majority) {
        (Lang::En, true) => format!(
            "Side {side}: {alive} live of {} members, majority {} reached.",
            g.members.len(),
            a.majority
        ),
        (Lang::En, false) => format!(
            "Side {side}: {alive} live of {} members, {} short of the majority {}.",
            g.members.len(),
            g.short_by,
            a.majority
        ),
        (Lang::Ko, true) => format!(
            "{side}편: 멤버 {}개 중 {alive}개 동작, 과반수 {} 달성.",
            g.members.len(),
            a.majority
        ),
        (Lang::Ko, false) => format!(
            "{side}편: 멤버 {}개 중 {alive}개 동작, 과반수 {}에 {}개 모자람.",
            g.members.len(),
            a.majority,
            g.short_by
        ),
    };
    html! {
        <li data-side={side.to_ascii_lowercase()} data-has-majority={g.has_majority.to_string()}>{ text }</li>
    }
}

/// The lessons the model computes (once, memoized by the page), each with a button that loads
/// its scenario. A plain view: as a component it cost ≈4 KB of wasm glue, and it re-rendered
/// with the page anyway (its callback prop is new on every render).
fn lessons_html(lang: Lang, all: &[Lesson], on_action: &Callback<ExplorerAction>) -> Html {
    // Show the small cases the notes teach; the model computes them for every size.
    let shown = all.iter().filter(|l| match l {
        Lesson::EvenSizeAddsNoTolerance { even, .. } => *even <= 6,
        Lesson::EvenSplitHasNoMajority { members, .. } => *members == 6 || *members == 4,
        Lesson::OddSplitKeepsMajority { members, .. } => *members == 7 || *members == 5,
    });
    let item = |lesson: &Lesson| {
        let (text, load) = lesson_text(lang, lesson);
        let onclick = on_action.reform(move |_: MouseEvent| load());
        html! {
            <li>
                <span>{ text }</span>
                <button type="button" class="try" data-lesson="try" {onclick}>{ tr(lang, "Try it", "해 보기") }</button>
            </li>
        }
    };
    html! { <ul class="lessons">{ for shown.map(item) }</ul> }
}

type LoadFn = Box<dyn Fn() -> ExplorerAction>;

fn lesson_text(lang: Lang, lesson: &Lesson) -> (String, LoadFn) {
    match *lesson {
        Lesson::EvenSizeAddsNoTolerance {
            even,
            odd_below,
            tolerated,
        } => (
            match (lang, tolerated) {
                (Lang::En, 0) => format!("{even} members tolerate no failure at all, like {odd_below}, yet need a larger majority: {even} is no safer than {odd_below}."),
                (Lang::En, 1) => format!("{even} members tolerate 1 failure, no more than {odd_below}, yet need a larger majority: {even} is no safer than {odd_below}."),
                (Lang::En, _) => format!("{even} members tolerate {tolerated} failures, no more than {odd_below}, yet need a larger majority: {even} is no safer than {odd_below}."),
                (Lang::Ko, 0) => format!("멤버 {even}개는 {odd_below}개처럼 장애를 하나도 견디지 못하면서 과반수는 더 큽니다. {even}개는 {odd_below}개보다 안전하지 않습니다."),
                (Lang::Ko, _) => format!("멤버 {even}개는 장애를 {tolerated}개까지 견딥니다. {odd_below}개와 같지만 과반수는 더 큽니다. {even}개는 {odd_below}개보다 안전하지 않습니다."),
            },
            Box::new(move || ExplorerAction::Load {
                members: even,
                failed: (0..=tolerated).collect(),
                side_b: Vec::new(),
            }),
        ),
        Lesson::EvenSplitHasNoMajority { members, half } => (
            match lang {
                Lang::En => format!("Split {members} members {half}/{half}: neither side has a majority, so the whole cluster stops."),
                Lang::Ko => format!("멤버 {members}개를 {} 나누면 어느 쪽도 과반수가 아니어서 클러스터 전체가 멈춥니다.", ro(&format!("{half}/{half}"))),
            },
            Box::new(move || ExplorerAction::Load {
                members,
                failed: Vec::new(),
                side_b: (half..members).collect(),
            }),
        ),
        Lesson::OddSplitKeepsMajority {
            members,
            larger,
            smaller,
        } => (
            match lang {
                Lang::En => format!("Split {members} members {larger}/{smaller}: the side of {larger} keeps a majority and goes on working."),
                Lang::Ko => format!("멤버 {members}개를 {} 나누면 {larger}개 쪽이 과반수를 유지하고 계속 동작합니다.", ro(&format!("{larger}/{smaller}"))),
            },
            Box::new(move || ExplorerAction::Load {
                members,
                failed: Vec::new(),
                side_b: (larger..members).collect(),
            }),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(actions: Vec<ExplorerAction>) -> Explorer {
        let mut s = Rc::new(Explorer::default());
        for a in actions {
            s = s.reduce(a);
        }
        (*s).clone()
    }

    #[test]
    fn clicks_fail_members_and_the_model_decides() {
        let s = run(vec![
            ExplorerAction::SetSize(5),
            ExplorerAction::Click(0),
            ExplorerAction::Click(1),
        ]);
        let a = analyze(&s.scenario()).unwrap();
        assert!(matches!(a.outcome, Outcome::Majority { alive: 3, .. }));
        let s = run(vec![
            ExplorerAction::Click(0),
            ExplorerAction::Click(1),
            ExplorerAction::Click(2),
        ]);
        let a = analyze(&s.scenario()).unwrap();
        assert!(matches!(
            a.outcome,
            Outcome::NoMajority(NoMajorityReason::TooManyFailed {
                alive: 2,
                needed: 3
            })
        ));
    }

    #[test]
    fn a_split_lists_both_sides_and_shrinking_drops_members() {
        let s = run(vec![
            ExplorerAction::SetSize(6),
            ExplorerAction::SetMode(Mode::Split),
            ExplorerAction::Click(3),
            ExplorerAction::Click(4),
            ExplorerAction::Click(5),
        ]);
        assert_eq!(s.scenario().groups, vec![vec![0, 1, 2], vec![3, 4, 5]]);
        let a = analyze(&s.scenario()).unwrap();
        assert!(matches!(
            a.outcome,
            Outcome::NoMajority(NoMajorityReason::SplitLeavesNoMajority { .. })
        ));
        assert_eq!(s.side_name(&a.groups[1]), "B");
        let smaller = run(vec![
            ExplorerAction::SetMode(Mode::Split),
            ExplorerAction::Click(4),
            ExplorerAction::SetSize(3),
            ExplorerAction::Click(7),
        ]);
        assert!(smaller.side_b.is_empty() && smaller.failed.is_empty());
        assert_eq!(smaller.scenario().groups, Vec::<Vec<u8>>::new());
    }

    #[test]
    fn every_lesson_loads_a_scenario_that_shows_it() {
        for lesson in lessons() {
            let (_, load) = lesson_text(Lang::En, &lesson);
            let s = run(vec![load()]);
            let a = analyze(&s.scenario()).unwrap();
            let majority = matches!(a.outcome, Outcome::Majority { .. });
            match lesson {
                Lesson::OddSplitKeepsMajority { .. } => assert!(majority, "{lesson:?}"),
                _ => assert!(!majority, "{lesson:?}"),
            }
        }
    }
}
