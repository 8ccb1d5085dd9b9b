//! The message inspector: every field of the message the student clicked, worded, and a
//! button to drop it. With the full Raft message (`detail`) it also shows the body: the
//! entries carried, the previous index and term, the commit index, the hints…

use crate::i18n::{tr, Lang};
use crate::model::MessageView;
use crate::narrate::{conf_change_text, membership_text, message_kind_name};
use quorum_raft::{Entry, EntryKind, Message, MessageBody};
use quorum_sim::KvCommand;
use yew::prelude::*;

/// One labelled field of the inspector.
pub type Field = (&'static str, String);

fn yes_no(lang: Lang, b: bool) -> String {
    if b {
        tr(lang, "yes", "예")
    } else {
        tr(lang, "no", "아니요")
    }
    .to_string()
}

fn granted(lang: Lang, b: bool) -> String {
    if b {
        tr(lang, "granted", "승인")
    } else {
        tr(lang, "refused", "거절")
    }
    .to_string()
}

/// An entry in one line: "7 (term 3): put x=1".
pub fn entry_text(lang: Lang, e: &Entry) -> String {
    let what = match &e.kind {
        EntryKind::Noop => tr(lang, "no-op", "빈 항목(no-op)").to_string(),
        EntryKind::ConfChange(change) => conf_change_text(lang, change),
        EntryKind::Normal(data) => match KvCommand::decode(data) {
            Some(KvCommand::Put { key, value, .. }) => format!("put {key}={value}"),
            Some(KvCommand::Append { key, value, .. }) => format!("append {key}+={value}"),
            None => match lang {
                Lang::En => format!("{} bytes", data.len()),
                Lang::Ko => format!("{}바이트", data.len()),
            },
        },
    };
    match lang {
        Lang::En => format!("{} (term {}): {what}", e.index, e.term),
        Lang::Ko => format!("{}(임기 {}): {what}", e.index, e.term),
    }
}

/// The body's fields, worded, in the order the paper's Figure 2 lists them.
pub fn body_fields(lang: Lang, body: &MessageBody) -> Vec<Field> {
    let l = |en, ko| tr(lang, en, ko);
    match body {
        MessageBody::PreVote {
            last_index,
            last_term,
        }
        | MessageBody::RequestVote {
            last_index,
            last_term,
            ..
        } => {
            let mut f = vec![
                (
                    l("Candidate's last log index", "후보의 마지막 로그 인덱스"),
                    last_index.to_string(),
                ),
                (
                    l("Candidate's last log term", "후보의 마지막 로그 임기"),
                    last_term.to_string(),
                ),
            ];
            if let MessageBody::RequestVote { transfer, .. } = body {
                f.push((
                    l("After a leadership transfer", "리더십 이전에 따른 선거"),
                    yes_no(lang, *transfer),
                ));
            }
            f
        }
        MessageBody::PreVoteResp { granted: g } | MessageBody::RequestVoteResp { granted: g } => {
            vec![(l("Vote", "투표"), granted(lang, *g))]
        }
        MessageBody::AppendEntries {
            prev_index,
            prev_term,
            entries,
            commit,
        } => {
            let mut f = vec![
                (
                    l("Previous log index", "이전 로그 인덱스"),
                    prev_index.to_string(),
                ),
                (
                    l("Previous log term", "이전 로그 임기"),
                    prev_term.to_string(),
                ),
                (
                    l("Leader's commit index", "리더의 커밋 인덱스"),
                    commit.to_string(),
                ),
                (l("Entries", "항목 수"), entries.len().to_string()),
            ];
            f.extend(
                entries
                    .iter()
                    .map(|e| (l("Entry", "항목"), entry_text(lang, e))),
            );
            f
        }
        MessageBody::AppendResp {
            success,
            index,
            conflict_term,
            conflict_index,
            last_index,
        } => {
            let mut f = vec![(
                l("Result", "결과"),
                if *success {
                    l("accepted", "수락")
                } else {
                    l("rejected", "거절")
                }
                .to_string(),
            )];
            if *success {
                f.push((
                    l(
                        "Matches the leader up to index",
                        "리더와 일치하는 마지막 인덱스",
                    ),
                    index.to_string(),
                ));
            } else {
                f.push((
                    l("Rejected previous index", "거절한 이전 인덱스"),
                    index.to_string(),
                ));
                f.push((
                    l("Conflicting term (hint)", "충돌한 임기(힌트)"),
                    conflict_term.to_string(),
                ));
                f.push((
                    l(
                        "First index of that term (hint)",
                        "그 임기의 첫 인덱스(힌트)",
                    ),
                    conflict_index.to_string(),
                ));
            }
            f.push((
                l("Follower's last index", "팔로워의 마지막 인덱스"),
                last_index.to_string(),
            ));
            f
        }
        MessageBody::Heartbeat { commit, seq } => vec![
            (
                l(
                    "Commit index for this follower",
                    "이 팔로워에게 알리는 커밋 인덱스",
                ),
                commit.to_string(),
            ),
            (l("Heartbeat round", "하트비트 회차"), seq.to_string()),
        ],
        MessageBody::HeartbeatResp { seq } => {
            vec![(l("Heartbeat round", "하트비트 회차"), seq.to_string())]
        }
        MessageBody::InstallSnapshot { snapshot } => vec![
            (
                l("Snapshot's last index", "스냅샷의 마지막 인덱스"),
                snapshot.meta.index.to_string(),
            ),
            (
                l("Snapshot's last term", "스냅샷의 마지막 임기"),
                snapshot.meta.term.to_string(),
            ),
            (
                l("Configuration", "구성"),
                membership_text(lang, &snapshot.meta.membership),
            ),
            (
                l("State size", "상태 크기"),
                match lang {
                    Lang::En => format!("{} bytes", snapshot.data.len()),
                    Lang::Ko => format!("{}바이트", snapshot.data.len()),
                },
            ),
        ],
        MessageBody::TimeoutNow => vec![(
            l("Meaning", "의미"),
            l(
                "Start an election now (leadership transfer)",
                "지금 바로 선거를 시작하라(리더십 이전)",
            )
            .to_string(),
        )],
        MessageBody::ReadIndex { ctx } => {
            vec![(l("Read request id", "읽기 요청 ID"), ctx.to_string())]
        }
        MessageBody::ReadIndexResp { ctx, index } => vec![
            (l("Read request id", "읽기 요청 ID"), ctx.to_string()),
            (
                l("Read index", "읽기 인덱스"),
                match index {
                    Some(i) => i.to_string(),
                    None => l(
                        "failed (not the leader any more?)",
                        "실패(더 이상 리더가 아님?)",
                    )
                    .to_string(),
                },
            ),
        ],
    }
}

/// "heartbeat" → "Heartbeat", for a title (names like "AppendEntries" are unchanged).
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}

