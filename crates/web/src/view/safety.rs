//! The live state of the safety properties: the five of the paper's Figure 3 always in
//! view, the extra monitors in a collapsible list (opened by itself when one is broken).
//! A broken property shows what went wrong and a button that jumps to the event.

use crate::i18n::{tr, Lang};
use crate::model::{SafetyView, WitnessOpView};
use crate::narrate::{property_name, property_rule, violation_text};
use quorum_sim::lincheck::{Input, Output};
use quorum_sim::Property;
use yew::prelude::*;

/// The properties of Figure 3 of the Raft paper.
pub const FIGURE3: [Property; 5] = [
    Property::ElectionSafety,
    Property::LeaderAppendOnly,
    Property::LogMatching,
    Property::LeaderCompleteness,
    Property::StateMachineSafety,
];

/// Splits the rows into Figure 3's (in the paper's order) and the extras (in given order).
pub fn split(safety: &[SafetyView]) -> (Vec<&SafetyView>, Vec<&SafetyView>) {
    let figure3 = FIGURE3
        .iter()
        .filter_map(|p| safety.iter().find(|s| s.property == *p))
        .collect();
    let extras = safety
        .iter()
        .filter(|s| !FIGURE3.contains(&s.property))
        .collect();
    (figure3, extras)
}

fn broken(rows: &[&SafetyView]) -> usize {
    rows.iter().filter(|s| s.violation.is_some()).count()
}

/// The summary line above the list.
pub fn summary(lang: Lang, safety: &[SafetyView]) -> String {
    let (figure3, extras) = split(safety);
    match (broken(&figure3) + broken(&extras), lang) {
        (0, Lang::En) => "Every property holds.".to_string(),
        (0, Lang::Ko) => "모든 속성이 지켜지고 있습니다.".to_string(),
        (1, Lang::En) => "1 property is broken.".to_string(),
        (n, Lang::En) => format!("{n} properties are broken."),
        (n, Lang::Ko) => format!("속성 {n}개가 깨졌습니다."),
    }
}

fn seconds(time_us: u64) -> String {
    format!(
        "{}.{:03} s",
        time_us / 1_000_000,
        (time_us % 1_000_000) / 1000
    )
}

fn row(lang: Lang, s: &SafetyView, on_jump: &Callback<u64>) -> Html {
    let ok = s.violation.is_none();
    let name = property_name(lang, s.property);
    html! {
        <li key={s.property.name()} class={classes!("safety-row", if ok { "ok" } else { "broken" })}
            data-property={s.property.name()} data-ok={ok.to_string()} title={(!ok).then(|| property_rule(lang, s.property))}>
            <span class="safety-mark" aria-hidden="true">{ if ok { "✓" } else { "✗" } }</span>
            <span class="safety-name">
                { name }
                <span class="visually-hidden">{ if ok { tr(lang, ": holds", ": 지켜짐") } else { tr(lang, ": broken", ": 깨짐") } }</span>
            </span>
            if let Some(v) = &s.violation {
                <span class="safety-detail">
                    { violation_text(lang, v) }
                    <span class="safety-when">
                        { match lang {
                            Lang::En => format!(" (event {}, at {})", v.event, seconds(v.time_us)),
                            Lang::Ko => format!(" (이벤트 {}, {})", v.event, seconds(v.time_us)),
                        } }
                    </span>
                </span>
                if !s.witness.is_empty() {
                    <ul class="safety-witness" aria-label={tr(lang, "Operations that cannot be ordered", "순서를 정할 수 없는 연산")}>
                        { for s.witness.iter().map(|w| html! { <li>{ witness_text(lang, w) }</li> }) }
                    </ul>
                }
                <button class="small safety-jump" data-action="jump" data-event={v.event.to_string()}
                        onclick={let (cb, e) = (on_jump.clone(), v.event); Callback::from(move |_: MouseEvent| cb.emit(e))}>
                    { match lang {
                        Lang::En => format!("Go to event {}", v.event),
                        Lang::Ko => format!("이벤트 {} 시점으로 이동", v.event),
                    } }
                </button>
            } else {
                <span class="safety-detail muted">{ property_rule(lang, s.property) }</span>
            }
        </li>
    }
}

fn value_text(lang: Lang, v: Option<&str>) -> String {
    match v {
        Some(v) => format!("\"{v}\""),
        None => tr(lang, "nothing", "없음").to_string(),
    }
}

/// One operation of a linearizability witness: who asked whom, what, and what came back.
pub fn witness_text(lang: Lang, w: &WitnessOpView) -> String {
    let key = &w.key;
    let op = match (&w.op, lang) {
        (Input::Read, Lang::En) => format!("read {key}"),
        (Input::Read, Lang::Ko) => format!("{key} 읽기"),
        (Input::Write(v), Lang::En) => format!("write {key} = \"{v}\""),
        (Input::Write(v), Lang::Ko) => format!("{key} = \"{v}\" 쓰기"),
        (Input::Append(v), Lang::En) => format!("append \"{v}\" to {key}"),
        (Input::Append(v), Lang::Ko) => format!("{key}에 \"{v}\" 덧붙이기"),
        (Input::Cas { expect, new }, Lang::En) => format!("cas {key} \"{expect}\" → \"{new}\""),
        (Input::Cas { expect, new }, Lang::Ko) => {
            format!("{key} 비교 후 교체 \"{expect}\" → \"{new}\"")
        }
    };
    let answer = match (&w.answer, lang) {
        (Some(Output::Read(v)), Lang::En) => format!("returned {}", value_text(lang, v.as_deref())),
        (Some(Output::Read(v)), Lang::Ko) => format!("결과 {}", value_text(lang, v.as_deref())),
        (Some(Output::Cas(true)) | Some(Output::Ok), _) => tr(lang, "done", "완료").to_string(),
        (Some(Output::Cas(false)), _) => tr(lang, "not done", "실패").to_string(),
        (Some(Output::Unknown) | None, _) => tr(lang, "outcome unknown", "결과 모름").to_string(),
    };
    let when = match w.return_us {
        Some(r) => format!("{}–{}", seconds(w.call_us), seconds(r)),
        None => format!("{}–", seconds(w.call_us)),
    };
    match lang {
        Lang::En => format!("{op} through S{}: {answer} ({when})", w.node),
        Lang::Ko => format!("{op}(S{} 경유): {answer} ({when})", w.node),
    }
}

