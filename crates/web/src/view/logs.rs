//! Every node's log side by side (rows are indexes, columns are nodes) and, below it, each
//! node's key-value state. A pure view of `NodeView`s: which cells to draw, what they hold
//! and where the leader's next/match markers go are decided by the small functions at the
//! top, which the tests check natively.

use crate::i18n::{tr, Lang};
use crate::model::{Command, LogEntryView, NodeView, Role};
use quorum_raft::lite::LiteSet;
use yew::prelude::*;

/// How many of the newest indexes are shown unless the student asks for all of them.
pub const RECENT_ROWS: u64 = 30;
/// How many characters of a key or value a cell shows (the full text is in its tooltip).
const SHORT: usize = 12;
/// Terms cycle through this many colours (`term-c0`…); the number is always printed too.
const TERM_COLOURS: u64 = 6;

/// What one node has at one index.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Nothing: the node's log is shorter.
    Empty,
    /// Folded into the node's snapshot: the entry is applied but no longer in the log.
    Snapshot,
    Entry(&'a LogEntryView),
}

/// The entry at `index` in `node`'s log. The log is contiguous after the snapshot, so the
/// position is computed directly; a search is the fallback if that assumption ever fails.
pub fn cell(node: &NodeView, index: u64) -> Cell<'_> {
    if index == 0 {
        return Cell::Empty;
    }
    if index <= node.snapshot_index {
        return Cell::Snapshot;
    }
    let direct = node.log.first().and_then(|first| {
        let pos = usize::try_from(index.checked_sub(first.index)?).ok()?;
        node.log.get(pos).filter(|e| e.index == index)
    });
    match direct.or_else(|| node.log.iter().find(|e| e.index == index)) {
        Some(entry) => Cell::Entry(entry),
        None => Cell::Empty,
    }
}

/// The highest index any node has, in its log or its snapshot.
fn last_index(nodes: &[NodeView]) -> u64 {
    nodes
        .iter()
        .map(|n| {
            n.log
                .last()
                .map_or(n.snapshot_index, |e| e.index.max(n.snapshot_index))
        })
        .max()
        .unwrap_or(0)
}

/// The rows to draw, oldest first: the newest `RECENT_ROWS` indexes (all of them when
/// `show_all`), extended by one row when the leader's next index for a follower points just
/// past every log, so that marker has somewhere to sit.
pub fn rows(nodes: &[NodeView], leader: Option<u64>, show_all: bool) -> Vec<u64> {
    let last = last_index(nodes);
    let next_max = leader_node(nodes, leader)
        .map(|l| l.progress.iter().map(|p| p.next).max().unwrap_or(0))
        .unwrap_or(0);
    let end = if next_max == last.saturating_add(1) {
        next_max
    } else {
        last
    };
    let start = if show_all {
        1
    } else {
        end.saturating_sub(RECENT_ROWS - 1).max(1)
    };
    (start..=end).collect()
}

/// Whether some rows are hidden by the cap (so the "show all" toggle is worth offering).
pub fn is_capped(nodes: &[NodeView], leader: Option<u64>) -> bool {
    rows(nodes, leader, false)
        .first()
        .is_some_and(|&first| first > 1)
}

fn leader_node(nodes: &[NodeView], leader: Option<u64>) -> Option<&NodeView> {
    let id = leader?;
    nodes.iter().find(|n| n.id == id && n.role == Role::Leader)
}

/// The leader's markers in `follower`'s column at `index`: (is next, is match).
pub fn markers(nodes: &[NodeView], leader: Option<u64>, follower: u64, index: u64) -> (bool, bool) {
    let Some(progress) =
        leader_node(nodes, leader).and_then(|l| l.progress.iter().find(|p| p.id == follower))
    else {
        return (false, false);
    };
    (
        progress.next == index,
        progress.matched == index && index > 0,
    )
}

/// A role's class here, prefixed so it cannot pick up other views' `.leader`/`.candidate` rules.
fn role_class(role: Role) -> String {
    format!("role-{}", role.css())
}

