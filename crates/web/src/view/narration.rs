//! The narration: what each node decided and why, in words, newest first. Filterable by
//! node and by importance; the newest major line is also announced to screen readers
//! through a polite live region (heartbeat chatter never is).

use crate::i18n::{tr, Lang};
use crate::model::NarrationView;
use crate::narrate::{narrate, severity, Importance};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How many lines the panel draws at most (the model carries a few hundred).
pub const SHOWN: usize = 80;

/// Whether a line passes the filters.
fn passes(line: &NarrationView, node: Option<u64>, major_only: bool) -> bool {
    node.is_none_or(|n| line.node == n)
        && (!major_only || severity(&line.explain) == Importance::Major)
}

/// The lines to show, newest first, at most `SHOWN`. `narration` is oldest first.
#[cfg(test)]
pub fn visible(
    narration: &[NarrationView],
    node: Option<u64>,
    major_only: bool,
) -> Vec<&NarrationView> {
    keyed(narration, node, major_only)
        .into_iter()
        .map(|(_, l)| l)
        .collect()
}

/// `visible`, each line with its key.
fn keyed(
    narration: &[NarrationView],
    node: Option<u64>,
    major_only: bool,
) -> Vec<(String, &NarrationView)> {
    line_keys(narration)
        .into_iter()
        .zip(narration)
        .rev()
        .filter(|(_, l)| passes(l, node, major_only))
        .take(SHOWN)
        .collect()
}

/// A stable key per line: its event, node and rank among that node's lines of the event
/// (one event can make a node explain several decisions).
pub fn line_keys(narration: &[NarrationView]) -> Vec<String> {
    let mut seen = litemap::LiteMap::<(u64, u64), u32>::new();
    narration
        .iter()
        .map(|l| {
            let nth = seen.entry((l.event, l.node)).or_insert(0);
            let key = format!("{}-{}-{nth}", l.event, l.node);
            *nth += 1;
            key
        })
        .collect()
}

/// The line the live region announces: the newest major one (within the node filter).
pub fn announced(narration: &[NarrationView], node: Option<u64>) -> Option<&NarrationView> {
    narration.iter().rev().find(|l| passes(l, node, true))
}

/// Simulated time as seconds with millisecond precision ("12.345 s").
pub fn seconds(time_us: u64) -> String {
    format!(
        "{}.{:03} s",
        time_us / 1_000_000,
        (time_us % 1_000_000) / 1000
    )
}

/// The node filter's value: "" for all nodes, otherwise the id.
fn parse_filter(value: &str) -> Option<u64> {
    value.parse().ok()
}

#[derive(Properties, PartialEq)]
struct LineProps {
    lang: Lang,
    line: NarrationView,
}