/// Where the message is on its way, worded.
pub fn progress_text(lang: Lang, m: &MessageView) -> String {
    let pct = (m.progress.clamp(0.0, 1.0) * 100.0).round() as u32;
    match (lang, m.dropped) {
        (Lang::En, false) => format!("{pct}% of the way"),
        (Lang::Ko, false) => format!("{pct}% 도달"),
        (Lang::En, true) => format!("{pct}% of the way; it will never arrive"),
        (Lang::Ko, true) => format!("{pct}% 도달, 도착하지 않음"),
    }
}

/// The header fields every message has.
pub fn header_fields(lang: Lang, m: &MessageView) -> Vec<Field> {
    let l = |en, ko| tr(lang, en, ko);
    vec![
        (
            l("Kind", "종류"),
            message_kind_name(lang, m.raft_kind).to_string(),
        ),
        (l("From", "보낸 노드"), format!("S{}", m.from)),
        (l("To", "받는 노드"), format!("S{}", m.to)),
        (l("Sender's term", "보낸 노드의 임기"), m.term.to_string()),
        (l("Progress", "진행"), progress_text(lang, m)),
        (l("Dropped", "버려짐"), yes_no(lang, m.dropped)),
        (l("Duplicate copy", "중복 사본"), yes_no(lang, m.duplicate)),
    ]
}

fn field_list(fields: Vec<Field>) -> Html {
    html! {
        <dl class="inspector-fields">
            { for fields.into_iter().map(|(label, value)| html! {
                <>
                    <dt>{ label }</dt>
                    <dd>{ value }</dd>
                </>
            }) }
        </dl>
    }
}