/// The CSS class that colours a term.
pub fn term_class(term: u64) -> String {
    format!("term-c{}", term % TERM_COLOURS)
}

/// `text` cut to `max` characters with an ellipsis (by characters, so Hangul is never split).
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// A command in full, for tooltips and screen readers.
pub fn command_text(lang: Lang, command: &Command) -> String {
    match command {
        Command::Noop => tr(
            lang,
            "no-op (new leader's empty entry)",
            "빈 항목(새 리더의 no-op)",
        )
        .into(),
        Command::Put { key, value } => format!("put {key}={value}"),
        Command::Append { key, value } => format!("append {key}+={value}"),
        Command::Membership(change) => format!(
            "{} {}",
            tr(lang, "membership", "멤버십"),
            crate::narrate::conf_change_text(lang, change)
        ),
        Command::Other(words) => words.clone(),
        Command::Opaque(len) => match lang {
            Lang::En => format!("{len} bytes (not a key-value command)"),
            Lang::Ko => format!("{len}바이트(키-값 명령 아님)"),
        },
    }
}

/// A command as short as a cell allows.
pub fn command_short(lang: Lang, command: &Command) -> String {
    match command {
        Command::Noop => "no-op".into(),
        Command::Put { key, value } => {
            format!("{}={}", short(key, SHORT), short(value, SHORT))
        }
        Command::Append { key, value } => {
            format!("{}+={}", short(key, SHORT), short(value, SHORT))
        }
        Command::Membership(change) => {
            short(&crate::narrate::conf_change_text(lang, change), SHORT)
        }
        Command::Other(words) => short(words, SHORT),
        Command::Opaque(len) => match lang {
            Lang::En => format!("{len} B"),
            Lang::Ko => format!("{len}바이트"),
        },
    }
}

/// Every key any node holds, sorted, so the key-value table lines nodes up.
pub fn all_keys(nodes: &[NodeView]) -> Vec<String> {
    let keys: LiteSet<&str> = nodes
        .iter()
        .flat_map(|n| n.kv.iter().map(|(k, _)| k.as_str()))
        .collect();
    keys.into_iter().map(str::to_string).collect()
}

fn value_of<'a>(node: &'a NodeView, key: &str) -> Option<&'a str> {
    node.kv
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn entry_cell(lang: Lang, c: &CellData, entry: &LogEntryView) -> Html {
    let marks = c.marks;
    let full = command_text(lang, &entry.command);
    let state = if entry.committed {
        tr(lang, "committed", "커밋됨")
    } else {
        tr(lang, "not committed", "커밋 안 됨")
    };
    let title = match lang {
        Lang::En => format!(
            "S{} index {} · term {} · {full} · {state}",
            c.node, entry.index, entry.term
        ),
        Lang::Ko => format!(
            "S{} 인덱스 {} · 임기 {} · {full} · {state}",
            c.node, entry.index, entry.term
        ),
    };
    let class = classes!(
        "log-cell",
        "entry",
        role_class(c.role),
        term_class(entry.term),
        if entry.committed {
            "committed"
        } else {
            "uncommitted"
        },
    );
    html! {
        <td {class} {title} data-log-node={c.node.to_string()} data-index={entry.index.to_string()}
            data-term={entry.term.to_string()} data-committed={entry.committed.to_string()}>
            <span class="log-term">{ format!("{}{}", tr(lang, "T", "임기 "), entry.term) }</span>
            <span class="log-cmd">{ command_short(lang, &entry.command) }</span>
            <span class="commit-mark" aria-hidden="true">{ if entry.committed { "✓" } else { "…" } }</span>
            <span class="visually-hidden">{ format!(", {state}") }</span>
            { marker_badges(lang, marks) }
        </td>
    }
}

fn marker_badges(lang: Lang, (next, matched): (bool, bool)) -> Html {
    html! {
        <>
            if matched {
                <span class="log-mark mark-match" title={tr(lang, "The leader's match index for this follower: known to be replicated up to here",
                                                                  "이 팔로워에 대한 리더의 match 인덱스: 여기까지 복제된 것이 확인됨")}>
                    { tr(lang, "match", "일치") }
                </span>
            }
            if next {
                <span class="log-mark mark-next" title={tr(lang, "The leader's next index for this follower: the next entry it will send",
                                                                 "이 팔로워에 대한 리더의 next 인덱스: 다음에 보낼 항목")}>
                    { tr(lang, "next", "다음") }
                </span>
            }
        </>
    }
}

