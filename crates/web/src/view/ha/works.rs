//! "What still works": the model's four probes (a read, a write, scheduling a new pod,
//! recreating a deleted ReplicaSet pod), each with how long it took or what blocks it.

use super::words::{blocker_text, capability_code, capability_name, secs};
use crate::i18n::{tr, Lang};
use quorum_k8s::cluster::Capability;
use yew::prelude::*;

/// `now_us` is the simulated time of the snapshot (a test hook: it changes when the list
/// is fresh).
pub fn what_works(lang: Lang, works: &[Capability], now_us: u64) -> Html {
    let item = |c: &Capability| {
        let detail = match (c.works, c.took_us, c.blocker) {
            (true, Some(took), _) => format!(
                "{} {}",
                tr(lang, "works, took", "동작함, 걸린 시간"),
                secs(took)
            ),
            (true, None, _) => tr(lang, "works", "동작함").to_string(),
            (false, _, Some(b)) => {
                format!("{}: {}", tr(lang, "fails", "실패"), blocker_text(lang, b))
            }
            (false, _, None) => tr(lang, "fails", "실패").to_string(),
        };
        html! {
            <li class={classes!("capability", if c.works { "works" } else { "broken" })}
                data-capability={capability_code(c.kind)} data-works={c.works.to_string()}>
                <span class="cap-mark" aria-hidden="true">{ if c.works { "✓" } else { "✕" } }</span>
                <span class="cap-name">{ capability_name(lang, c.kind) }</span>
                <span class="cap-detail">{ detail }</span>
            </li>
        }
    };
    html! {
        <section class="panel ha-works" aria-labelledby="ha-works-title">
            <h2 id="ha-works-title">{ tr(lang, "What still works", "아직 되는 것") }</h2>
            <p class="hint">{ tr(lang,
                "Computed by running a copy of the simulated cluster forward from now, not looked up in a table.",
                "표에서 찾는 것이 아니라, 시뮬레이션 클러스터의 복사본을 지금부터 실제로 돌려서 계산합니다.") }</p>
            <p class="sr-note" aria-live="polite">{ summary(lang, works) }</p>
            <ul class="capabilities" data-works-at-us={now_us.to_string()}>
                { for works.iter().map(item) }
            </ul>
        </section>
    }
}

/// What screen readers hear: only which capabilities work, so the announcement changes
/// when one breaks or comes back, not every time a duration is re-measured.
fn summary(lang: Lang, works: &[Capability]) -> String {
    let names = |ok: bool| {
        works
            .iter()
            .filter(|c| c.works == ok)
            .map(|c| capability_name(lang, c.kind))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (ok, broken) = (names(true), names(false));
    match lang {
        Lang::En => format!("Works: {ok}. Fails: {broken}."),
        Lang::Ko => format!("동작함: {ok}. 실패: {broken}."),
    }
}