/// One line, its own component so that Yew words only the new lines each frame and skips
/// the ones already shown (their props are unchanged).
#[component]
fn NarrationLine(props: &LineProps) -> Html {
    let l = &props.line;
    let major = severity(&l.explain) == Importance::Major;
    html! {
        <li class={classes!("narration-line", if major { "major" } else { "minor" })}
            data-node={l.node.to_string()} data-event={l.event.to_string()}>
            <span class="narr-time">{ seconds(l.time_us) }</span>
            <span class="narr-node">{ format!("S{}", l.node) }</span>
            <span class="narr-text">{ narrate(props.lang, l.node, &l.explain) }</span>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct NarrationPanelProps {
    pub lang: Lang,
    /// Oldest first, as in `ClusterView::narration`.
    pub narration: Vec<NarrationView>,
    /// The node ids the filter offers.
    pub nodes: Vec<u64>,
}

#[component]
pub fn NarrationPanel(props: &NarrationPanelProps) -> Html {
    let lang = props.lang;
    let node = use_state(|| None::<u64>);
    let major_only = use_state(|| true);
    let on_node = {
        let node = node.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            node.set(parse_filter(&value));
        })
    };
    let on_major = {
        let major_only = major_only.clone();
        Callback::from(move |_: Event| major_only.set(!*major_only))
    };
    let lines = keyed(&props.narration, *node, *major_only);
    let live = announced(&props.narration, *node)
        .map(|l| {
            format!(
                "{} S{}: {}",
                seconds(l.time_us),
                l.node,
                narrate(lang, l.node, &l.explain)
            )
        })
        .unwrap_or_default();
    html! {
        <section class="panel narration-panel" aria-labelledby="narration-title">
            <h2 id="narration-title">{ tr(lang, "What happened", "무슨 일이 있었나") }</h2>
            <div class="row narration-filters">
                <label class="field">
                    { tr(lang, "Node", "노드") }
                    <select data-filter="node" onchange={on_node}>
                        <option value="" selected={node.is_none()}>{ tr(lang, "all", "전체") }</option>
                        { for props.nodes.iter().map(|&id| html! {
                            <option value={id.to_string()} selected={*node == Some(id)}>{ format!("S{id}") }</option>
                        }) }
                    </select>
                </label>
                <label class="field">
                    <input type="checkbox" data-filter="major" checked={*major_only} onchange={on_major} />
                    { tr(lang, "Major events only", "주요 사건만") }
                </label>
            </div>
            // Announces only the newest major line; the list below is not live.
            <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-narration-live="">
                { live }
            </div>
            if lines.is_empty() {
                <p class="muted">{ tr(lang, "Nothing to tell yet.", "아직 전할 내용이 없습니다.") }</p>
            } else {
                <ol class="narration-list" tabindex="0" aria-label={tr(lang, "Explanations, newest first", "설명(최신순)")}>
                    { for lines.iter().map(|(key, l)| html! {
                        <NarrationLine key={key.clone()} {lang} line={(*l).clone()} />
                    }) }
                </ol>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quorum_raft::Explain;

    /// Two explanations the narrate module ranks differently (checked below, so the tests do
    /// not silently depend on its table).
    fn major() -> Explain {
        Explain::BecameLeader {
            term: 2,
            votes_from: vec![1, 2],
            granted: 2,
            voters: 3,
        }
    }

    fn minor() -> Explain {
        Explain::CheckQuorumPassed {
            term: 2,
            active: vec![1, 2, 3],
        }
    }

    fn line(event: u64, node: u64, explain: Explain) -> NarrationView {
        NarrationView {
            time_us: event * 1000,
            event,
            node,
            explain,
        }
    }

    #[test]
    fn newest_first_filtered_by_node_and_importance() {
        assert_eq!(severity(&major()), Importance::Major);
        assert_eq!(severity(&minor()), Importance::Minor);
        let lines = vec![
            line(1, 1, major()),
            line(2, 2, minor()),
            line(3, 2, major()),
            line(4, 1, minor()),
        ];
        let all: Vec<u64> = visible(&lines, None, false)
            .iter()
            .map(|l| l.event)
            .collect();
        assert_eq!(all, vec![4, 3, 2, 1]);
        let majors: Vec<u64> = visible(&lines, None, true)
            .iter()
            .map(|l| l.event)
            .collect();
        assert_eq!(majors, vec![3, 1]);
        let s2: Vec<u64> = visible(&lines, Some(2), false)
            .iter()
            .map(|l| l.event)
            .collect();
        assert_eq!(s2, vec![3, 2]);
        assert!(visible(&lines, Some(9), false).is_empty());
    }

    #[test]
    fn keys_are_unique_within_an_event() {
        let lines = vec![
            line(1, 1, major()),
            line(1, 1, minor()),
            line(1, 2, major()),
            line(2, 1, major()),
        ];
        assert_eq!(line_keys(&lines), vec!["1-1-0", "1-1-1", "1-2-0", "2-1-0"]);
    }

    #[test]
    fn the_list_is_capped() {
        let lines: Vec<_> = (0..(SHOWN as u64 + 20))
            .map(|e| line(e, 1, major()))
            .collect();
        let shown = visible(&lines, None, false);
        assert_eq!(shown.len(), SHOWN);
        assert_eq!(shown[0].event, SHOWN as u64 + 19);
    }

    #[test]
    fn only_the_newest_major_line_is_announced() {
        let lines = vec![
            line(1, 1, major()),
            line(2, 2, major()),
            line(3, 1, minor()),
        ];
        assert_eq!(announced(&lines, None).map(|l| l.event), Some(2));
        assert_eq!(announced(&lines, Some(1)).map(|l| l.event), Some(1));
        assert_eq!(announced(&[line(1, 1, minor())], None), None);
    }

    #[test]
    fn times_are_seconds_with_milliseconds() {
        assert_eq!(seconds(0), "0.000 s");
        assert_eq!(seconds(1_234_567), "1.234 s");
        assert_eq!(seconds(61_000_000), "61.000 s");
        assert_eq!(parse_filter(""), None);
        assert_eq!(parse_filter("3"), Some(3));
    }
}