/// What one cell shows, as plain data (so a row can be a component Yew skips when equal).
#[derive(Clone, Debug, PartialEq)]
pub struct CellData {
    pub node: u64,
    pub role: Role,
    pub index: u64,
    pub content: Content,
    /// The leader's (next, match) markers in this cell.
    pub marks: (bool, bool),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    Empty,
    Snapshot,
    Entry(LogEntryView),
}

/// The cells of row `index`, one per node in order.
pub fn row_cells(nodes: &[NodeView], leader: Option<u64>, index: u64) -> Vec<CellData> {
    nodes
        .iter()
        .map(|n| CellData {
            node: n.id,
            role: n.role,
            index,
            content: match cell(n, index) {
                Cell::Empty => Content::Empty,
                Cell::Snapshot => Content::Snapshot,
                Cell::Entry(e) => Content::Entry(e.clone()),
            },
            marks: markers(nodes, leader, n.id, index),
        })
        .collect()
}

fn cell_html(lang: Lang, c: &CellData) -> Html {
    let (node, index, marks) = (c.node, c.index, c.marks);
    match &c.content {
        Content::Entry(entry) => entry_cell(lang, c, entry),
        Content::Snapshot => html! {
            <td class={classes!("log-cell", "in-snapshot", role_class(c.role))} data-log-node={node.to_string()} data-index={index.to_string()}
                title={tr(lang, "In the snapshot: applied and removed from the log", "스냅샷에 포함: 적용된 뒤 로그에서 지워짐")}>
                <span aria-hidden="true">{ "▒" }</span>
                <span class="visually-hidden">{ tr(lang, "in snapshot", "스냅샷에 포함") }</span>
                { marker_badges(lang, marks) }
            </td>
        },
        Content::Empty => html! {
            <td class={classes!("log-cell", "empty", role_class(c.role))} data-log-node={node.to_string()} data-index={index.to_string()}>
                { marker_badges(lang, marks) }
            </td>
        },
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    lang: Lang,
    index: u64,
    cells: Vec<CellData>,
}

/// One index across all nodes; unchanged rows are skipped by Yew as the log grows.
#[component]
fn LogRow(props: &RowProps) -> Html {
    html! {
        <tr data-row-index={props.index.to_string()}>
            <th scope="row" class="log-index">{ props.index }</th>
            { for props.cells.iter().map(|c| cell_html(props.lang, c)) }
        </tr>
    }
}

fn column_head(lang: Lang, node: &NodeView, leader: Option<u64>) -> Html {
    let role = match node.role {
        Role::Leader => tr(lang, "leader", "리더"),
        Role::Stopped => tr(lang, "stopped", "중지됨"),
        Role::Learner => tr(lang, "learner", "러너"),
        Role::Candidate => tr(lang, "candidate", "후보"),
        Role::PreCandidate => tr(lang, "pre-candidate", "사전 후보"),
        Role::Follower => tr(lang, "follower", "팔로워"),
    };
    let is_leader = leader == Some(node.id);
    html! {
        <th scope="col" class={classes!("log-head", role_class(node.role), is_leader.then_some("is-leader"))}
            data-log-node={node.id.to_string()}>
            <span class="log-head-name">{ format!("S{}", node.id) }</span>
            <span class="log-head-role">{ role }</span>
            <span class="log-head-commit">{ format!("{} {}", tr(lang, "commit", "커밋"), node.commit) }</span>
        </th>
    }
}

fn kv_table(lang: Lang, nodes: &[NodeView]) -> Html {
    let keys = all_keys(nodes);
    if keys.is_empty() {
        return html! {
            <p class="muted kv-empty">{ tr(lang, "No keys yet: write one through the leader.", "아직 키가 없습니다. 리더를 통해 값을 써 보세요.") }</p>
        };
    }
    html! {
        <div class="kv-scroll" tabindex="0" role="region" aria-label={tr(lang, "Key-value state of each node", "노드별 키-값 상태")}>
            <table class="kv-table">
                <caption>{ tr(lang, "Each node's key-value state (what it has applied)", "노드별 키-값 상태(적용한 내용)") }</caption>
                <thead><tr>
                    <th scope="col">{ tr(lang, "key", "키") }</th>
                    { for nodes.iter().map(|n| html! {
                        <th scope="col" class={classes!(role_class(n.role))}>{ format!("S{}", n.id) }</th>
                    }) }
                </tr></thead>
                <tbody>
                    { for keys.iter().map(|key| html! {
                        <tr key={key.clone()}>
                            <th scope="row" title={key.clone()}>{ short(key, SHORT * 2) }</th>
                            { for nodes.iter().map(|n| match value_of(n, key) {
                                Some(v) => html! {
                                    <td class={classes!("kv-value", role_class(n.role))} title={v.to_string()}
                                        data-kv-node={n.id.to_string()} data-key={key.clone()}>{ short(v, SHORT * 2) }</td>
                                },
                                None => html! {
                                    <td class={classes!("kv-missing", role_class(n.role))} data-kv-node={n.id.to_string()} data-key={key.clone()}>
                                        <span aria-hidden="true">{ "—" }</span>
                                        <span class="visually-hidden">{ tr(lang, "absent", "없음") }</span>
                                    </td>
                                },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LogsGridProps {
    lang: Lang,
    nodes: Vec<NodeView>,
    leader: Option<u64>,
}

/// A node without the fields that change every animation frame (timers), so the grid below
/// re-renders only when a log, a commit index, a role or a key changes.
pub fn without_timers(node: &NodeView) -> NodeView {
    NodeView {
        timer_left: 0.0,
        heartbeat_phase: 0.0,
        ..node.clone()
    }
}

/// The logs panel. Takes the nodes as the cluster view has them; strips the timers and
/// hands the rest to `LogsGrid`, which Yew skips when its props are unchanged.
pub fn logs_panel(lang: Lang, nodes: &[NodeView], leader: Option<u64>) -> Html {
    let nodes: Vec<NodeView> = nodes.iter().map(without_timers).collect();
    html! { <LogsGrid {lang} {nodes} {leader} /> }
}

#[component]
fn LogsGrid(props: &LogsGridProps) -> Html {
    let lang = props.lang;
    let show_all = use_state(|| false);
    let scroller = use_node_ref();
    let rows = rows(&props.nodes, props.leader, *show_all);
    let newest = rows.last().copied().unwrap_or(0);
    {
        // Keep the newest entries in sight as the log grows.
        let scroller = scroller.clone();
        use_effect_with((newest, *show_all), move |_| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(!*show_all))
    };
    let capped = is_capped(&props.nodes, props.leader);
    html! {
        <section class="panel logs-panel" aria-labelledby="logs-title">
            <h2 id="logs-title">{ tr(lang, "Logs", "로그") }</h2>
            <p class="hint logs-key">
                <span class="key-committed">{ tr(lang, "✓ solid: committed", "✓ 실선: 커밋됨") }</span>
                <span class="key-uncommitted">{ tr(lang, "… dashed: not committed", "… 점선: 커밋 안 됨") }</span>
                <span>{ tr(lang, "▒ in snapshot", "▒ 스냅샷에 포함") }</span>
                if props.leader.is_some() {
                    <span>{ tr(lang, "next / match: the leader's view of each follower", "다음 / 일치: 리더가 보는 각 팔로워의 위치") }</span>
                }
            </p>
            if rows.is_empty() {
                <p class="muted">{ tr(lang, "Every log is empty.", "모든 로그가 비어 있습니다.") }</p>
            } else {
                <div class="logs-scroll" ref={scroller} tabindex="0" role="region"
                     aria-label={tr(lang, "Logs of all nodes, scrollable", "모든 노드의 로그(스크롤 가능)")}>
                    <table class="logs-grid">
                        <thead><tr>
                            <th scope="col" class="log-index-head">{ tr(lang, "index", "인덱스") }</th>
                            { for props.nodes.iter().map(|n| column_head(lang, n, props.leader)) }
                        </tr></thead>
                        <tbody>
                            { for rows.iter().map(|&index| html! {
                                <LogRow key={index.to_string()} {lang} {index} cells={row_cells(&props.nodes, props.leader, index)} />
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            if capped || *show_all {
                <button class="small logs-toggle" data-action="logs-show-all" onclick={toggle}>
                    { if *show_all {
                        match lang {
                            Lang::En => format!("Show only the last {RECENT_ROWS}"),
                            Lang::Ko => format!("최근 {RECENT_ROWS}개만 보기"),
                        }
                    } else {
                        tr(lang, "Show all entries", "모든 항목 보기").to_string()
                    } }
                </button>
            }
            <h3>{ tr(lang, "Key-value state", "키-값 상태") }</h3>
            { kv_table(lang, &props.nodes) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PeerProgress;

    fn entry(index: u64, term: u64, committed: bool) -> LogEntryView {
        LogEntryView {
            index,
            term,
            command: Command::Noop,
            committed,
        }
    }

    fn node(id: u64, role: Role, snapshot_index: u64, log: Vec<LogEntryView>) -> NodeView {
        NodeView {
            id,
            role,
            term: 1,
            vote: None,
            commit: 0,
            applied: 0,
            last_index: log.last().map_or(snapshot_index, |e| e.index),
            timer_left: 0.0,
            heartbeat_phase: 0.0,
            log,
            snapshot_index,
            progress: Vec::new(),
            kv: Vec::new(),
            voters: Vec::new(),
            learners: Vec::new(),
        }
    }

    #[test]
    fn cells_distinguish_snapshot_entry_and_empty() {
        let n = node(
            1,
            Role::Follower,
            3,
            vec![entry(4, 2, true), entry(5, 2, false)],
        );
        assert_eq!(cell(&n, 0), Cell::Empty);
        assert_eq!(cell(&n, 2), Cell::Snapshot);
        assert_eq!(cell(&n, 4), Cell::Entry(&n.log[0]));
        assert_eq!(cell(&n, 5), Cell::Entry(&n.log[1]));
        assert_eq!(cell(&n, 6), Cell::Empty);
        assert_eq!(cell(&n, u64::MAX), Cell::Empty);
    }

    #[test]
    fn rows_are_capped_to_the_newest_unless_all_are_asked_for() {
        let log: Vec<_> = (1..=45).map(|i| entry(i, 1, true)).collect();
        let nodes = vec![
            node(1, Role::Follower, 0, log),
            node(2, Role::Follower, 0, vec![]),
        ];
        let recent = rows(&nodes, None, false);
        assert_eq!(recent.len() as u64, RECENT_ROWS);
        assert_eq!((recent[0], *recent.last().unwrap()), (16, 45));
        assert!(is_capped(&nodes, None));
        assert_eq!(rows(&nodes, None, true), (1..=45).collect::<Vec<_>>());
        let short_log = vec![node(1, Role::Follower, 0, vec![entry(1, 1, false)])];
        assert!(!is_capped(&short_log, None));
        assert!(rows(&[node(1, Role::Follower, 0, vec![])], None, false).is_empty());
    }

    #[test]
    fn snapshot_only_nodes_still_count_towards_the_last_row() {
        let nodes = vec![node(1, Role::Stopped, 7, vec![])];
        assert_eq!(rows(&nodes, None, false), (1..=7).collect::<Vec<_>>());
    }

    #[test]
    fn leader_markers_sit_on_the_followers_column_and_may_add_a_row() {
        let mut leader = node(
            1,
            Role::Leader,
            0,
            (1..=4).map(|i| entry(i, 1, true)).collect(),
        );
        leader.progress = vec![
            PeerProgress {
                id: 2,
                matched: 4,
                next: 5,
                state: "replicate",
                inflight: 0,
            },
            PeerProgress {
                id: 3,
                matched: 0,
                next: 2,
                state: "probe",
                inflight: 0,
            },
        ];
        let nodes = vec![
            leader,
            node(2, Role::Follower, 0, vec![]),
            node(3, Role::Follower, 0, vec![]),
        ];
        // Next index 5 is one past every log: a row exists for it.
        assert_eq!(rows(&nodes, Some(1), false), vec![1, 2, 3, 4, 5]);
        assert_eq!(markers(&nodes, Some(1), 2, 5), (true, false));
        assert_eq!(markers(&nodes, Some(1), 2, 4), (false, true));
        assert_eq!(markers(&nodes, Some(1), 3, 2), (true, false));
        // match 0 means "nothing known": no marker at index 0 (there is no such row anyway).
        assert_eq!(markers(&nodes, Some(1), 3, 0), (false, false));
        // Without a leader, or naming a node that is not leading, no markers.
        assert_eq!(markers(&nodes, None, 2, 5), (false, false));
        assert_eq!(markers(&nodes, Some(2), 2, 5), (false, false));
    }

    #[test]
    fn timers_do_not_count_as_a_change() {
        let mut a = node(1, Role::Follower, 0, vec![entry(1, 1, false)]);
        let mut b = a.clone();
        a.timer_left = 0.3;
        b.timer_left = 0.9;
        b.heartbeat_phase = 0.5;
        assert_eq!(without_timers(&a), without_timers(&b));
        b.commit = 1;
        assert_ne!(without_timers(&a), without_timers(&b));
    }

    #[test]
    fn row_cells_carry_content_and_markers() {
        let mut leader = node(
            1,
            Role::Leader,
            0,
            vec![entry(1, 1, true), entry(2, 2, false)],
        );
        leader.progress = vec![PeerProgress {
            id: 2,
            matched: 1,
            next: 2,
            state: "replicate",
            inflight: 1,
        }];
        let nodes = vec![leader, node(2, Role::Stopped, 1, vec![])];
        let row = row_cells(&nodes, Some(1), 2);
        assert_eq!(row.len(), 2);
        assert_eq!(row[0].content, Content::Entry(entry(2, 2, false)));
        assert_eq!((row[1].role, row[1].marks), (Role::Stopped, (true, false)));
        assert_eq!(row[1].content, Content::Empty);
        assert_eq!(row_cells(&nodes, Some(1), 1)[1].content, Content::Snapshot);
        assert_eq!(row_cells(&nodes, Some(1), 1)[1].marks, (false, true));
    }

    #[test]
    fn short_text_cuts_by_character() {
        assert_eq!(short("abc", 5), "abc");
        assert_eq!(short("abcdef", 4), "abc…");
        assert_eq!(short("가나다라마", 3), "가나…");
    }

    #[test]
    fn commands_are_worded_in_both_languages() {
        let put = Command::Put {
            key: "x".into(),
            value: "1".into(),
        };
        assert_eq!(command_short(Lang::En, &put), "x=1");
        assert_eq!(command_text(Lang::En, &put), "put x=1");
        let app = Command::Append {
            key: "x".into(),
            value: "2".into(),
        };
        assert_eq!(command_short(Lang::Ko, &app), "x+=2");
        assert!(command_text(Lang::Ko, &Command::Opaque(3)).contains("3바이트"));
        assert!(command_text(Lang::Ko, &Command::Noop).contains("빈 항목"));
        assert_eq!(term_class(7), "term-c1");
    }

    #[test]
    fn keys_are_the_sorted_union() {
        let mut a = node(1, Role::Follower, 0, vec![]);
        a.kv = vec![("b".into(), "1".into()), ("a".into(), "2".into())];
        let mut b = node(2, Role::Follower, 0, vec![]);
        b.kv = vec![("c".into(), "3".into()), ("a".into(), "2".into())];
        assert_eq!(all_keys(&[a.clone(), b]), vec!["a", "b", "c"]);
        assert_eq!(value_of(&a, "b"), Some("1"));
        assert_eq!(value_of(&a, "c"), None);
    }
}