/// The panel for `safety` (the five Figure 3 properties and the extras, as in
/// `ClusterView::safety`); `on_jump` jumps the timeline to a violation's `event`.
pub fn safety_panel(lang: Lang, safety: &[SafetyView], on_jump: &Callback<u64>) -> Html {
    let (figure3, extras) = split(safety);
    let extras_broken = broken(&extras);
    let all_ok = broken(&figure3) + extras_broken == 0;
    html! {
        <section class={classes!("panel", "safety-panel", (!all_ok).then_some("has-violation"))}
                 aria-labelledby="safety-title" data-safety-ok={all_ok.to_string()}>
            <h2 id="safety-title">{ tr(lang, "Safety", "안전성") }</h2>
            <p class="safety-summary" role="status">{ summary(lang, safety) }</p>
            <h3>{ tr(lang, "Figure 3 of the Raft paper", "Raft 논문 Figure 3") }</h3>
            <ul class="safety-list">
                { for figure3.iter().map(|s| row(lang, s, on_jump)) }
            </ul>
            if !extras.is_empty() {
                <details class="safety-extras" open={extras_broken > 0}>
                    <summary>
                        { match (lang, extras_broken) {
                            (Lang::En, 0) => format!("More checks ({}, all hold)", extras.len()),
                            (Lang::Ko, 0) => format!("추가 검사 {}개(모두 지켜짐)", extras.len()),
                            (Lang::En, n) => format!("More checks ({}, {n} broken)", extras.len()),
                            (Lang::Ko, n) => format!("추가 검사 {}개({n}개 깨짐)", extras.len()),
                        } }
                    </summary>
                    <ul class="safety-list">
                        { for extras.iter().map(|s| row(lang, s, on_jump)) }
                    </ul>
                </details>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quorum_sim::Violation;

    fn ok(property: Property) -> SafetyView {
        SafetyView {
            property,
            violation: None,
            witness: Vec::new(),
        }
    }

    fn broken_at(property: Property, event: u64) -> SafetyView {
        SafetyView {
            property,
            violation: Some(Violation {
                property,
                nodes: vec![1, 2],
                event,
                time_us: 1_500_000,
                term: Some(3),
                index: None,
            }),
            witness: Vec::new(),
        }
    }

    #[test]
    fn figure3_comes_first_in_the_papers_order() {
        // Given out of order, with extras mixed in.
        let rows = vec![
            ok(Property::TermMonotonic),
            ok(Property::StateMachineSafety),
            ok(Property::ElectionSafety),
            ok(Property::LogMatching),
            ok(Property::OneVotePerTerm),
            ok(Property::LeaderCompleteness),
            ok(Property::LeaderAppendOnly),
        ];
        let (figure3, extras) = split(&rows);
        let f: Vec<Property> = figure3.iter().map(|s| s.property).collect();
        assert_eq!(f, FIGURE3.to_vec());
        let e: Vec<Property> = extras.iter().map(|s| s.property).collect();
        assert_eq!(e, vec![Property::TermMonotonic, Property::OneVotePerTerm]);
    }

    #[test]
    fn witness_operations_are_worded_in_both_languages() {
        let read = WitnessOpView {
            node: 3,
            key: "x".into(),
            op: Input::Read,
            answer: Some(Output::Read(Some("1".into()))),
            call_us: 1_200_000,
            return_us: Some(1_250_000),
        };
        assert_eq!(
            witness_text(Lang::En, &read),
            "read x through S3: returned \"1\" (1.200 s–1.250 s)"
        );
        assert_eq!(
            witness_text(Lang::Ko, &read),
            "x 읽기(S3 경유): 결과 \"1\" (1.200 s–1.250 s)"
        );
        let write = WitnessOpView {
            op: Input::Write("2".into()),
            answer: None,
            return_us: None,
            ..read
        };
        assert_eq!(
            witness_text(Lang::En, &write),
            "write x = \"2\" through S3: outcome unknown (1.200 s–)"
        );
    }

    #[test]
    fn summary_counts_broken_properties() {
        let mut rows: Vec<SafetyView> = FIGURE3.iter().map(|&p| ok(p)).collect();
        assert_eq!(summary(Lang::En, &rows), "Every property holds.");
        rows[0] = broken_at(Property::ElectionSafety, 42);
        rows.push(broken_at(Property::OneVotePerTerm, 40));
        assert_eq!(summary(Lang::En, &rows), "2 properties are broken.");
        assert_eq!(summary(Lang::Ko, &rows), "속성 2개가 깨졌습니다.");
        assert_eq!(seconds(1_500_000), "1.500 s");
    }
}