/// The inspector of `message`, the one clicked in the cluster (if any). `detail` is the full
/// message, when the lab can look it up (`World::message(id).msg`); `on_drop` drops the
/// message with this id.
pub fn inspector(
    lang: Lang,
    message: Option<&MessageView>,
    detail: Option<&Message>,
    on_drop: &Callback<u64>,
    on_close: &Callback<()>,
) -> Html {
    let Some(m) = message else {
        return html! {
            <section class="panel inspector empty" aria-label={tr(lang, "Message inspector", "메시지 살펴보기")}>
                <p class="muted">{ tr(lang, "Click a message in flight to see everything it carries.",
                                          "오가는 메시지를 누르면 담긴 내용을 모두 볼 수 있습니다.") }</p>
            </section>
        };
    };
    let id = m.id;
    let onkeydown = {
        let close = on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                close.emit(());
            }
        })
    };
    let on_drop = on_drop.reform(move |_: MouseEvent| id);
    let on_close = on_close.reform(|_: MouseEvent| ());
    // The detail is shown only if it is the same message (the lab may lag by a frame).
    let body = detail
        .filter(|d| d.from == m.from && d.to == m.to && d.kind() == m.raft_kind)
        .map(|d| body_fields(lang, &d.body));
    let title = match lang {
        Lang::En => format!(
            "{} from S{} to S{}",
            capitalized(message_kind_name(lang, m.raft_kind)),
            m.from,
            m.to
        ),
        Lang::Ko => format!(
            "S{} → S{} {}",
            m.from,
            m.to,
            message_kind_name(lang, m.raft_kind)
        ),
    };
    html! {
        <section class={classes!("panel", "inspector", m.kind.css())} aria-labelledby="inspector-title"
                 data-message={id.to_string()} {onkeydown}>
            <div class="inspector-head">
                <h2 id="inspector-title">{ title }</h2>
                <button class="small" data-action="close-inspector" onclick={on_close}
                        aria-label={tr(lang, "Close the inspector", "살펴보기 닫기")}>{ "✕" }</button>
            </div>
            { field_list(header_fields(lang, m)) }
            if let Some(body) = body {
                <h3>{ tr(lang, "Contents", "내용") }</h3>
                { field_list(body) }
            }
            <button data-action="drop-message" disabled={m.dropped} onclick={on_drop}>
                { if m.dropped { tr(lang, "Already dropped", "이미 버려짐") } else { tr(lang, "Drop this message", "이 메시지 버리기") } }
            </button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MessageKind;
    use quorum_raft::{ConfChange, ConfChangeStep, MessageKind as Kind};

    fn view(dropped: bool) -> MessageView {
        MessageView {
            id: 7,
            from: 1,
            to: 2,
            kind: MessageKind::Append,
            raft_kind: Kind::AppendEntries,
            term: 3,
            progress: 0.426,
            dropped,
            duplicate: false,
        }
    }

    #[test]
    fn header_has_every_field() {
        let f = header_fields(Lang::En, &view(false));
        assert_eq!(f.len(), 7);
        assert_eq!(f[1], ("From", "S1".to_string()));
        assert_eq!(f[4].1, "43% of the way");
        assert!(progress_text(Lang::Ko, &view(true)).contains("도착하지 않음"));
    }

    #[test]
    fn append_entries_lists_each_entry() {
        let put = KvCommand::Put {
            op: 1,
            key: "x".into(),
            value: "1".into(),
        }
        .encode();
        let body = MessageBody::AppendEntries {
            prev_index: 4,
            prev_term: 2,
            commit: 4,
            entries: vec![
                Entry::new(5, 3, EntryKind::Noop),
                Entry::new(6, 3, EntryKind::Normal(put)),
                Entry::new(
                    7,
                    3,
                    EntryKind::ConfChange(ConfChange::Simple(ConfChangeStep::AddVoter(4))),
                ),
                Entry::new(8, 3, EntryKind::Normal(vec![9, 9])),
            ],
        };
        let f = body_fields(Lang::En, &body);
        assert_eq!(f[0], ("Previous log index", "4".to_string()));
        assert_eq!(f[3], ("Entries", "4".to_string()));
        assert_eq!(f[5].1, "6 (term 3): put x=1");
        assert_eq!(f[6].1, "7 (term 3): add S4 as a voter");
        assert_eq!(f[7].1, "8 (term 3): 2 bytes");
        let ko = body_fields(Lang::Ko, &body);
        assert_eq!(ko[4].1, "5(임기 3): 빈 항목(no-op)");
    }

    #[test]
    fn titles_start_with_a_capital() {
        assert_eq!(capitalized("heartbeat reply"), "Heartbeat reply");
        assert_eq!(capitalized("AppendEntries"), "AppendEntries");
        assert_eq!(capitalized(""), "");
    }

    #[test]
    fn rejections_show_the_hints() {
        let body = MessageBody::AppendResp {
            success: false,
            index: 9,
            conflict_term: 2,
            conflict_index: 5,
            last_index: 7,
        };
        let f = body_fields(Lang::En, &body);
        assert_eq!(f.len(), 5);
        assert_eq!(f[0].1, "rejected");
        let ok = MessageBody::AppendResp {
            success: true,
            index: 9,
            conflict_term: 0,
            conflict_index: 0,
            last_index: 9,
        };
        assert_eq!(body_fields(Lang::En, &ok).len(), 3);
        let read = MessageBody::ReadIndexResp {
            ctx: 1,
            index: None,
        };
        assert!(body_fields(Lang::Ko, &read)[1].1.starts_with("실패"));
    }
}
