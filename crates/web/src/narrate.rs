//! Words for the Raft core's explanations, in English and Korean.
//!
//! The core (`quorum_raft::Explain`) and the simulator (`quorum_sim::Violation`) report
//! decisions as data; this module turns each one into a sentence a student can follow.
//! Every match below is exhaustive on purpose: a new variant in the core does not compile
//! here until it has words in both languages. Main clauses speak about a server in the
//! third person ("S2 rejected S3's vote request"); a reason after a colon is that server
//! speaking ("my last log term is 3").

use crate::i18n::Lang;
use quorum_raft::lite::LiteSet;
use quorum_raft::{
    AppendRejectReason, Bug, CampaignKind, ConfChange, ConfChangeError, ConfChangeStep, Explain,
    IgnoreReason, Index, Membership, MessageKind, NodeId, ProgressState, ProposeError,
    ReadFailReason, ReadHow, StepDownReason, Term, TransferAbortReason, VoteRejectReason,
};
use quorum_sim::{Property, Violation};

/// How much an explanation matters to a student watching the cluster: the narration panel
/// can hide `Minor` lines (heartbeat acks, flow control, ignored duplicates).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Importance {
    Minor,
    Major,
}

// ------------------------------------------------------------------ small helpers

/// A server's name as the page shows it.
fn s(id: NodeId) -> String {
    format!("S{id}")
}

/// Microseconds as milliseconds: whole ms from 10 ms up, one decimal below.
fn ms(lang: Lang, us: u64) -> String {
    let n = if us >= 10_000 || us.is_multiple_of(1000) {
        (us.saturating_add(500) / 1000).to_string()
    } else {
        let tenths = us.saturating_add(50) / 100;
        if tenths.is_multiple_of(10) {
            (tenths / 10).to_string()
        } else {
            format!("{}.{}", tenths / 10, tenths % 10)
        }
    };
    match lang {
        Lang::En => format!("{n} ms"),
        Lang::Ko => format!("{n}ms"),
    }
}

/// "a, b and c" in English, "a, b, c" in Korean.
fn join(lang: Lang, items: &[String]) -> String {
    match (lang, items) {
        (Lang::En, []) => "no one".to_string(),
        (Lang::Ko, []) => "없음".to_string(),
        (_, [one]) => one.clone(),
        (Lang::En, [init @ .., last]) => format!("{} and {last}", init.join(", ")),
        (Lang::Ko, _) => items.join(", "),
    }
}

fn nodes(lang: Lang, ids: &[NodeId]) -> String {
    join(lang, &ids.iter().map(|&id| s(id)).collect::<Vec<_>>())
}

fn numbers(lang: Lang, ns: &[u64]) -> String {
    join(lang, &ns.iter().map(u64::to_string).collect::<Vec<_>>())
}

fn entries_en(n: u64) -> String {
    if n == 1 {
        "1 entry".to_string()
    } else {
        format!("{n} entries")
    }
}

/// Korean particles whose form depends on whether the word ends in a consonant.
#[derive(Clone, Copy)]
enum Josa {
    /// 이/가
    Ga,
    /// 은/는
    Neun,
    /// 을/를
    Reul,
    /// 으로/로 (로 also after ㄹ)
    Ro,
}

/// Whether `word` is read with a final consonant, and whether that consonant is ㄹ.
/// Parenthesised asides at the end are skipped ("항목 7(임기 4)" reads as "항목 7"); digits are
/// read as Sino-Korean numbers (1 일, 3 삼, 10 십…).
fn final_sound(word: &str) -> (bool, bool) {
    let mut w = word.trim_end();
    while let Some(open) = w.strip_suffix(')').and_then(|inner| inner.rfind('(')) {
        w = w[..open].trim_end();
    }
    match w.chars().last() {
        Some(c @ '가'..='힣') => {
            let jong = (u32::from(c) - 0xAC00) % 28;
            (jong != 0, jong == 8)
        }
        Some('1' | '7' | '8' | 'l' | 'L' | 'r' | 'R') => (true, true),
        Some('0' | '3' | '6' | 'm' | 'M' | 'n' | 'N') => (true, false),
        _ => (false, false),
    }
}

fn josa(word: &str, j: Josa) -> String {
    let (consonant, rieul) = final_sound(word);
    let particle = match (j, consonant) {
        (Josa::Ga, true) => "이",
        (Josa::Ga, false) => "가",
        (Josa::Neun, true) => "은",
        (Josa::Neun, false) => "는",
        (Josa::Reul, true) => "을",
        (Josa::Reul, false) => "를",
        (Josa::Ro, true) if !rieul => "으로",
        (Josa::Ro, _) => "로",
    };
    format!("{word}{particle}")
}

pub(crate) fn ga(w: &str) -> String {
    josa(w, Josa::Ga)
}
pub(crate) fn neun(w: &str) -> String {
    josa(w, Josa::Neun)
}
pub(crate) fn reul(w: &str) -> String {
    josa(w, Josa::Reul)
}
pub(crate) fn ro(w: &str) -> String {
    josa(w, Josa::Ro)
}

// ------------------------------------------------------------------ names

/// A message kind, as used in sentences and in the legend.
pub fn message_kind_name(lang: Lang, kind: MessageKind) -> &'static str {
    let (en, ko) = match kind {
        MessageKind::PreVote => ("PreVote request", "사전 투표 요청"),
        MessageKind::PreVoteResp => ("PreVote reply", "사전 투표 응답"),
        MessageKind::RequestVote => ("RequestVote", "투표 요청(RequestVote)"),
        MessageKind::RequestVoteResp => ("RequestVote reply", "투표 응답"),
        MessageKind::AppendEntries => ("AppendEntries", "로그 추가 요청(AppendEntries)"),
        MessageKind::AppendResp => ("AppendEntries reply", "로그 추가 응답"),
        MessageKind::Heartbeat => ("heartbeat", "하트비트"),
        MessageKind::HeartbeatResp => ("heartbeat reply", "하트비트 응답"),
        MessageKind::InstallSnapshot => ("InstallSnapshot", "스냅샷 설치 요청(InstallSnapshot)"),
        MessageKind::TimeoutNow => ("TimeoutNow", "즉시 선거 요청(TimeoutNow)"),
        MessageKind::ReadIndex => ("ReadIndex request", "읽기 확인 요청(ReadIndex)"),
        MessageKind::ReadIndexResp => ("ReadIndex reply", "읽기 확인 응답"),
    };
    pick(lang, en, ko)
}

/// The same state, described for a sentence.
fn progress_state_phrase(lang: Lang, state: ProgressState) -> &'static str {
    let (en, ko) = match state {
        ProgressState::Probe => (
            "probing (one message at a time)",
            "탐색(한 번에 메시지 하나)",
        ),
        ProgressState::Replicate => ("streaming entries", "연속 전송"),
        ProgressState::Snapshot => ("sending a snapshot", "스냅샷 전송"),
    };
    pick(lang, en, ko)
}

/// The short name of a "break it" switch.
pub fn bug_name(lang: Lang, bug: Bug) -> &'static str {
    let (en, ko) = match bug {
        Bug::CommitOldTerm => (
            "Commit old-term entries by counting",
            "이전 임기 항목을 복제 수로 커밋",
        ),
        Bug::VoteWithoutLogCheck => ("Vote without the log check", "로그 확인 없이 투표"),
        Bug::ForgetVoteOnRestart => ("Forget the vote on restart", "재시작하면 투표를 잊음"),
        Bug::NoTimeoutRandomization => {
            ("No random election timeouts", "선거 타임아웃 무작위화 없음")
        }
        Bug::StaleLocalReads => (
            "Reads from the leader's local state",
            "리더의 로컬 상태에서 바로 읽기",
        ),
    };
    pick(lang, en, ko)
}

/// What a "break it" switch changes, which rule it violates, and what goes wrong.
pub fn bug_description(lang: Lang, bug: Bug) -> &'static str {
    let (en, ko) = match bug {
        Bug::CommitOldTerm => (
            "The leader commits an entry from an earlier term as soon as a majority stores it. \
             This ignores §5.4.2 (only entries of the current term are committed by counting \
             replicas): in the Figure 8 scenario a committed entry is later overwritten, which \
             breaks State Machine Safety and Leader Completeness.",
            "리더가 이전 임기의 항목을 과반수가 저장하자마자 커밋합니다. 복제 수를 세어 커밋할 수 \
             있는 것은 현재 임기의 항목뿐이라는 §5.4.2 규칙을 어깁니다. Figure 8 상황에서는 커밋된 \
             항목이 나중에 덮어써져 상태 머신 안전성과 리더 완전성이 깨집니다.",
        ),
        Bug::VoteWithoutLogCheck => (
            "Servers grant votes without checking that the candidate's log is at least as up to \
             date as their own (§5.4.1). A server that lacks committed entries can win an \
             election and overwrite them, which breaks Leader Completeness.",
            "후보의 로그가 자신의 로그만큼 최신인지 확인하지 않고 투표합니다(§5.4.1 위반). 커밋된 \
             항목이 없는 서버가 리더가 되어 그 항목을 덮어쓸 수 있으므로 리더 완전성이 깨집니다.",
        ),
        Bug::ForgetVoteOnRestart => (
            "A restarted server forgets whom it voted for in its current term: the vote is not \
             kept on disk as Figure 2 requires. It can vote twice in one term, so two leaders \
             can be elected in the same term, which breaks Election Safety.",
            "재시작한 서버가 현재 임기에 누구에게 투표했는지 잊습니다. Figure 2가 요구하는 대로 \
             투표를 디스크에 보존하지 않기 때문입니다. 한 임기에 두 번 투표할 수 있어 같은 임기에 \
             리더가 둘 뽑힐 수 있으므로 선거 안전성이 깨집니다.",
        ),
        Bug::NoTimeoutRandomization => (
            "Every server waits exactly the minimum election timeout instead of a random one \
             (§5.2). Candidates keep starting elections at the same moment and split the vote, \
             possibly forever: no leader is elected. This hurts liveness, not safety.",
            "모든 서버가 무작위 값 대신 정확히 최소 선거 타임아웃만큼 기다립니다(§5.2 위반). 후보들이 \
             계속 동시에 선거를 시작해 표가 갈리고, 끝없이 리더가 뽑히지 않을 수 있습니다. 안전성이 \
             아니라 라이브니스가 깨집니다.",
        ),
        Bug::StaleLocalReads => (
            "The leader answers reads from its own state at once, without confirming with a \
             majority (ReadIndex) or holding a lease (thesis §6.4). A deposed leader that has not \
             noticed yet returns stale data, so reads are no longer linearizable.",
            "리더가 과반수 확인(ReadIndex)이나 리스 없이 자기 상태로 바로 읽기에 답합니다(학위 논문 \
             §6.4 위반). 물러난 줄 모르는 이전 리더가 오래된 값을 돌려주므로 읽기가 더 이상 \
             선형화 가능하지 않습니다.",
        ),
    };
    pick(lang, en, ko)
}

fn pick(lang: Lang, en: &'static str, ko: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

// ------------------------------------------------------------------ importance

/// Major: elections, role and term changes, commits, refused requests and failed reads,
/// membership, snapshots, restarts and the "break it" switches at work. Minor: the routine
/// traffic, including each proposal and each successful read (commits already show writes).
pub fn severity(e: &Explain) -> Importance {
    use Importance::{Major, Minor};
    match e {
        Explain::ElectionTimeout { .. }
        | Explain::CampaignStarted { .. }
        | Explain::VoteGranted { .. }
        | Explain::VoteRejected { .. }
        | Explain::VoteReceived { .. }
        | Explain::ElectionLost { .. }
        | Explain::BecameFollower { .. }
        | Explain::BecamePreCandidate { .. }
        | Explain::BecameCandidate { .. }
        | Explain::BecameLeader { .. }
        | Explain::SteppingDown { .. }
        | Explain::TermAdvanced { .. }
        | Explain::EntriesTruncated { .. }
        | Explain::EntryCommitted { .. }
        | Explain::CommitBlockedOldTerm { .. }
        | Explain::OldTermCommittedByCounting { .. }
        | Explain::CheckQuorumFailed { .. }
        | Explain::ProposalRejected { .. }
        | Explain::ReadServed {
            how: ReadHow::UnsafeLocal,
            ..
        }
        | Explain::ReadFailed { .. }
        | Explain::TransferStarted { .. }
        | Explain::TransferAborted { .. }
        | Explain::TransferIgnored { .. }
        | Explain::TransferCompleted { .. }
        | Explain::ConfChangeProposed { .. }
        | Explain::ConfChangeApplied { .. }
        | Explain::ConfChangeCommitted { .. }
        | Explain::LeaveJointProposed { .. }
        | Explain::SnapshotSent { .. }
        | Explain::SnapshotInstalled { .. }
        | Explain::Restarted { .. }
        | Explain::VoteForgotten { .. } => Major,
        Explain::CampaignSkipped { .. }
        | Explain::MessageIgnored { .. }
        | Explain::StaleMessageAnswered { .. }
        | Explain::AppendAccepted { .. }
        | Explain::AppendRejected { .. }
        | Explain::FollowerRejected { .. }
        | Explain::FollowerMatched { .. }
        | Explain::ProgressStateChanged { .. }
        | Explain::CommitLearned { .. }
        | Explain::CheckQuorumPassed { .. }
        | Explain::ProposalAppended { .. }
        | Explain::ReadServed {
            how: ReadHow::ReadIndex | ReadHow::Lease | ReadHow::SingleVoter | ReadHow::FromLeader,
            ..
        }
        | Explain::ReadRequested { .. }
        | Explain::ReadDeferred { .. }
        | Explain::ReadForwarded { .. }
        | Explain::TimeoutNowSent { .. }
        | Explain::SnapshotRejected { .. }
        | Explain::SnapshotCreated { .. }
        | Explain::CompactRejected { .. }
        | Explain::PeerUnreachable { .. }
        | Explain::SnapshotReported { .. } => Minor,
    }
}

// ------------------------------------------------------------------ narration

/// One sentence for what server `node` decided and why.
pub fn narrate(lang: Lang, node: NodeId, e: &Explain) -> String {
    let me = s(node);
    let me = me.as_str();
    match e {
        Explain::ElectionTimeout {
            term,
            timeout_us,
            pre_vote,
        } => election_timeout(lang, me, *term, *timeout_us, *pre_vote),
        Explain::CampaignSkipped { reason } => match lang {
            Lang::En => format!(
                "{me}'s election timer expired, but it does not campaign: {}",
                ignore_reason(lang, node, reason)
            ),
            Lang::Ko => format!(
                "{me}의 선거 타이머가 만료되었지만 선거를 시작하지 않습니다: {}",
                ignore_reason(lang, node, reason)
            ),
        },
        Explain::CampaignStarted {
            kind,
            term,
            last_index,
            last_term,
            voters,
        } => {
            let others: Vec<NodeId> = voters.iter().copied().filter(|&v| v != node).collect();
            let log = last_entry(lang, *last_index, *last_term);
            campaign_started(lang, me, *kind, *term, &others, &log)
        }
        Explain::VoteGranted { to, term, pre_vote } => {
            vote_granted(lang, me, *to, *term, *pre_vote)
        }
        Explain::VoteRejected {
            to,
            term,
            pre_vote,
            reason,
        } => vote_rejected(lang, me, *to, *term, *pre_vote, reason),
        Explain::VoteReceived {
            from,
            term,
            pre_vote,
            granted,
            granted_from,
            rejected_from,
            needed,
            voters: _,
        } => {
            let tally = Tally {
                granted: granted_from,
                rejected: rejected_from,
                needed: *needed,
            };
            vote_received(lang, me, *from, *term, *pre_vote, *granted, &tally)
        }
        Explain::ElectionLost {
            term,
            pre_vote,
            rejected_from,
        } => election_lost(lang, me, *term, *pre_vote, rejected_from),
        Explain::BecameFollower { term, leader } => became_follower(lang, me, *term, *leader),
        Explain::BecamePreCandidate { term } => match lang {
            Lang::En => format!(
                "{me} becomes a pre-candidate; its term stays {term} until a majority says it \
                 would vote for it"
            ),
            Lang::Ko => format!(
                "{} 사전 후보가 됩니다. 과반수가 투표 의향을 밝힐 때까지 임기는 {} 유지됩니다",
                ga(me),
                ro(&term.to_string())
            ),
        },
        Explain::BecameCandidate { term } => match lang {
            Lang::En => format!("{me} becomes a candidate for term {term} and votes for itself"),
            Lang::Ko => format!("{} 임기 {term}의 후보가 되어 자신에게 투표합니다", ga(me)),
        },
        Explain::BecameLeader {
            term,
            votes_from,
            granted,
            voters,
        } => match lang {
            Lang::En => format!(
                "{me} won the election for term {term} with {granted} of {voters} votes ({}) and \
                 becomes leader",
                nodes(lang, votes_from)
            ),
            Lang::Ko => format!(
                "{} 투표 멤버 {voters}대 중 {granted}표({})를 얻어 임기 {term}의 리더가 됩니다",
                ga(me),
                nodes(lang, votes_from)
            ),
        },
        Explain::SteppingDown {
            from_term,
            to_term,
            seen_from,
            reason,
        } => stepping_down(lang, me, *from_term, *to_term, *seen_from, *reason),
        Explain::TermAdvanced {
            from_term,
            to_term,
            seen_from,
            kind,
        } => term_advanced(lang, me, *from_term, *to_term, *seen_from, *kind),
        Explain::MessageIgnored {
            from,
            kind,
            term,
            reason,
        } => {
            let why = ignore_reason(lang, node, reason);
            let what = message_kind_name(lang, *kind);
            match lang {
                Lang::En => format!("{me} ignores {}'s {what} (term {term}): {why}", s(*from)),
                Lang::Ko => format!(
                    "{} {}의 {} 무시합니다: {why}",
                    ga(me),
                    s(*from),
                    reul(&format!("{what}(임기 {term})"))
                ),
            }
        }
        Explain::StaleMessageAnswered {
            from,
            kind,
            msg_term,
            my_term,
        } => stale_answered(lang, me, *from, *kind, *msg_term, *my_term),
        Explain::AppendAccepted {
            leader,
            prev_index,
            prev_term,
            entries,
            last_index,
        } => {
            let at = log_position(lang, *prev_index, *prev_term);
            let n = u64::try_from(*entries).unwrap_or(u64::MAX);
            append_accepted(lang, me, *leader, &at, n, *last_index)
        }
        Explain::AppendRejected {
            leader,
            prev_index,
            prev_term,
            reason,
            conflict_term,
            conflict_index,
        } => {
            let hint = (*conflict_term, *conflict_index);
            append_rejected(lang, me, *leader, *prev_index, *prev_term, *reason, hint)
        }
        Explain::EntriesTruncated {
            from_index,
            removed,
            removed_terms,
        } => entries_truncated(lang, me, *from_index, *removed, removed_terms),
        Explain::FollowerRejected {
            peer,
            rejected_index,
            conflict_term,
            conflict_index,
            next_index,
        } => {
            let hint = (*conflict_term, *conflict_index);
            follower_rejected(lang, me, *peer, *rejected_index, hint, *next_index)
        }
        Explain::FollowerMatched { peer, match_index } => match lang {
            Lang::En => format!(
                "{me} now knows {}'s log matches its own up to index {match_index}",
                s(*peer)
            ),
            Lang::Ko => format!(
                "{} {}의 로그가 인덱스 {match_index}까지 자신과 일치함을 확인했습니다",
                neun(me),
                s(*peer)
            ),
        },
        Explain::ProgressStateChanged { peer, from, to } => {
            let (a, b) = (
                progress_state_phrase(lang, *from),
                progress_state_phrase(lang, *to),
            );
            match lang {
                Lang::En => format!("{me} switches replication to {} from {a} to {b}", s(*peer)),
                Lang::Ko => format!(
                    "{} {}에 대한 복제 방식을 {a}에서 {} 바꿉니다",
                    ga(me),
                    s(*peer),
                    ro(b)
                ),
            }
        }
        Explain::EntryCommitted {
            first_index,
            index,
            term,
            replicated_on,
            count,
            voters,
        } => {
            let range = (*first_index, *index);
            entry_committed(lang, range, *term, replicated_on, *count, *voters)
        }
        Explain::CommitBlockedOldTerm {
            index,
            entry_term,
            current_term,
            replicated_on,
            count,
            voters,
        } => {
            let list = nodes(lang, replicated_on);
            let on = match lang {
                Lang::En => format!("{list} ({count} of {voters})"),
                Lang::Ko => format!("{list}({voters}대 중 {count}대)"),
            };
            commit_blocked(lang, me, *index, *entry_term, *current_term, &on)
        }
        Explain::OldTermCommittedByCounting {
            index,
            entry_term,
            current_term,
        } => old_term_committed(lang, me, *index, *entry_term, *current_term),
        Explain::CommitLearned { from, to, leader } => match lang {
            Lang::En => format!(
                "{me} learns from leader {} that entries up to index {to} are committed (was \
                 {from})",
                s(*leader)
            ),
            Lang::Ko => format!(
                "{} 리더 {}부터 인덱스 {to}까지 커밋되었음을 알게 됩니다(이전: {from})",
                ga(me),
                ro(&s(*leader))
            ),
        },
        Explain::CheckQuorumFailed {
            term,
            active,
            needed,
            voters,
        } => check_quorum_failed(lang, me, *term, active, *needed, *voters),
        Explain::CheckQuorumPassed { term, active } => match lang {
            Lang::En => format!(
                "{me} is still backed by a majority in term {term}: it heard from {} \
                 (check-quorum)",
                nodes(lang, active)
            ),
            Lang::Ko => format!(
                "{} 임기 {term}에서 여전히 과반수의 지지를 받고 있습니다: {}의 응답을 받았습니다\
                 (check-quorum)",
                neun(me),
                nodes(lang, active)
            ),
        },
        Explain::ProposalAppended { index, term } => match lang {
            Lang::En => format!(
                "Leader {me} appends a client command as entry {index} (term {term}) and sends it \
                 to the followers"
            ),
            Lang::Ko => format!(
                "리더 {} 클라이언트 명령을 {} 추가하고 팔로워들에게 보냅니다",
                ga(me),
                ro(&format!("항목 {index}(임기 {term})"))
            ),
        },
        Explain::ProposalRejected { error } => match lang {
            Lang::En => format!("{me} refuses the request: {}", propose_error(lang, error)),
            Lang::Ko => format!(
                "{} 요청을 거절합니다: {}",
                ga(me),
                propose_error(lang, error)
            ),
        },
        Explain::ReadRequested { ctx, index } => match lang {
            Lang::En => {
                format!("{me} handles read #{ctx}: its read index is the commit index, {index}")
            }
            Lang::Ko => format!(
                "{} {} 처리합니다: 읽기 인덱스는 커밋 인덱스인 {index}입니다",
                ga(me),
                reul(&format!("읽기 #{ctx}"))
            ),
        },
        Explain::ReadDeferred { ctx } => match lang {
            Lang::En => format!(
                "{me} holds read #{ctx} until an entry of its own term is committed: a new leader \
                 does not know the latest commit index yet"
            ),
            Lang::Ko => format!(
                "{} 자기 임기의 항목이 커밋될 때까지 {} 보류합니다: 새 리더는 아직 최신 커밋 \
                 인덱스를 모릅니다",
                neun(me),
                reul(&format!("읽기 #{ctx}"))
            ),
        },
        Explain::ReadForwarded { ctx, leader } => match lang {
            Lang::En => format!("{me} forwards read #{ctx} to leader {}", s(*leader)),
            Lang::Ko => format!(
                "{} {} 리더 {}에게 전달합니다",
                ga(me),
                reul(&format!("읽기 #{ctx}")),
                s(*leader)
            ),
        },
        Explain::ReadServed { ctx, index, how } => read_served(lang, me, *ctx, *index, *how),
        Explain::ReadFailed { ctx, reason } => match lang {
            Lang::En => format!(
                "Read #{ctx} at {me} failed: {}",
                read_fail_reason(lang, *reason)
            ),
            Lang::Ko => format!(
                "{me}의 {} 실패했습니다: {}",
                ga(&format!("읽기 #{ctx}")),
                read_fail_reason(lang, *reason)
            ),
        },
        Explain::TransferStarted {
            to,
            term,
            target_match,
            last_index,
        } => transfer_started(lang, me, *to, *term, *target_match, *last_index),
        Explain::TimeoutNowSent { to } => match lang {
            Lang::En => format!(
                "{me} tells {} to start an election right away (TimeoutNow)",
                s(*to)
            ),
            Lang::Ko => format!(
                "{} {}에게 즉시 선거를 시작하라고 알립니다(TimeoutNow)",
                ga(me),
                s(*to)
            ),
        },
        Explain::TransferAborted { to, reason } => match lang {
            Lang::En => format!(
                "{me} abandons the leadership transfer to {}: {}",
                s(*to),
                transfer_reason(lang, *to, *reason)
            ),
            Lang::Ko => format!(
                "{} {}에 대한 리더십 이전을 중단합니다: {}",
                ga(me),
                s(*to),
                transfer_reason(lang, *to, *reason)
            ),
        },
        Explain::TransferIgnored { to, reason } => match lang {
            Lang::En => format!(
                "{me} does not transfer leadership to {}: {}",
                s(*to),
                transfer_reason(lang, *to, *reason)
            ),
            Lang::Ko => format!(
                "{} {}에게 리더십을 넘기지 않습니다: {}",
                neun(me),
                s(*to),
                transfer_reason(lang, *to, *reason)
            ),
        },
        Explain::TransferCompleted { to, new_term } => match lang {
            Lang::En => format!(
                "{me}'s leadership transfer to {} is complete: term {new_term} has begun",
                s(*to)
            ),
            Lang::Ko => format!(
                "{me}의 {}에 대한 리더십 이전이 완료되었습니다: {} 시작되었습니다",
                s(*to),
                ga(&format!("임기 {new_term}"))
            ),
        },
        Explain::ConfChangeProposed { index, change } => match lang {
            Lang::En => format!(
                "Leader {me} proposes a membership change as entry {index}: {}",
                conf_change_text(lang, change)
            ),
            Lang::Ko => format!(
                "리더 {} 멤버십 변경을 {} 제안합니다: {}",
                ga(me),
                ro(&format!("항목 {index}")),
                conf_change_text(lang, change)
            ),
        },
        Explain::ConfChangeApplied { index, membership } => {
            conf_change_applied(lang, me, *index, membership)
        }
        Explain::ConfChangeCommitted { index } => match lang {
            Lang::En => format!("The membership change in entry {index} is committed"),
            Lang::Ko => format!("항목 {index}의 멤버십 변경이 커밋되었습니다"),
        },
        Explain::LeaveJointProposed { index } => match lang {
            Lang::En => {
                format!("Leader {me} proposes leaving the joint configuration as entry {index}")
            }
            Lang::Ko => format!(
                "리더 {} 공동 구성에서 빠져나오는 변경을 {} 제안합니다",
                ga(me),
                ro(&format!("항목 {index}"))
            ),
        },
        Explain::SnapshotSent { to, index, term } => match lang {
            Lang::En => format!(
                "{me} sends {to} a snapshot up to index {index} (term {term}): the entries {to} \
                 needs were compacted away",
                to = s(*to)
            ),
            Lang::Ko => format!(
                "{} {to}에게 인덱스 {index}(임기 {term})까지의 스냅샷을 보냅니다: {to}에게 필요한 \
                 항목은 이미 압축되어 로그에 없습니다",
                ga(me),
                to = s(*to)
            ),
        },
        Explain::SnapshotInstalled { from, index, term } => match lang {
            Lang::En => format!(
                "{me} installs {}'s snapshot up to index {index} (term {term}) in place of its \
                 log",
                s(*from)
            ),
            Lang::Ko => format!(
                "{} {}의 스냅샷(인덱스 {index}, 임기 {term}까지)을 설치하고 로그를 대체합니다",
                ga(me),
                s(*from)
            ),
        },
        Explain::SnapshotRejected {
            from,
            index,
            commit,
        } => match lang {
            Lang::En => format!(
                "{me} ignores {}'s snapshot up to index {index}: it has already committed up to \
                 {commit}",
                s(*from)
            ),
            Lang::Ko => format!(
                "{} {}의 인덱스 {index}까지의 스냅샷을 무시합니다: 이미 인덱스 {commit}까지 \
                 커밋했습니다",
                ga(me),
                s(*from)
            ),
        },
        Explain::SnapshotCreated { index, term } => match lang {
            Lang::En => {
                format!("{me} compacts its log into a snapshot up to index {index} (term {term})")
            }
            Lang::Ko => format!(
                "{} 인덱스 {index}(임기 {term})까지의 로그를 스냅샷으로 압축합니다",
                ga(me)
            ),
        },
        Explain::CompactRejected {
            index,
            applied,
            first_index,
        } => compact_rejected(lang, me, *index, *applied, *first_index),
        Explain::PeerUnreachable { peer } => match lang {
            Lang::En => format!(
                "{me} is told {p} is unreachable; it will probe {p} one message at a time",
                p = s(*peer)
            ),
            Lang::Ko => format!(
                "{} {}에 연결할 수 없다는 보고를 받았습니다. 메시지를 하나씩 보내며 탐색합니다",
                ga(me),
                s(*peer)
            ),
        },
        Explain::SnapshotReported { peer, ok } => snapshot_reported(lang, me, *peer, *ok),
        Explain::Restarted {
            term,
            vote,
            last_index,
            snapshot_index,
        } => restarted(lang, me, *term, *vote, *last_index, *snapshot_index),
        Explain::VoteForgotten { term, vote } => match lang {
            Lang::En => format!(
                "Break-it switch \u{201c}{}\u{201d}: {me} forgets that it voted for {} in term \
                 {term} and may vote again in that term",
                bug_name(lang, Bug::ForgetVoteOnRestart),
                s(*vote)
            ),
            Lang::Ko => format!(
                "학습용 버그 스위치 \u{2018}{}\u{2019}: {} 임기 {term}에 {}에게 투표한 사실을 잊어 \
                 같은 임기에 다시 투표할 수 있습니다",
                bug_name(lang, Bug::ForgetVoteOnRestart),
                ga(me),
                s(*vote)
            ),
        },
    }
}

// ------------------------------------------------------------------ elections

fn election_timeout(lang: Lang, me: &str, term: Term, timeout_us: u64, pre_vote: bool) -> String {
    let next = term.saturating_add(1);
    let after = ms(lang, timeout_us);
    match (lang, pre_vote) {
        (Lang::En, false) => {
            format!("{me} timed out after {after} and starts an election for term {next}")
        }
        (Lang::En, true) => format!(
            "{me} timed out after {after}; before starting an election for term {next} it asks \
             the others whether they would vote for it (pre-vote)"
        ),
        (Lang::Ko, false) => {
            format!("{me}의 선거 타이머가 {after} 후 만료되어 임기 {next} 선거를 시작합니다")
        }
        (Lang::Ko, true) => format!(
            "{me}의 선거 타이머가 {after} 후 만료되었습니다. 임기 {next} 선거를 시작하기 전에 다른 \
             서버들이 자신에게 투표할지 먼저 묻습니다(사전 투표)"
        ),
    }
}

/// "its last log entry is index 7, term 4" (or an empty log).
fn last_entry(lang: Lang, index: Index, term: Term) -> String {
    match (lang, index) {
        (Lang::En, 0) => "its log is empty".to_string(),
        (Lang::En, _) => format!("its last log entry is index {index}, term {term}"),
        (Lang::Ko, 0) => "로그가 비어 있음".to_string(),
        (Lang::Ko, _) => format!("마지막 로그 항목: 인덱스 {index}, 임기 {term}"),
    }
}

fn campaign_started(
    lang: Lang,
    me: &str,
    kind: CampaignKind,
    term: Term,
    others: &[NodeId],
    log: &str,
) -> String {
    let to = nodes(lang, others);
    let alone = others.is_empty();
    match (lang, kind, alone) {
        (Lang::En, CampaignKind::PreVote, true) => {
            format!("{me} is the only voter, so its pre-vote for term {term} succeeds at once")
        }
        (Lang::En, CampaignKind::PreVote, false) => {
            format!("{me} asks {to} whether they would vote for it in term {term} ({log})")
        }
        (Lang::En, CampaignKind::Election, true) => {
            format!("{me} is the only voter and wins term {term} with its own vote")
        }
        (Lang::En, CampaignKind::Election, false) => format!(
            "{me} starts the election for term {term}: it votes for itself and asks {to} for \
             their votes ({log})"
        ),
        (Lang::En, CampaignKind::Transfer, _) => format!(
            "{me} was asked to take over leadership: it starts the election for term {term} at \
             once, without pre-vote, and asks {to} for their votes ({log})"
        ),
        (Lang::Ko, CampaignKind::PreVote, true) => format!(
            "{} 유일한 투표 멤버이므로 임기 {term} 사전 투표가 바로 성공합니다",
            neun(me)
        ),
        (Lang::Ko, CampaignKind::PreVote, false) => format!(
            "{} {to}에게 임기 {term}에서 자신에게 투표할지 묻습니다({log})",
            ga(me)
        ),
        (Lang::Ko, CampaignKind::Election, true) => format!(
            "{} 유일한 투표 멤버이므로 자신의 표만으로 임기 {term} 선거에서 이깁니다",
            neun(me)
        ),
        (Lang::Ko, CampaignKind::Election, false) => format!(
            "{} 임기 {term} 선거를 시작합니다: 자신에게 투표하고 {to}에게 투표를 요청합니다({log})",
            ga(me)
        ),
        (Lang::Ko, CampaignKind::Transfer, _) => format!(
            "{} 리더십 이전 요청을 받아 사전 투표 없이 곧바로 임기 {term} 선거를 시작하고 {to}에게 \
             투표를 요청합니다({log})",
            neun(me)
        ),
    }
}

fn vote_granted(lang: Lang, me: &str, to: NodeId, term: Term, pre_vote: bool) -> String {
    let to = s(to);
    match (lang, pre_vote) {
        (Lang::En, false) => format!("{me} votes for {to} in term {term}"),
        (Lang::En, true) => format!(
            "{me} would vote for {to} in term {term} (pre-vote granted; nothing is recorded)"
        ),
        (Lang::Ko, false) => format!("{} 임기 {term}에서 {to}에게 투표합니다", ga(me)),
        (Lang::Ko, true) => format!(
            "{} 사전 투표에 찬성합니다: 임기 {term}에 {to}에게 투표할 의향이 있습니다(기록은 \
             남기지 않음)",
            ga(me)
        ),
    }
}

fn vote_rejected(
    lang: Lang,
    me: &str,
    to: NodeId,
    term: Term,
    pre_vote: bool,
    reason: &VoteRejectReason,
) -> String {
    let why = vote_reject_reason(lang, to, reason);
    let cand = s(to);
    match (lang, pre_vote) {
        (Lang::En, false) => {
            format!("{me} rejected {cand}'s vote request for term {term}: {why}")
        }
        (Lang::En, true) => {
            format!("{me} rejected {cand}'s pre-vote request for term {term}: {why}")
        }
        (Lang::Ko, false) => format!(
            "{} {cand}의 투표 요청(임기 {term})을 거절했습니다: {why}",
            ga(me)
        ),
        (Lang::Ko, true) => format!(
            "{} {cand}의 사전 투표 요청(임기 {term})을 거절했습니다: {why}",
            ga(me)
        ),
    }
}

/// Why a vote was refused, in the voter's own words.
fn vote_reject_reason(lang: Lang, candidate: NodeId, r: &VoteRejectReason) -> String {
    let cand = s(candidate);
    match (lang, r) {
        (Lang::En, VoteRejectReason::AlreadyVoted { voted_for, term }) => {
            format!("I already voted for {} in term {term}", s(*voted_for))
        }
        (Lang::Ko, VoteRejectReason::AlreadyVoted { voted_for, term }) => {
            format!("이미 임기 {term}에서 {}에게 투표했습니다", s(*voted_for))
        }
        (Lang::En, VoteRejectReason::HasLeader { leader, term }) => {
            format!("I already follow leader {} in term {term}", s(*leader))
        }
        (Lang::Ko, VoteRejectReason::HasLeader { leader, term }) => format!(
            "이미 임기 {term}의 리더 {} 따르고 있습니다",
            reul(&s(*leader))
        ),
        (
            Lang::En,
            VoteRejectReason::CandidateLastTermOlder {
                candidate_last_term,
                my_last_term,
            },
        ) => format!(
            "{cand}'s last log term {candidate_last_term} is older than mine ({my_last_term})"
        ),
        (
            Lang::Ko,
            VoteRejectReason::CandidateLastTermOlder {
                candidate_last_term,
                my_last_term,
            },
        ) => format!(
            "{cand}의 마지막 로그 임기 {} 내 마지막 로그 임기 {my_last_term}보다 오래되었습니다",
            ga(&candidate_last_term.to_string())
        ),
        (
            Lang::En,
            VoteRejectReason::CandidateLogShorter {
                last_term,
                candidate_last_index,
                my_last_index,
            },
        ) => format!(
            "our last log terms are equal ({last_term}), but {cand}'s log is shorter (it ends at \
             index {candidate_last_index}, mine at {my_last_index})"
        ),
        (
            Lang::Ko,
            VoteRejectReason::CandidateLogShorter {
                last_term,
                candidate_last_index,
                my_last_index,
            },
        ) => format!(
            "마지막 로그 임기({last_term})는 같지만 {cand}의 로그가 더 짧습니다(인덱스 \
             {candidate_last_index}까지, 내 로그는 {my_last_index}까지)"
        ),
        (
            Lang::En,
            VoteRejectReason::StaleTerm {
                candidate_term,
                my_term,
            },
        ) => format!("its term {candidate_term} is older than mine ({my_term})"),
        (
            Lang::Ko,
            VoteRejectReason::StaleTerm {
                candidate_term,
                my_term,
            },
        ) => format!(
            "요청의 임기 {} 내 임기 {my_term}보다 낮습니다",
            ga(&candidate_term.to_string())
        ),
    }
}

/// Votes counted so far in a campaign.
struct Tally<'a> {
    granted: &'a [NodeId],
    rejected: &'a [NodeId],
    needed: usize,
}

fn vote_received(
    lang: Lang,
    me: &str,
    from: NodeId,
    term: Term,
    pre_vote: bool,
    granted: bool,
    t: &Tally<'_>,
) -> String {
    let from = s(from);
    let (g, r, needed) = (t.granted.len(), t.rejected.len(), t.needed);
    let yes = nodes(lang, t.granted);
    let no = nodes(lang, t.rejected);
    match (lang, granted) {
        (Lang::En, true) => format!(
            "{me} got {from}'s {} for term {term}: now {g} of the {needed} it needs ({yes})",
            if pre_vote { "pre-vote" } else { "vote" }
        ),
        (Lang::En, false) => format!(
            "{from} refused {me} its {} for term {term}: {me} has {g} of the {needed} it needs; \
             refused by {no}",
            if pre_vote { "pre-vote" } else { "vote" }
        ),
        (Lang::Ko, true) => format!(
            "{} {from}의 {}를 받았습니다(임기 {term}): 필요한 {needed}표 중 {g}표 확보({yes})",
            ga(me),
            if pre_vote { "사전 투표" } else { "투표" }
        ),
        (Lang::Ko, false) => format!(
            "{} {me}에게 {}를 거절했습니다(임기 {term}): 필요한 {needed}표 중 {g}표, 거절 \
             {r}표({no})",
            ga(&from),
            if pre_vote { "사전 투표" } else { "투표" }
        ),
    }
}

fn election_lost(lang: Lang, me: &str, term: Term, pre_vote: bool, rejected: &[NodeId]) -> String {
    let who = nodes(lang, rejected);
    match (lang, pre_vote) {
        (Lang::En, true) => format!(
            "{me}'s pre-vote failed: {who} would not vote for it, so it stays a follower in \
             term {term} without raising its term"
        ),
        (Lang::En, false) => format!(
            "{me} lost the election for term {term}: {who} refused, so a majority is out of \
             reach; it becomes a follower"
        ),
        (Lang::Ko, true) => format!(
            "{me}의 사전 투표가 실패했습니다: {} 투표하지 않겠다고 답해 임기를 올리지 않고 임기 \
             {term}의 팔로워로 남습니다",
            ga(&who)
        ),
        (Lang::Ko, false) => format!(
            "{} 임기 {term} 선거에서 졌습니다: {} 거절해 과반수를 얻을 수 없으므로 팔로워가 \
             됩니다",
            ga(me),
            ga(&who)
        ),
    }
}

fn became_follower(lang: Lang, me: &str, term: Term, leader: Option<NodeId>) -> String {
    match (lang, leader) {
        (Lang::En, Some(l)) => {
            format!("{me} is now a follower of leader {} in term {term}", s(l))
        }
        (Lang::En, None) => {
            format!("{me} is now a follower in term {term}, with no known leader yet")
        }
        (Lang::Ko, Some(l)) => {
            format!("{} 임기 {term}에서 리더 {}의 팔로워가 됩니다", ga(me), s(l))
        }
        (Lang::Ko, None) => format!(
            "{} 임기 {term}의 팔로워가 됩니다(아직 아는 리더가 없음)",
            ga(me)
        ),
    }
}

fn stepping_down(
    lang: Lang,
    me: &str,
    from_term: Term,
    to_term: Term,
    seen_from: Option<NodeId>,
    reason: StepDownReason,
) -> String {
    let other = seen_from.map(s);
    match (lang, reason, other) {
        (Lang::En, StepDownReason::HigherTerm, Some(o)) => {
            format!("{me} steps down: it saw term {to_term} from {o}")
        }
        (Lang::En, StepDownReason::HigherTerm, None) => {
            format!("{me} steps down: it saw the higher term {to_term}")
        }
        (Lang::Ko, StepDownReason::HigherTerm, Some(o)) => format!(
            "{} 물러납니다: {o}에게서 더 높은 {} 보았습니다",
            ga(me),
            reul(&format!("임기 {to_term}"))
        ),
        (Lang::Ko, StepDownReason::HigherTerm, None) => format!(
            "{} 물러납니다: 더 높은 {} 보았습니다",
            ga(me),
            reul(&format!("임기 {to_term}"))
        ),
        (Lang::En, StepDownReason::LeaderOfSameTerm, o) => format!(
            "{me} stops campaigning: {} is already the leader of term {to_term}",
            o.unwrap_or_else(|| "another server".to_string())
        ),
        (Lang::Ko, StepDownReason::LeaderOfSameTerm, o) => format!(
            "{} 선거를 멈춥니다: {} 이미 임기 {to_term}의 리더입니다",
            ga(me),
            ga(&o.unwrap_or_else(|| "다른 서버".to_string()))
        ),
        (Lang::En, StepDownReason::CheckQuorum, _) => format!(
            "{me} steps down as leader of term {from_term}: it has not heard from a majority of \
             voters for an election timeout (check-quorum)"
        ),
        (Lang::Ko, StepDownReason::CheckQuorum, _) => format!(
            "{} 임기 {from_term}의 리더에서 물러납니다: 선거 타임아웃 동안 투표 멤버 과반수의 \
             응답을 받지 못했습니다(check-quorum)",
            ga(me)
        ),
        (Lang::En, StepDownReason::RemovedFromConfig, _) => {
            format!("{me} steps down as leader: the configuration that removes it is committed")
        }
        (Lang::Ko, StepDownReason::RemovedFromConfig, _) => format!(
            "{} 리더에서 물러납니다: 자신을 제외한 새 구성이 커밋되었습니다",
            ga(me)
        ),
    }
}

fn term_advanced(
    lang: Lang,
    me: &str,
    from_term: Term,
    to_term: Term,
    seen_from: NodeId,
    kind: MessageKind,
) -> String {
    let what = message_kind_name(lang, kind);
    let other = s(seen_from);
    match lang {
        Lang::En => format!(
            "{me} moves from term {from_term} to term {to_term}: {other}'s {what} carried the \
             higher term"
        ),
        Lang::Ko => format!(
            "{} {other}의 {what}에서 더 높은 임기를 보고 임기 {from_term}에서 {} 올립니다",
            ga(me),
            ro(&to_term.to_string())
        ),
    }
}

fn stale_answered(
    lang: Lang,
    me: &str,
    from: NodeId,
    kind: MessageKind,
    msg_term: Term,
    my_term: Term,
) -> String {
    let what = message_kind_name(lang, kind);
    let other = s(from);
    match lang {
        Lang::En => format!(
            "{me} answers {other}'s out-of-date {what} (term {msg_term}) with its current term \
             {my_term}, so that {other} learns it is behind"
        ),
        Lang::Ko => format!(
            "{} {other}의 오래된 {what}(임기 {msg_term})에 현재 {} 담아 답합니다. {} 자신이 \
             뒤처졌음을 알게 됩니다",
            ga(me),
            reul(&format!("임기 {my_term}")),
            neun(&other)
        ),
    }
}

/// Why a message or a campaign was dropped, in the server's own words.
fn ignore_reason(lang: Lang, node: NodeId, r: &IgnoreReason) -> String {
    match (lang, r) {
        (Lang::En, IgnoreReason::StaleTerm { msg_term, my_term }) => {
            format!("its term {msg_term} is older than mine ({my_term})")
        }
        (Lang::Ko, IgnoreReason::StaleTerm { msg_term, my_term }) => format!(
            "메시지의 임기 {} 내 임기 {my_term}보다 낮습니다",
            ga(&msg_term.to_string())
        ),
        (Lang::En, IgnoreReason::InLease { leader, .. }) if *leader == node => {
            "I am the leader myself and still in contact with a majority (check-quorum)".into()
        }
        (Lang::Ko, IgnoreReason::InLease { leader, .. }) if *leader == node => {
            "내가 현재 리더이며 과반수와 연락이 닿고 있습니다(check-quorum)".into()
        }
        (
            _,
            IgnoreReason::InLease {
                leader,
                elapsed_us,
                timeout_us,
            },
        ) => in_lease(lang, *leader, *elapsed_us, *timeout_us),
        (Lang::En, IgnoreReason::UnknownSender) => "the sender is not a member I know".into(),
        (Lang::Ko, IgnoreReason::UnknownSender) => "보낸 서버가 내가 아는 멤버가 아닙니다".into(),
        (Lang::En, IgnoreReason::WrongRecipient { to }) => {
            format!("it was addressed to {}, not to me", s(*to))
        }
        (Lang::Ko, IgnoreReason::WrongRecipient { to }) => {
            format!("내가 아니라 {}에게 보낸 메시지입니다", s(*to))
        }
        (Lang::En, IgnoreReason::WrongRole) => "it means nothing in my current role".into(),
        (Lang::Ko, IgnoreReason::WrongRole) => "지금 내 역할에서는 의미가 없는 메시지입니다".into(),
        (Lang::En, IgnoreReason::NonsensicalIndex { index, last_index }) => {
            format!("it acknowledges index {index}, but my log ends at {last_index}")
        }
        (Lang::Ko, IgnoreReason::NonsensicalIndex { index, last_index }) => {
            format!("인덱스 {index}까지 받았다고 하지만 내 로그는 인덱스 {last_index}에서 끝납니다")
        }
        (Lang::En, IgnoreReason::Stale) => {
            "it answers a request I no longer wait for (a duplicate or a late reply)".into()
        }
        (Lang::Ko, IgnoreReason::Stale) => {
            "더 이상 기다리지 않는 요청에 대한 응답입니다(중복되었거나 늦게 도착함)".into()
        }
        (Lang::En, IgnoreReason::MalformedEntries) => {
            "its entries do not follow on from the previous index or carry impossible terms".into()
        }
        (Lang::Ko, IgnoreReason::MalformedEntries) => {
            "항목들이 이전 인덱스에 이어지지 않거나 불가능한 임기를 담고 있습니다".into()
        }
        (
            Lang::En,
            IgnoreReason::StaleSnapshot {
                snapshot_index,
                commit,
            },
        ) => format!(
            "the snapshot (up to index {snapshot_index}) is older than what I have committed \
             ({commit})"
        ),
        (
            Lang::Ko,
            IgnoreReason::StaleSnapshot {
                snapshot_index,
                commit,
            },
        ) => format!(
            "스냅샷(인덱스 {snapshot_index}까지)이 내가 이미 커밋한 인덱스 {commit}보다 \
             오래되었습니다"
        ),
        (Lang::En, IgnoreReason::NotPromotable) => "I am a learner or not a voter".into(),
        (Lang::Ko, IgnoreReason::NotPromotable) => "러너이거나 투표 멤버가 아닙니다".into(),
    }
}

fn in_lease(lang: Lang, leader: NodeId, elapsed_us: u64, timeout_us: u64) -> String {
    let (ago, limit) = (ms(lang, elapsed_us), ms(lang, timeout_us));
    match lang {
        Lang::En => format!(
            "I heard from leader {} only {ago} ago, less than the {limit} election timeout, so \
             it is still alive (check-quorum)",
            s(leader)
        ),
        Lang::Ko => format!(
            "리더 {}의 메시지를 받은 지 {ago}밖에 지나지 않아(선거 타임아웃 {limit} 미만) 리더가 \
             아직 살아 있다고 판단합니다(check-quorum)",
            s(leader)
        ),
    }
}

// ------------------------------------------------------------------ replication

/// "at index 7 (term 4)" or "at the start of the log".
fn log_position(lang: Lang, index: Index, term: Term) -> String {
    match (lang, index) {
        (Lang::En, 0) => "at the start of the log".to_string(),
        (Lang::En, _) => format!("at index {index} (term {term})"),
        (Lang::Ko, 0) => "처음부터".to_string(),
        (Lang::Ko, _) => format!("인덱스 {index}(임기 {term})에서"),
    }
}

fn append_accepted(lang: Lang, me: &str, leader: NodeId, at: &str, n: u64, last: Index) -> String {
    let leader = s(leader);
    match (lang, n) {
        (Lang::En, 0) => {
            format!("{me}'s log matches leader {leader}'s {at}; there is nothing new to add")
        }
        (Lang::En, _) => format!(
            "{me} accepts {} from leader {leader}: its log matches {at} and now matches up to \
             index {last}",
            entries_en(n)
        ),
        (Lang::Ko, 0) => format!(
            "{me}의 로그가 리더 {leader}의 로그와 {at} 일치합니다. 새로 추가할 항목은 없습니다"
        ),
        (Lang::Ko, _) => format!(
            "{} 리더 {leader}의 항목 {n}개를 받아들입니다: {at} 로그가 일치하며 이제 인덱스 \
             {last}까지 일치합니다",
            ga(me)
        ),
    }
}

fn append_rejected(
    lang: Lang,
    me: &str,
    leader: NodeId,
    prev_index: Index,
    prev_term: Term,
    reason: AppendRejectReason,
    (conflict_term, conflict_index): (Term, Index),
) -> String {
    let l = s(leader);
    match (lang, reason) {
        (Lang::En, AppendRejectReason::Missing { last_index }) => format!(
            "{me} rejects leader {l}'s entries after index {prev_index}: its log ends at index \
             {last_index}, so it has nothing at {prev_index} to compare; it asks {l} to go back \
             to index {conflict_index}"
        ),
        (Lang::Ko, AppendRejectReason::Missing { last_index }) => format!(
            "{} 리더 {l}의 인덱스 {prev_index} 이후 항목을 거부합니다: 로그가 인덱스 \
             {last_index}에서 끝나 인덱스 {prev_index}에 비교할 항목이 없습니다. 인덱스 \
             {conflict_index}부터 보내 달라고 알립니다",
            ga(me)
        ),
        (Lang::En, AppendRejectReason::TermMismatch { my_term }) => format!(
            "{me} rejects leader {l}'s entries after index {prev_index}: its entry there has \
             term {my_term}, not {prev_term}; it tells {l} that its term-{conflict_term} \
             entries start at index {conflict_index}"
        ),
        (Lang::Ko, AppendRejectReason::TermMismatch { my_term }) => format!(
            "{} 리더 {l}의 인덱스 {prev_index} 이후 항목을 거부합니다: 그 위치의 항목 임기가 {} \
             아니라 {my_term}입니다. 임기 {conflict_term} 항목이 인덱스 {conflict_index}부터 \
             시작한다고 알립니다",
            ga(me),
            ga(&prev_term.to_string())
        ),
    }
}

fn entries_truncated(lang: Lang, me: &str, from: Index, removed: u64, terms: &[Term]) -> String {
    let mut distinct = terms.to_vec();
    distinct.dedup();
    let list = numbers(lang, &distinct);
    match (lang, distinct.len()) {
        (Lang::En, 0) => format!(
            "{me} deletes {} from index {from} on: the leader's log differs there",
            entries_en(removed)
        ),
        (Lang::En, n) => format!(
            "{me} deletes {} from index {from} on ({} {list}): the leader's log differs there",
            entries_en(removed),
            if n == 1 { "term" } else { "terms" }
        ),
        (Lang::Ko, 0) => format!(
            "{} 리더의 로그와 충돌하는 인덱스 {from}부터의 항목 {removed}개를 삭제합니다",
            ga(me)
        ),
        (Lang::Ko, _) => format!(
            "{} 리더의 로그와 충돌하는 인덱스 {from}부터의 항목 {removed}개(임기 {list})를 \
             삭제합니다",
            ga(me)
        ),
    }
}

fn follower_rejected(
    lang: Lang,
    me: &str,
    peer: NodeId,
    rejected: Index,
    (conflict_term, conflict_index): (Term, Index),
    next: Index,
) -> String {
    let p = s(peer);
    let ends = conflict_index.saturating_sub(1);
    match (lang, conflict_term) {
        (Lang::En, 0) => format!(
            "{p}'s log is too short for index {rejected} (it ends at index {ends}); {me} will \
             send from index {next} next"
        ),
        (Lang::En, ct) => format!(
            "{p}'s log does not match {me}'s at index {rejected} ({p} has term-{ct} entries \
             from index {conflict_index}); {me} will send from index {next} next"
        ),
        (Lang::Ko, 0) => format!(
            "{p}의 로그가 짧아 인덱스 {rejected}에 항목이 없습니다(인덱스 {ends}에서 끝남). {} \
             다음에 인덱스 {next}부터 보냅니다",
            neun(me)
        ),
        (Lang::Ko, ct) => format!(
            "{p}의 로그가 인덱스 {rejected}에서 {me}의 로그와 일치하지 않습니다({p}에는 인덱스 \
             {conflict_index}부터 임기 {ct} 항목이 있음). {} 다음에 인덱스 {next}부터 보냅니다",
            neun(me)
        ),
    }
}

fn entry_committed(
    lang: Lang,
    (first, index): (Index, Index),
    term: Term,
    on: &[NodeId],
    count: usize,
    voters: usize,
) -> String {
    let on = nodes(lang, on);
    match (lang, first < index) {
        (Lang::En, false) => format!(
            "Entry {index} (term {term}) committed: stored on {on} \u{2014} {count} of {voters}, \
             a majority"
        ),
        (Lang::En, true) => format!(
            "Entries {first}\u{2013}{index} committed: entry {index} (term {term}) is stored on \
             {on} \u{2014} {count} of {voters}, a majority"
        ),
        (Lang::Ko, false) => format!(
            "{} 커밋되었습니다: {on}에 저장됨 \u{2014} {voters}대 중 {count}대로 과반수입니다",
            ga(&format!("항목 {index}(임기 {term})"))
        ),
        (Lang::Ko, true) => format!(
            "항목 {first}\u{2013}{} 커밋되었습니다: {} {on}에 저장됨 \u{2014} {voters}대 중 \
             {count}대로 과반수입니다",
            ga(&index.to_string()),
            ga(&format!("항목 {index}(임기 {term})"))
        ),
    }
}

fn commit_blocked(
    lang: Lang,
    me: &str,
    index: Index,
    entry_term: Term,
    current_term: Term,
    on: &str,
) -> String {
    match lang {
        Lang::En => format!(
            "Entry {index} (term {entry_term}) is stored on {on}, but {me} does not commit it \
             yet: it is from an older term than the current {current_term}, and only entries of \
             the current term are committed by counting replicas (\u{a7}5.4.2)"
        ),
        Lang::Ko => format!(
            "{} {on}에 저장되었지만 {} 아직 커밋하지 않습니다: 현재 임기 {current_term}보다 이전 \
             임기의 항목이며, 복제 수를 세어 커밋할 수 있는 것은 현재 임기의 항목뿐입니다\
             (\u{a7}5.4.2)",
            ga(&format!("항목 {index}(임기 {entry_term})")),
            neun(me)
        ),
    }
}

fn old_term_committed(
    lang: Lang,
    me: &str,
    index: Index,
    entry_term: Term,
    current_term: Term,
) -> String {
    let bug = bug_name(lang, Bug::CommitOldTerm);
    match lang {
        Lang::En => format!(
            "Break-it switch \u{201c}{bug}\u{201d}: {me} commits entry {index} of the older term \
             {entry_term} just by counting replicas in term {current_term}, which \u{a7}5.4.2 \
             forbids (see Figure 8)"
        ),
        Lang::Ko => format!(
            "학습용 버그 스위치 \u{2018}{bug}\u{2019}: {} 이전 임기 {entry_term}의 {} 임기 \
             {current_term}에서 복제 수만 세어 커밋합니다. \u{a7}5.4.2가 금지하는 동작입니다\
             (Figure 8 참고)",
            ga(me),
            reul(&format!("항목 {index}"))
        ),
    }
}

fn check_quorum_failed(
    lang: Lang,
    me: &str,
    term: Term,
    active: &[NodeId],
    needed: usize,
    voters: usize,
) -> String {
    let heard = nodes(lang, active);
    match (lang, active.is_empty()) {
        (Lang::En, true) => format!(
            "{me} heard from no voter during the last election timeout; it needs {needed} of \
             {voters} to stay leader of term {term} (check-quorum)"
        ),
        (Lang::En, false) => format!(
            "{me} heard from only {heard} during the last election timeout \u{2014} fewer than \
             the {needed} of {voters} voters it needs to stay leader of term {term} \
             (check-quorum)"
        ),
        (Lang::Ko, true) => format!(
            "{} 지난 선거 타임아웃 동안 어떤 투표 멤버의 응답도 받지 못했습니다. 임기 {term}의 \
             리더로 남으려면 {voters}대 중 {needed}대가 필요합니다(check-quorum)",
            neun(me)
        ),
        (Lang::Ko, false) => format!(
            "{} 지난 선거 타임아웃 동안 {heard}의 응답만 받았습니다 \u{2014} 임기 {term}의 리더로 \
             남는 데 필요한 {voters}대 중 {needed}대에 못 미칩니다(check-quorum)",
            neun(me)
        ),
    }
}

// ------------------------------------------------------------------ clients and reads

/// Why a proposal was refused, in the server's own words.
fn propose_error(lang: Lang, e: &ProposeError) -> String {
    match (lang, e) {
        (Lang::En, ProposeError::NotLeader { leader: Some(l) }) => {
            format!("I am not the leader; send it to leader {}", s(*l))
        }
        (Lang::Ko, ProposeError::NotLeader { leader: Some(l) }) => {
            format!("나는 리더가 아닙니다. 리더 {}에게 보내세요", s(*l))
        }
        (Lang::En, ProposeError::NotLeader { leader: None }) => {
            "I am not the leader and know of no leader right now".into()
        }
        (Lang::Ko, ProposeError::NotLeader { leader: None }) => {
            "나는 리더가 아니며 지금은 아는 리더도 없습니다".into()
        }
        (Lang::En, ProposeError::TransferInProgress { to }) => {
            format!("leadership is being handed over to {}", s(*to))
        }
        (Lang::Ko, ProposeError::TransferInProgress { to }) => {
            format!("리더십을 {}에게 넘기는 중입니다", s(*to))
        }
        (Lang::En, ProposeError::ConfChangePending { index }) => {
            format!("the membership change in entry {index} is not committed yet")
        }
        (Lang::Ko, ProposeError::ConfChangePending { index }) => {
            format!("항목 {index}의 멤버십 변경이 아직 커밋되지 않았습니다")
        }
        (Lang::En, ProposeError::LeaderNotReady) => {
            "as a new leader I must first commit an entry of my own term before changing \
             membership"
                .into()
        }
        (Lang::Ko, ProposeError::LeaderNotReady) => {
            "새 리더는 멤버십을 바꾸기 전에 자기 임기의 항목을 먼저 커밋해야 합니다".into()
        }
        (Lang::En, ProposeError::InvalidConfChange(err)) => format!(
            "the membership change is invalid because {}",
            conf_change_error_text(lang, *err)
        ),
        (Lang::Ko, ProposeError::InvalidConfChange(err)) => format!(
            "잘못된 멤버십 변경입니다 \u{2014} {}",
            conf_change_error_text(lang, *err)
        ),
    }
}

fn read_served(lang: Lang, me: &str, ctx: u64, index: Index, how: ReadHow) -> String {
    let read = format!("#{ctx}");
    let read_obj = reul(&format!("읽기 {read}"));
    match (lang, how) {
        (Lang::En, ReadHow::ReadIndex) => format!(
            "{me} serves read {read} at index {index}: a majority acknowledged its heartbeat, so \
             it is still the leader (ReadIndex)"
        ),
        (Lang::Ko, ReadHow::ReadIndex) => format!(
            "{} {read_obj} 인덱스 {index}에서 처리합니다: 과반수가 하트비트에 응답해 여전히 \
             리더임이 확인되었습니다(ReadIndex)",
            ga(me)
        ),
        (Lang::En, ReadHow::Lease) => format!(
            "{me} serves read {read} at index {index} within its leader lease: no other leader \
             can exist yet"
        ),
        (Lang::Ko, ReadHow::Lease) => format!(
            "{} 리더 리스 안에서 {read_obj} 인덱스 {index}에서 처리합니다: 아직 다른 리더가 \
             있을 수 없습니다",
            ga(me)
        ),
        (Lang::En, ReadHow::SingleVoter) => {
            format!("{me} serves read {read} at index {index}: it is the only voter")
        }
        (Lang::Ko, ReadHow::SingleVoter) => format!(
            "{} {read_obj} 인덱스 {index}에서 처리합니다: 유일한 투표 멤버입니다",
            ga(me)
        ),
        (Lang::En, ReadHow::UnsafeLocal) => format!(
            "Break-it switch \u{201c}{}\u{201d}: {me} answers read {read} from its local state \
             (index {index}) without checking that it is still leader; the answer may be stale",
            bug_name(lang, Bug::StaleLocalReads)
        ),
        (Lang::Ko, ReadHow::UnsafeLocal) => format!(
            "학습용 버그 스위치 \u{2018}{}\u{2019}: {} 리더인지 확인하지 않고 로컬 상태(인덱스 \
             {index})로 읽기 {read}에 답합니다. 오래된 값일 수 있습니다",
            bug_name(lang, Bug::StaleLocalReads),
            ga(me)
        ),
        (Lang::En, ReadHow::FromLeader) => format!(
            "{me} gets read index {index} for read {read} from the leader and can answer once \
             it has applied up to there"
        ),
        (Lang::Ko, ReadHow::FromLeader) => format!(
            "{} 리더에게서 읽기 {read}의 {} 받았습니다. 거기까지 적용하면 답할 수 있습니다",
            ga(me),
            reul(&format!("읽기 인덱스 {index}"))
        ),
    }
}

fn read_fail_reason(lang: Lang, r: ReadFailReason) -> &'static str {
    let (en, ko) = match r {
        ReadFailReason::NoLeader => ("no leader is known", "알려진 리더가 없습니다"),
        ReadFailReason::LeadershipLost => (
            "the leader changed before the read could be confirmed",
            "읽기가 확인되기 전에 리더가 바뀌었습니다",
        ),
        ReadFailReason::TransferInProgress => (
            "a leadership transfer is in progress",
            "리더십 이전이 진행 중입니다",
        ),
        ReadFailReason::LeaderRefused => (
            "the leader could not confirm it",
            "리더가 확인해 주지 못했습니다",
        ),
    };
    pick(lang, en, ko)
}

// ------------------------------------------------------------------ leadership transfer

fn transfer_started(
    lang: Lang,
    me: &str,
    to: NodeId,
    term: Term,
    target_match: Index,
    last_index: Index,
) -> String {
    let t = s(to);
    match (lang, target_match >= last_index) {
        (Lang::En, true) => format!(
            "{me} starts handing leadership to {t} in term {term}; {t} already has its whole log"
        ),
        (Lang::En, false) => format!(
            "{me} starts handing leadership to {t} in term {term}; first it brings {t}'s log \
             from index {target_match} up to {last_index}"
        ),
        (Lang::Ko, true) => format!(
            "{} 임기 {term}에서 {t}에게 리더십 이전을 시작합니다. {} 이미 로그를 모두 갖고 \
             있습니다",
            ga(me),
            neun(&t)
        ),
        (Lang::Ko, false) => format!(
            "{} 임기 {term}에서 {t}에게 리더십 이전을 시작합니다. 먼저 {t}의 로그를 인덱스 \
             {target_match}에서 {last_index}까지 따라잡게 합니다",
            ga(me)
        ),
    }
}

fn transfer_reason(lang: Lang, to: NodeId, r: TransferAbortReason) -> String {
    let t = s(to);
    match (lang, r) {
        (Lang::En, TransferAbortReason::Timeout) => {
            "no new leader emerged within an election timeout".into()
        }
        (Lang::Ko, TransferAbortReason::Timeout) => {
            "선거 타임아웃 안에 새 리더가 나오지 않았습니다".into()
        }
        (Lang::En, TransferAbortReason::NotAVoter) => format!("{t} is not a voter"),
        (Lang::Ko, TransferAbortReason::NotAVoter) => {
            format!("{} 투표 멤버가 아닙니다", neun(&t))
        }
        (Lang::En, TransferAbortReason::TargetRemoved) => {
            format!("{t} was removed from the configuration")
        }
        (Lang::Ko, TransferAbortReason::TargetRemoved) => {
            format!("{} 구성에서 제거되었습니다", ga(&t))
        }
        (Lang::En, TransferAbortReason::Superseded) => "a new transfer request replaced it".into(),
        (Lang::Ko, TransferAbortReason::Superseded) => "새 이전 요청으로 대체되었습니다".into(),
        (Lang::En, TransferAbortReason::NoLongerLeader) => "I am no longer the leader".into(),
        (Lang::Ko, TransferAbortReason::NoLongerLeader) => "나는 더 이상 리더가 아닙니다".into(),
    }
}

// ------------------------------------------------------------------ membership

/// One elementary membership step, e.g. "add S4 as a voter".
pub fn conf_change_step_text(lang: Lang, step: &ConfChangeStep) -> String {
    match (lang, step) {
        (Lang::En, ConfChangeStep::AddVoter(n)) => format!("add {} as a voter", s(*n)),
        (Lang::Ko, ConfChangeStep::AddVoter(n)) => {
            format!("{} 투표 멤버로 추가", reul(&s(*n)))
        }
        (Lang::En, ConfChangeStep::AddLearner(n)) => format!("add {} as a learner", s(*n)),
        (Lang::Ko, ConfChangeStep::AddLearner(n)) => format!("{} 러너로 추가", reul(&s(*n))),
        (Lang::En, ConfChangeStep::Remove(n)) => format!("remove {}", s(*n)),
        (Lang::Ko, ConfChangeStep::Remove(n)) => format!("{} 제거", s(*n)),
        (Lang::En, ConfChangeStep::PromoteLearner(n)) => {
            format!("promote learner {} to voter", s(*n))
        }
        (Lang::Ko, ConfChangeStep::PromoteLearner(n)) => {
            format!("러너 {} 투표 멤버로 승격", reul(&s(*n)))
        }
    }
}

/// A proposed membership change.
pub fn conf_change_text(lang: Lang, change: &ConfChange) -> String {
    match (lang, change) {
        (_, ConfChange::Simple(step)) => conf_change_step_text(lang, step),
        (_, ConfChange::EnterJoint { steps, auto_leave }) => {
            let list: Vec<String> = steps
                .iter()
                .map(|st| conf_change_step_text(lang, st))
                .collect();
            let list = join(lang, &list);
            match (lang, auto_leave) {
                (Lang::En, true) => format!(
                    "enter joint consensus to {list}, then leave it automatically once committed"
                ),
                (Lang::En, false) => {
                    format!("enter joint consensus to {list}, and stay joint until asked to leave")
                }
                (Lang::Ko, true) => format!(
                    "공동 합의(joint consensus)에 들어가 {list} \u{2014} 커밋되면 자동으로 \
                     빠져나옴"
                ),
                (Lang::Ko, false) => format!(
                    "공동 합의(joint consensus)에 들어가 {list} \u{2014} 요청이 있을 때까지 공동 \
                     구성 유지"
                ),
            }
        }
        (Lang::En, ConfChange::LeaveJoint) => "leave the joint configuration".into(),
        (Lang::Ko, ConfChange::LeaveJoint) => "공동 구성에서 빠져나오기".into(),
    }
}

/// Why a membership change is invalid.
pub fn conf_change_error_text(lang: Lang, e: ConfChangeError) -> String {
    match (lang, e) {
        (Lang::En, ConfChangeError::AlreadyJoint) => {
            "a joint configuration is already in effect; leave it first".into()
        }
        (Lang::Ko, ConfChangeError::AlreadyJoint) => {
            "이미 공동 구성 상태입니다. 먼저 빠져나와야 합니다".into()
        }
        (Lang::En, ConfChangeError::NotJoint) => "there is no joint configuration to leave".into(),
        (Lang::Ko, ConfChangeError::NotJoint) => "빠져나올 공동 구성이 없습니다".into(),
        (Lang::En, ConfChangeError::MoreThanOneVoterChanged) => {
            "it changes more than one voter at once; use joint consensus".into()
        }
        (Lang::Ko, ConfChangeError::MoreThanOneVoterChanged) => {
            "한 번에 둘 이상의 투표 멤버를 바꿉니다. 공동 합의(joint consensus)를 사용하세요".into()
        }
        (Lang::En, ConfChangeError::NoVotersLeft) => "it would leave no voter".into(),
        (Lang::Ko, ConfChangeError::NoVotersLeft) => "투표 멤버가 하나도 남지 않습니다".into(),
        (Lang::En, ConfChangeError::InvalidNodeId) => "0 is not a valid server id".into(),
        (Lang::Ko, ConfChangeError::InvalidNodeId) => "0은 올바른 서버 ID가 아닙니다".into(),
        (Lang::En, ConfChangeError::NotALearner { node }) => {
            format!("{} is not a learner", s(node))
        }
        (Lang::Ko, ConfChangeError::NotALearner { node }) => {
            format!("{} 러너가 아닙니다", neun(&s(node)))
        }
        (Lang::En, ConfChangeError::NotAMember { node }) => {
            format!("{} is not a member", s(node))
        }
        (Lang::Ko, ConfChangeError::NotAMember { node }) => {
            format!("{} 멤버가 아닙니다", neun(&s(node)))
        }
        (Lang::En, ConfChangeError::EmptyChange) => "the change lists no step".into(),
        (Lang::Ko, ConfChangeError::EmptyChange) => "변경 내용이 비어 있습니다".into(),
    }
}

/// Who votes and who learns, e.g. "voters S1, S2 and S3; learners S4".
pub fn membership_text(lang: Lang, m: &Membership) -> String {
    let set = |ids: &LiteSet<NodeId>| nodes(lang, ids.as_slice());
    let learners = m.learners.union(&m.learners_next);
    let base = match (lang, m.is_joint()) {
        (Lang::En, false) => format!("voters {}", set(&m.voters)),
        (Lang::En, true) => format!(
            "new voters {} together with old voters {} (joint consensus: each group needs its \
             own majority)",
            set(&m.voters),
            set(&m.outgoing)
        ),
        (Lang::Ko, false) => format!("투표 멤버 {}", set(&m.voters)),
        (Lang::Ko, true) => format!(
            "새 투표 멤버 {}, 이전 투표 멤버 {}의 공동 구성(양쪽 각각 과반수 필요)",
            set(&m.voters),
            set(&m.outgoing)
        ),
    };
    match (lang, learners.is_empty()) {
        (_, true) => base,
        (Lang::En, false) => format!("{base}; learners {}", set(&learners)),
        (Lang::Ko, false) => format!("{base}; 러너 {}", set(&learners)),
    }
}

fn conf_change_applied(lang: Lang, me: &str, index: Index, m: &Membership) -> String {
    let conf = membership_text(lang, m);
    match (lang, index) {
        (Lang::En, 0) => format!("{me} uses the initial configuration: {conf}"),
        (Lang::En, _) => format!("{me} now uses the configuration of entry {index}: {conf}"),
        (Lang::Ko, 0) => format!("{} 초기 구성을 사용합니다: {conf}", ga(me)),
        (Lang::Ko, _) => format!("{} 항목 {index}의 구성을 사용합니다: {conf}", ga(me)),
    }
}

// ------------------------------------------------------------------ snapshots and restarts

fn compact_rejected(
    lang: Lang,
    me: &str,
    index: Index,
    applied: Index,
    first_index: Index,
) -> String {
    match (lang, index > applied) {
        (Lang::En, true) => format!(
            "{me} cannot compact its log up to index {index}: only entries up to {applied} are \
             applied"
        ),
        (Lang::En, false) => format!(
            "{me} cannot compact its log up to index {index}: its log already starts at \
             {first_index}"
        ),
        (Lang::Ko, true) => format!(
            "{} 인덱스 {index}까지 로그를 압축할 수 없습니다: 인덱스 {applied}까지만 \
             적용되었습니다",
            neun(me)
        ),
        (Lang::Ko, false) => format!(
            "{} 인덱스 {index}까지 로그를 압축할 수 없습니다: 로그가 이미 인덱스 \
             {first_index}부터 시작합니다",
            neun(me)
        ),
    }
}

fn snapshot_reported(lang: Lang, me: &str, peer: NodeId, ok: bool) -> String {
    let p = s(peer);
    match (lang, ok) {
        (Lang::En, true) => {
            format!("{p} received {me}'s snapshot; {me} resumes replication from there")
        }
        (Lang::En, false) => {
            format!("Sending the snapshot to {p} failed; {me} will try again")
        }
        (Lang::Ko, true) => format!(
            "{} {me}의 스냅샷을 받았습니다. {} 거기서부터 복제를 이어 갑니다",
            ga(&p),
            neun(me)
        ),
        (Lang::Ko, false) => format!(
            "{p}에게 스냅샷 전송이 실패했습니다. {} 다시 시도합니다",
            ga(me)
        ),
    }
}

fn restarted(
    lang: Lang,
    me: &str,
    term: Term,
    vote: Option<NodeId>,
    last_index: Index,
    snapshot_index: Index,
) -> String {
    let vote = match (lang, vote) {
        (Lang::En, Some(v)) => format!("voted for {}", s(v)),
        (Lang::En, None) => "no vote".to_string(),
        (Lang::Ko, Some(v)) => format!("{}에게 투표함", s(v)),
        (Lang::Ko, None) => "투표 없음".to_string(),
    };
    let snap = match (lang, snapshot_index) {
        (_, 0) => String::new(),
        (Lang::En, i) => format!(", snapshot up to index {i}"),
        (Lang::Ko, i) => format!(", 스냅샷은 인덱스 {i}까지"),
    };
    match lang {
        Lang::En => format!(
            "{me} restarts from its disk: term {term}, {vote}, log up to index \
             {last_index}{snap}; it must learn the commit index again from a leader"
        ),
        Lang::Ko => format!(
            "{} 디스크에서 다시 시작합니다: 임기 {term}, {vote}, 로그는 인덱스 \
             {last_index}까지{snap}. 커밋 인덱스는 리더에게서 다시 알아내야 합니다",
            ga(me)
        ),
    }
}

// ------------------------------------------------------------------ safety properties

/// A checked property's name, as the safety panel shows it.
pub fn property_name(lang: Lang, p: Property) -> &'static str {
    let (en, ko) = match p {
        Property::ElectionSafety => ("Election Safety", "선거 안전성"),
        Property::LeaderAppendOnly => ("Leader Append-Only", "리더 추가 전용"),
        Property::LogMatching => ("Log Matching", "로그 일치"),
        Property::LeaderCompleteness => ("Leader Completeness", "리더 완전성"),
        Property::StateMachineSafety => ("State Machine Safety", "상태 머신 안전성"),
        Property::TermMonotonic => ("Terms never decrease", "임기는 줄지 않음"),
        Property::CommitMonotonic => ("Commit index never decreases", "커밋 인덱스는 줄지 않음"),
        Property::OneVotePerTerm => ("One vote per term", "임기당 한 표"),
        Property::AppliedNotAboveCommit => {
            ("Only committed entries are applied", "커밋된 항목만 적용")
        }
        Property::InOrderApply => ("Entries are applied in order", "항목은 순서대로 적용"),
        Property::QuorumHoldsCommitted => (
            "A majority stores every committed entry",
            "과반수가 모든 커밋된 항목을 저장",
        ),
        Property::Liveness => ("Liveness (a leader is elected)", "라이브니스(리더 선출)"),
        Property::Linearizability => ("Linearizability", "선형화 가능성"),
    };
    pick(lang, en, ko)
}

/// What the property promises (Figure 3 of the Raft paper for the first five).
pub fn property_rule(lang: Lang, p: Property) -> &'static str {
    let (en, ko) = match p {
        Property::ElectionSafety => (
            "At most one leader can be elected in a given term.",
            "한 임기에 리더는 많아야 하나만 선출됩니다.",
        ),
        Property::LeaderAppendOnly => (
            "A leader never overwrites or deletes entries in its log; it only appends.",
            "리더는 자기 로그의 항목을 덮어쓰거나 지우지 않고 추가만 합니다.",
        ),
        Property::LogMatching => (
            "If two logs contain an entry with the same index and term, the logs are identical \
             up to that index.",
            "두 로그에 인덱스와 임기가 같은 항목이 있으면 그 인덱스까지 두 로그는 같습니다.",
        ),
        Property::LeaderCompleteness => (
            "A committed entry is present in the logs of the leaders of all later terms.",
            "커밋된 항목은 이후 모든 임기의 리더 로그에 들어 있습니다.",
        ),
        Property::StateMachineSafety => (
            "No two servers ever apply different entries at the same index.",
            "두 서버가 같은 인덱스에 서로 다른 항목을 적용하는 일은 없습니다.",
        ),
        Property::TermMonotonic => (
            "A running server's term only goes up.",
            "실행 중인 서버의 임기는 올라가기만 합니다.",
        ),
        Property::CommitMonotonic => (
            "A running server's commit index only goes up.",
            "실행 중인 서버의 커밋 인덱스는 올라가기만 합니다.",
        ),
        Property::OneVotePerTerm => (
            "A server votes for at most one candidate in a term.",
            "서버는 한 임기에 많아야 한 후보에게만 투표합니다.",
        ),
        Property::AppliedNotAboveCommit => (
            "A server applies only entries it knows are committed.",
            "서버는 커밋된 것을 아는 항목만 적용합니다.",
        ),
        Property::InOrderApply => (
            "Entries are applied one after another, in index order.",
            "항목은 인덱스 순서대로 하나씩 적용됩니다.",
        ),
        Property::QuorumHoldsCommitted => (
            "Every committed entry is on the disks of a majority, so any new leader has it.",
            "커밋된 항목은 과반수의 디스크에 있으므로 새 리더는 반드시 그 항목을 갖습니다.",
        ),
        Property::Liveness => (
            "When the network is healthy, a leader is elected within a reasonable time.",
            "네트워크가 정상이면 적당한 시간 안에 리더가 선출됩니다.",
        ),
        Property::Linearizability => (
            "Every read and write appears to happen at one instant between its start and its \
             end.",
            "모든 읽기와 쓰기는 시작과 끝 사이의 한 순간에 일어난 것처럼 보입니다.",
        ),
    };
    pick(lang, en, ko)
}

/// What went wrong, with the servers, term and index the monitor recorded.
pub fn violation_text(lang: Lang, v: &Violation) -> String {
    let who = nodes(lang, &v.nodes);
    let first = v
        .nodes
        .first()
        .map(|&n| s(n))
        .unwrap_or_else(|| pick(lang, "a server", "어떤 서버").to_string());
    let at_term = |en: bool| match (v.term, en) {
        (Some(t), true) => format!(" in term {t}"),
        (Some(t), false) => format!("임기 {t}에 "),
        (None, _) => String::new(),
    };
    let entry = |en: bool| match (v.index, v.term, en) {
        (Some(i), Some(t), true) => format!("entry {i} (term {t})"),
        (Some(i), None, true) => format!("entry {i}"),
        (None, _, true) => "an entry".to_string(),
        (Some(i), Some(t), false) => format!("항목 {i}(임기 {t})"),
        (Some(i), None, false) => format!("항목 {i}"),
        (None, _, false) => "어떤 항목".to_string(),
    };
    // For the leader properties the recorded term is the leader's, not the entry's.
    let entry_at = |en: bool| match (v.index, en) {
        (Some(i), true) => format!("entry {i}"),
        (None, true) => "an entry".to_string(),
        (Some(i), false) => format!("항목 {i}"),
        (None, false) => "어떤 항목".to_string(),
    };
    let en = lang == Lang::En;
    match (lang, v.property) {
        (Lang::En, Property::ElectionSafety) => {
            format!("Two leaders{}: {who}", at_term(en))
        }
        (Lang::Ko, Property::ElectionSafety) => {
            format!("{}리더가 둘입니다: {who}", at_term(en))
        }
        (Lang::En, Property::LeaderAppendOnly) => format!(
            "Leader {first}{} removed or overwrote its own {}",
            at_term(en),
            entry_at(en)
        ),
        (Lang::Ko, Property::LeaderAppendOnly) => format!(
            "{}리더 {} 자기 로그의 {} 지우거나 덮어썼습니다",
            at_term(en),
            ga(&first),
            reul(&entry_at(en))
        ),
        (Lang::En, Property::LogMatching) => format!(
            "{who} both hold {} but their logs differ at or before it",
            entry(en)
        ),
        (Lang::Ko, Property::LogMatching) => format!(
            "{} 모두 {} 갖고 있지만 그 위치나 그 앞에서 로그가 다릅니다",
            ga(&who),
            reul(&entry(en))
        ),
        (Lang::En, Property::LeaderCompleteness) => format!(
            "New leader {first}{} lacks committed {}",
            at_term(en),
            entry_at(en)
        ),
        (Lang::Ko, Property::LeaderCompleteness) => format!(
            "{}새 리더 {} 커밋된 {} 갖고 있지 않습니다",
            at_term(en),
            ga(&first),
            reul(&entry_at(en))
        ),
        (Lang::En, Property::StateMachineSafety) => format!(
            "{first} committed or applied {} at an index where another server has a different \
             entry",
            entry(en)
        ),
        (Lang::Ko, Property::StateMachineSafety) => format!(
            "{} {} 커밋하거나 적용했지만 다른 서버는 같은 인덱스에 다른 항목을 갖고 있습니다",
            ga(&first),
            reul(&entry(en))
        ),
        (Lang::En, Property::TermMonotonic) => match v.term {
            Some(t) => format!("{first}'s term went back to {t}"),
            None => format!("{first}'s term went back"),
        },
        (Lang::Ko, Property::TermMonotonic) => match v.term {
            Some(t) => format!("{}의 임기가 {} 되돌아갔습니다", first, ro(&t.to_string())),
            None => format!("{first}의 임기가 되돌아갔습니다"),
        },
        (Lang::En, Property::CommitMonotonic) => match v.index {
            Some(i) => format!("{first}'s commit index went back to {i}"),
            None => format!("{first}'s commit index went back"),
        },
        (Lang::Ko, Property::CommitMonotonic) => match v.index {
            Some(i) => format!(
                "{first}의 커밋 인덱스가 {} 되돌아갔습니다",
                ro(&i.to_string())
            ),
            None => format!("{first}의 커밋 인덱스가 되돌아갔습니다"),
        },
        (Lang::En, Property::OneVotePerTerm) => one_vote_en(&v.nodes, v.term),
        (Lang::Ko, Property::OneVotePerTerm) => one_vote_ko(&v.nodes, v.term),
        (Lang::En, Property::AppliedNotAboveCommit) => match v.index {
            Some(i) => format!("{first} applied entries up to {i}, beyond its commit index"),
            None => format!("{first} applied entries beyond its commit index"),
        },
        (Lang::Ko, Property::AppliedNotAboveCommit) => match v.index {
            Some(i) => format!(
                "{} 커밋 인덱스를 넘어 인덱스 {i}까지 적용했습니다",
                ga(&first)
            ),
            None => format!("{} 커밋 인덱스를 넘어 적용했습니다", ga(&first)),
        },
        (Lang::En, Property::InOrderApply) => {
            format!("{first} applied {} out of order", entry(en))
        }
        (Lang::Ko, Property::InOrderApply) => format!(
            "{} {} 순서에 맞지 않게 적용했습니다",
            ga(&first),
            reul(&entry(en))
        ),
        (Lang::En, Property::QuorumHoldsCommitted) => format!(
            "Committed {} is missing from the disks of {who}, a majority: a leader without it \
             could be elected",
            entry(en)
        ),
        (Lang::Ko, Property::QuorumHoldsCommitted) => format!(
            "커밋된 {} 과반수인 {who}의 디스크에 없습니다: 그 항목이 없는 리더가 선출될 수 \
             있습니다",
            ga(&entry(en))
        ),
        (Lang::En, Property::Liveness) => match v.term {
            Some(t) => format!(
                "No leader for too long although the network is healthy (running: {who}; \
                 highest term {t})"
            ),
            None => {
                format!("No leader for too long although the network is healthy (running: {who})")
            }
        },
        (Lang::Ko, Property::Liveness) => match v.term {
            Some(t) => format!(
                "네트워크가 정상인데도 너무 오래 리더가 없습니다(실행 중: {who}, 가장 높은 임기 \
                 {t})"
            ),
            None => format!("네트워크가 정상인데도 너무 오래 리더가 없습니다(실행 중: {who})"),
        },
        (Lang::En, Property::Linearizability) => {
            "The client history is not linearizable: some result cannot be explained by any \
             order of the operations that respects real time"
                .into()
        }
        (Lang::Ko, Property::Linearizability) => {
            "클라이언트 기록이 선형화 가능하지 않습니다: 실제 시간 순서를 지키는 어떤 실행 \
             순서로도 설명할 수 없는 결과가 있습니다"
                .into()
        }
    }
}

/// The monitor records [voter, first choice, second choice].
fn one_vote_en(ids: &[NodeId], term: Option<Term>) -> String {
    let in_term = term.map(|t| format!(" in term {t}")).unwrap_or_default();
    match ids {
        [voter, a, b, ..] => format!(
            "{} voted twice{in_term}: for {} and then for {}",
            s(*voter),
            s(*a),
            s(*b)
        ),
        [voter, ..] => format!("{} voted twice{in_term}", s(*voter)),
        [] => format!("A server voted twice{in_term}"),
    }
}

fn one_vote_ko(ids: &[NodeId], term: Option<Term>) -> String {
    let in_term = term.map(|t| format!("임기 {t}에 ")).unwrap_or_default();
    match ids {
        [voter, a, b, ..] => format!(
            "{} {in_term}두 번 투표했습니다: {}에게, 그다음 {}에게",
            ga(&s(*voter)),
            s(*a),
            s(*b)
        ),
        [voter, ..] => format!("{} {in_term}두 번 투표했습니다", ga(&s(*voter))),
        [] => format!("어떤 서버가 {in_term}두 번 투표했습니다"),
    }
}

// ------------------------------------------------------------------ tests

#[cfg(test)]
mod tests {
    use super::*;
    use quorum_raft::{ConfChangeError as CE, ConfChangeStep as Step};

    fn samples() -> Vec<Explain> {
        use Explain as E;
        let ignore = [
            IgnoreReason::StaleTerm {
                msg_term: 3,
                my_term: 5,
            },
            IgnoreReason::InLease {
                leader: 1,
                elapsed_us: 42_300,
                timeout_us: 150_000,
            },
            IgnoreReason::InLease {
                leader: 2,
                elapsed_us: 0,
                timeout_us: 150_000,
            },
            IgnoreReason::UnknownSender,
            IgnoreReason::WrongRecipient { to: 4 },
            IgnoreReason::WrongRole,
            IgnoreReason::NonsensicalIndex {
                index: 12,
                last_index: 9,
            },
            IgnoreReason::Stale,
            IgnoreReason::MalformedEntries,
            IgnoreReason::StaleSnapshot {
                snapshot_index: 7,
                commit: 9,
            },
            IgnoreReason::NotPromotable,
        ];
        let vote_reasons = [
            VoteRejectReason::AlreadyVoted {
                voted_for: 4,
                term: 5,
            },
            VoteRejectReason::HasLeader { leader: 1, term: 5 },
            VoteRejectReason::CandidateLastTermOlder {
                candidate_last_term: 2,
                my_last_term: 3,
            },
            VoteRejectReason::CandidateLogShorter {
                last_term: 3,
                candidate_last_index: 6,
                my_last_index: 8,
            },
            VoteRejectReason::StaleTerm {
                candidate_term: 3,
                my_term: 5,
            },
        ];
        let propose = [
            ProposeError::NotLeader { leader: Some(1) },
            ProposeError::NotLeader { leader: None },
            ProposeError::TransferInProgress { to: 3 },
            ProposeError::ConfChangePending { index: 6 },
            ProposeError::LeaderNotReady,
            ProposeError::InvalidConfChange(CE::AlreadyJoint),
            ProposeError::InvalidConfChange(CE::NotJoint),
            ProposeError::InvalidConfChange(CE::MoreThanOneVoterChanged),
            ProposeError::InvalidConfChange(CE::NoVotersLeft),
            ProposeError::InvalidConfChange(CE::InvalidNodeId),
            ProposeError::InvalidConfChange(CE::NotALearner { node: 4 }),
            ProposeError::InvalidConfChange(CE::NotAMember { node: 6 }),
            ProposeError::InvalidConfChange(CE::EmptyChange),
        ];
        let transfer = [
            TransferAbortReason::Timeout,
            TransferAbortReason::NotAVoter,
            TransferAbortReason::TargetRemoved,
            TransferAbortReason::Superseded,
            TransferAbortReason::NoLongerLeader,
        ];
        let states = [
            ProgressState::Probe,
            ProgressState::Replicate,
            ProgressState::Snapshot,
        ];
        let mut v = vec![
            E::ElectionTimeout {
                term: 4,
                timeout_us: 173_400,
                pre_vote: false,
            },
            E::ElectionTimeout {
                term: 4,
                timeout_us: 1_500,
                pre_vote: true,
            },
        ];
        for kind in [
            CampaignKind::PreVote,
            CampaignKind::Election,
            CampaignKind::Transfer,
        ] {
            for voters in [vec![1, 2, 3, 4, 5], vec![2]] {
                v.push(E::CampaignStarted {
                    kind,
                    term: 5,
                    last_index: 7,
                    last_term: 4,
                    voters,
                });
            }
        }
        v.push(E::CampaignStarted {
            kind: CampaignKind::Election,
            term: 1,
            last_index: 0,
            last_term: 0,
            voters: vec![1, 2, 3],
        });
        for pre_vote in [false, true] {
            v.push(E::VoteGranted {
                to: 3,
                term: 5,
                pre_vote,
            });
            for reason in vote_reasons.iter().cloned() {
                v.push(E::VoteRejected {
                    to: 3,
                    term: 5,
                    pre_vote,
                    reason,
                });
            }
            for granted in [false, true] {
                v.push(E::VoteReceived {
                    from: 2,
                    term: 5,
                    pre_vote,
                    granted,
                    granted_from: vec![1, 3],
                    rejected_from: vec![2],
                    needed: 3,
                    voters: 5,
                });
            }
            v.push(E::ElectionLost {
                term: 5,
                pre_vote,
                rejected_from: vec![1, 2, 4],
            });
        }
        for reason in ignore.iter().cloned() {
            v.push(E::CampaignSkipped {
                reason: reason.clone(),
            });
            v.push(E::MessageIgnored {
                from: 1,
                kind: MessageKind::AppendEntries,
                term: 5,
                reason,
            });
        }
        v.extend([
            E::BecameFollower {
                term: 5,
                leader: Some(1),
            },
            E::BecameFollower {
                term: 5,
                leader: None,
            },
            E::BecamePreCandidate { term: 4 },
            E::BecameCandidate { term: 5 },
            E::BecameLeader {
                term: 5,
                votes_from: vec![1, 3, 4],
                granted: 3,
                voters: 5,
            },
        ]);
        for reason in [
            StepDownReason::HigherTerm,
            StepDownReason::LeaderOfSameTerm,
            StepDownReason::CheckQuorum,
            StepDownReason::RemovedFromConfig,
        ] {
            for seen_from in [Some(2), None] {
                v.push(E::SteppingDown {
                    from_term: 5,
                    to_term: 6,
                    seen_from,
                    reason,
                });
            }
        }
        for kind in [
            MessageKind::PreVote,
            MessageKind::PreVoteResp,
            MessageKind::RequestVote,
            MessageKind::RequestVoteResp,
            MessageKind::AppendEntries,
            MessageKind::AppendResp,
            MessageKind::Heartbeat,
            MessageKind::HeartbeatResp,
            MessageKind::InstallSnapshot,
            MessageKind::TimeoutNow,
            MessageKind::ReadIndex,
            MessageKind::ReadIndexResp,
        ] {
            v.push(E::TermAdvanced {
                from_term: 4,
                to_term: 6,
                seen_from: 2,
                kind,
            });
            v.push(E::StaleMessageAnswered {
                from: 2,
                kind,
                msg_term: 3,
                my_term: 5,
            });
        }
        for (prev_index, entries) in [(7, 0), (7, 1), (7, 3), (0, 2)] {
            v.push(E::AppendAccepted {
                leader: 1,
                prev_index,
                prev_term: 4,
                entries,
                last_index: prev_index + entries as u64,
            });
        }
        v.extend([
            E::AppendRejected {
                leader: 1,
                prev_index: 9,
                prev_term: 4,
                reason: AppendRejectReason::Missing { last_index: 6 },
                conflict_term: 0,
                conflict_index: 7,
            },
            E::AppendRejected {
                leader: 1,
                prev_index: 9,
                prev_term: 4,
                reason: AppendRejectReason::TermMismatch { my_term: 2 },
                conflict_term: 2,
                conflict_index: 5,
            },
            E::EntriesTruncated {
                from_index: 5,
                removed: 3,
                removed_terms: vec![2, 2, 3],
            },
            E::EntriesTruncated {
                from_index: 5,
                removed: 1,
                removed_terms: vec![2],
            },
            E::EntriesTruncated {
                from_index: 5,
                removed: 0,
                removed_terms: vec![],
            },
            E::FollowerRejected {
                peer: 2,
                rejected_index: 9,
                conflict_term: 2,
                conflict_index: 5,
                next_index: 7,
            },
            E::FollowerRejected {
                peer: 2,
                rejected_index: 9,
                conflict_term: 0,
                conflict_index: 7,
                next_index: 7,
            },
            E::FollowerMatched {
                peer: 2,
                match_index: 9,
            },
        ]);
        for from in states {
            for to in states {
                if from != to {
                    v.push(E::ProgressStateChanged { peer: 2, from, to });
                }
            }
        }
        v.extend([
            E::EntryCommitted {
                first_index: 7,
                index: 7,
                term: 4,
                replicated_on: vec![1, 2, 4],
                count: 3,
                voters: 5,
            },
            E::EntryCommitted {
                first_index: 5,
                index: 7,
                term: 4,
                replicated_on: vec![1, 2, 4],
                count: 3,
                voters: 5,
            },
            E::CommitBlockedOldTerm {
                index: 5,
                entry_term: 2,
                current_term: 4,
                replicated_on: vec![1, 2, 3],
                count: 3,
                voters: 5,
            },
            E::OldTermCommittedByCounting {
                index: 5,
                entry_term: 2,
                current_term: 4,
            },
            E::CommitLearned {
                from: 7,
                to: 9,
                leader: 1,
            },
            E::CheckQuorumFailed {
                term: 5,
                active: vec![1, 2],
                needed: 3,
                voters: 5,
            },
            E::CheckQuorumFailed {
                term: 5,
                active: vec![],
                needed: 3,
                voters: 5,
            },
            E::CheckQuorumPassed {
                term: 5,
                active: vec![1, 2, 3],
            },
            E::ProposalAppended { index: 8, term: 4 },
        ]);
        v.extend(propose.map(|error| E::ProposalRejected { error }));
        v.extend([
            E::ReadRequested { ctx: 3, index: 9 },
            E::ReadDeferred { ctx: 3 },
            E::ReadForwarded { ctx: 3, leader: 1 },
        ]);
        for how in [
            ReadHow::ReadIndex,
            ReadHow::Lease,
            ReadHow::SingleVoter,
            ReadHow::UnsafeLocal,
            ReadHow::FromLeader,
        ] {
            v.push(E::ReadServed {
                ctx: 3,
                index: 9,
                how,
            });
        }
        for reason in [
            ReadFailReason::NoLeader,
            ReadFailReason::LeadershipLost,
            ReadFailReason::TransferInProgress,
            ReadFailReason::LeaderRefused,
        ] {
            v.push(E::ReadFailed { ctx: 3, reason });
        }
        for target_match in [7, 9] {
            v.push(E::TransferStarted {
                to: 3,
                term: 4,
                target_match,
                last_index: 9,
            });
        }
        v.push(E::TimeoutNowSent { to: 3 });
        for reason in transfer {
            v.push(E::TransferAborted { to: 3, reason });
            v.push(E::TransferIgnored { to: 3, reason });
        }
        v.push(E::TransferCompleted { to: 3, new_term: 5 });
        let changes = [
            ConfChange::Simple(Step::AddVoter(4)),
            ConfChange::Simple(Step::AddLearner(5)),
            ConfChange::Simple(Step::Remove(3)),
            ConfChange::Simple(Step::PromoteLearner(5)),
            ConfChange::EnterJoint {
                steps: vec![Step::AddVoter(4), Step::Remove(1)],
                auto_leave: true,
            },
            ConfChange::EnterJoint {
                steps: vec![Step::AddLearner(2)],
                auto_leave: false,
            },
            ConfChange::LeaveJoint,
        ];
        v.extend(changes.map(|change| E::ConfChangeProposed { index: 9, change }));
        let plain = Membership::with_voters([1, 2, 3]);
        let mut joint = plain
            .apply(&ConfChange::EnterJoint {
                steps: vec![Step::AddVoter(4), Step::AddLearner(2), Step::AddLearner(5)],
                auto_leave: true,
            })
            .expect("valid joint change");
        joint.auto_leave = false;
        for (index, membership) in [(0, plain.clone()), (9, plain), (10, joint)] {
            v.push(E::ConfChangeApplied { index, membership });
        }
        v.extend([
            E::ConfChangeCommitted { index: 9 },
            E::LeaveJointProposed { index: 10 },
            E::SnapshotSent {
                to: 3,
                index: 50,
                term: 4,
            },
            E::SnapshotInstalled {
                from: 1,
                index: 50,
                term: 4,
            },
            E::SnapshotRejected {
                from: 1,
                index: 50,
                commit: 60,
            },
            E::SnapshotCreated { index: 50, term: 4 },
            E::CompactRejected {
                index: 60,
                applied: 55,
                first_index: 40,
            },
            E::CompactRejected {
                index: 30,
                applied: 55,
                first_index: 40,
            },
            E::PeerUnreachable { peer: 3 },
            E::SnapshotReported { peer: 3, ok: true },
            E::SnapshotReported { peer: 3, ok: false },
            E::Restarted {
                term: 5,
                vote: Some(3),
                last_index: 12,
                snapshot_index: 8,
            },
            E::Restarted {
                term: 0,
                vote: None,
                last_index: 0,
                snapshot_index: 0,
            },
            E::VoteForgotten { term: 5, vote: 3 },
        ]);
        v
    }

    /// The Debug name of a value: the identifier before any field list.
    fn debug_name(x: &impl std::fmt::Debug) -> String {
        let d = format!("{x:?}");
        d.split([' ', '{', '('])
            .next()
            .unwrap_or_default()
            .to_string()
    }

    fn assert_clean(text: &str, context: &str) {
        assert!(!text.trim().is_empty(), "empty text for {context}");
        for bad in ["{", "}", "Some(", "None", "[", "]", "_", "\n"] {
            assert!(
                !text.contains(bad),
                "{context}: {bad:?} in user text {text:?}"
            );
        }
    }

    #[test]
    fn every_variant_is_worded_in_both_languages() {
        let samples = samples();
        let names: std::collections::BTreeSet<String> = samples.iter().map(debug_name).collect();
        assert_eq!(names.len(), 52, "a sample per Explain variant: {names:?}");
        for e in &samples {
            let en = narrate(Lang::En, 3, e);
            let ko = narrate(Lang::Ko, 3, e);
            let context = format!("{e:?}");
            assert_clean(&en, &context);
            assert_clean(&ko, &context);
            assert_ne!(en, ko, "{context}");
            assert!(
                en.chars()
                    .all(|c| c.is_ascii() || "\u{2014}\u{2013}\u{201c}\u{201d}\u{a7}".contains(c)),
                "English text with unexpected characters: {en}"
            );
            assert!(
                ko.chars().any(|c| ('가'..='힣').contains(&c)),
                "Korean text without Hangul: {ko}"
            );
            assert!(!en.contains(&debug_name(e)), "variant name leaked: {en}");
            assert!(!ko.contains(&debug_name(e)), "variant name leaked: {ko}");
            // Both severities exist and are total.
            let _ = severity(e);
        }
    }

    /// For reviewing the wording: `cargo test -p quorum-web print_every_sentence -- --ignored
    /// --nocapture` prints each sample in both languages.
    #[test]
    #[ignore]
    fn print_every_sentence() {
        for e in samples() {
            println!(
                "{}\n  {}\n  {}",
                debug_name(&e),
                narrate(Lang::En, 9, &e),
                narrate(Lang::Ko, 9, &e)
            );
        }
    }

    #[test]
    fn exact_sentences() {
        let timeout = Explain::ElectionTimeout {
            term: 4,
            timeout_us: 173_400,
            pre_vote: false,
        };
        assert_eq!(
            narrate(Lang::En, 3, &timeout),
            "S3 timed out after 173 ms and starts an election for term 5"
        );
        assert_eq!(
            narrate(Lang::Ko, 3, &timeout),
            "S3의 선거 타이머가 173ms 후 만료되어 임기 5 선거를 시작합니다"
        );
        let rejected = Explain::VoteRejected {
            to: 3,
            term: 5,
            pre_vote: false,
            reason: VoteRejectReason::CandidateLastTermOlder {
                candidate_last_term: 2,
                my_last_term: 3,
            },
        };
        assert_eq!(
            narrate(Lang::En, 2, &rejected),
            "S2 rejected S3's vote request for term 5: S3's last log term 2 is older than mine (3)"
        );
        assert_eq!(
            narrate(Lang::Ko, 2, &rejected),
            "S2가 S3의 투표 요청(임기 5)을 거절했습니다: S3의 마지막 로그 임기 2가 내 마지막 로그 \
             임기 3보다 오래되었습니다"
        );
        let committed = Explain::EntryCommitted {
            first_index: 7,
            index: 7,
            term: 4,
            replicated_on: vec![1, 2, 4],
            count: 3,
            voters: 5,
        };
        assert_eq!(
            narrate(Lang::En, 1, &committed),
            "Entry 7 (term 4) committed: stored on S1, S2 and S4 \u{2014} 3 of 5, a majority"
        );
        assert_eq!(
            narrate(Lang::Ko, 1, &committed),
            "항목 7(임기 4)이 커밋되었습니다: S1, S2, S4에 저장됨 \u{2014} 5대 중 3대로 \
             과반수입니다"
        );
        let down = Explain::SteppingDown {
            from_term: 5,
            to_term: 6,
            seen_from: Some(2),
            reason: StepDownReason::HigherTerm,
        };
        assert_eq!(
            narrate(Lang::En, 1, &down),
            "S1 steps down: it saw term 6 from S2"
        );
        assert_eq!(
            narrate(Lang::Ko, 1, &down),
            "S1이 물러납니다: S2에게서 더 높은 임기 6을 보았습니다"
        );
    }

    #[test]
    fn milliseconds_are_rounded_sensibly() {
        assert_eq!(ms(Lang::En, 173_400), "173 ms");
        assert_eq!(ms(Lang::En, 173_500), "174 ms");
        assert_eq!(ms(Lang::En, 150_000), "150 ms");
        assert_eq!(ms(Lang::En, 1_500), "1.5 ms");
        assert_eq!(ms(Lang::En, 2_000), "2 ms");
        assert_eq!(ms(Lang::En, 9_960), "10 ms");
        assert_eq!(ms(Lang::En, 400), "0.4 ms");
        assert_eq!(ms(Lang::En, 0), "0 ms");
        assert_eq!(ms(Lang::Ko, 42_300), "42ms");
        assert_eq!(ms(Lang::En, u64::MAX), format!("{} ms", u64::MAX / 1000));
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(nodes(Lang::En, &[1]), "S1");
        assert_eq!(nodes(Lang::En, &[1, 2]), "S1 and S2");
        assert_eq!(nodes(Lang::En, &[1, 2, 4]), "S1, S2 and S4");
        assert_eq!(nodes(Lang::Ko, &[1, 2, 4]), "S1, S2, S4");
        assert_eq!(nodes(Lang::En, &[]), "no one");
    }

    #[test]
    fn korean_particles_follow_the_final_sound() {
        assert_eq!(ga("S3"), "S3이");
        assert_eq!(ga("S2"), "S2가");
        assert_eq!(ga("S10"), "S10이");
        assert_eq!(neun("S4"), "S4는");
        assert_eq!(neun("S1"), "S1은");
        assert_eq!(reul("임기 6"), "임기 6을");
        assert_eq!(reul("하트비트"), "하트비트를");
        assert_eq!(ro("S1"), "S1로");
        assert_eq!(ro("S3"), "S3으로");
        assert_eq!(ro("S5"), "S5로");
        assert_eq!(ga("항목 7(임기 4)"), "항목 7(임기 4)이");
        assert_eq!(
            reul("즉시 선거 요청(TimeoutNow)(임기 5)"),
            "즉시 선거 요청(TimeoutNow)(임기 5)을"
        );
        assert_eq!(
            ro("탐색(한 번에 메시지 하나)"),
            "탐색(한 번에 메시지 하나)으로"
        );
        assert_eq!(ro("서울"), "서울로");
    }

    #[test]
    fn names_exist_in_both_languages() {
        for bug in Bug::ALL {
            for (en, ko) in [
                (bug_name(Lang::En, bug), bug_name(Lang::Ko, bug)),
                (
                    bug_description(Lang::En, bug),
                    bug_description(Lang::Ko, bug),
                ),
            ] {
                assert!(!en.is_empty() && !ko.is_empty());
                assert_ne!(en, ko);
                assert_clean(en, bug.name());
                assert_clean(ko, bug.name());
            }
        }
        assert_eq!(
            message_kind_name(Lang::En, MessageKind::AppendEntries),
            "AppendEntries"
        );
        assert_eq!(
            message_kind_name(Lang::Ko, MessageKind::Heartbeat),
            "하트비트"
        );
    }

    fn properties() -> [Property; 13] {
        [
            Property::ElectionSafety,
            Property::LeaderAppendOnly,
            Property::LogMatching,
            Property::LeaderCompleteness,
            Property::StateMachineSafety,
            Property::TermMonotonic,
            Property::CommitMonotonic,
            Property::OneVotePerTerm,
            Property::AppliedNotAboveCommit,
            Property::InOrderApply,
            Property::QuorumHoldsCommitted,
            Property::Liveness,
            Property::Linearizability,
        ]
    }

    #[test]
    fn every_violation_is_worded_with_and_without_details() {
        for property in properties() {
            assert_ne!(
                property_name(Lang::En, property),
                property_name(Lang::Ko, property)
            );
            assert_ne!(
                property_rule(Lang::En, property),
                property_rule(Lang::Ko, property)
            );
            for (nodes, term, index) in [
                (vec![1, 3, 4], Some(5), Some(7)),
                (vec![2], None, None),
                (vec![], None, Some(3)),
            ] {
                let v = Violation {
                    property,
                    nodes,
                    event: 12,
                    time_us: 1_000,
                    term,
                    index,
                };
                let en = violation_text(Lang::En, &v);
                let ko = violation_text(Lang::Ko, &v);
                let context = format!("{v:?}");
                assert_clean(&en, &context);
                assert_clean(&ko, &context);
                assert_ne!(en, ko);
            }
        }
        let two_leaders = Violation {
            property: Property::ElectionSafety,
            nodes: vec![1, 3],
            event: 40,
            time_us: 2_000_000,
            term: Some(5),
            index: None,
        };
        assert_eq!(
            violation_text(Lang::En, &two_leaders),
            "Two leaders in term 5: S1 and S3"
        );
        assert_eq!(
            violation_text(Lang::Ko, &two_leaders),
            "임기 5에 리더가 둘입니다: S1, S3"
        );
        let double_vote = Violation {
            property: Property::OneVotePerTerm,
            nodes: vec![2, 1, 3],
            event: 40,
            time_us: 2_000_000,
            term: Some(5),
            index: None,
        };
        assert_eq!(
            violation_text(Lang::En, &double_vote),
            "S2 voted twice in term 5: for S1 and then for S3"
        );
    }

    /// Whatever a real cluster explains (elections, a crash, a partition, clients, restarts)
    /// reads cleanly in both languages.
    #[test]
    fn a_simulated_run_narrates_cleanly() {
        use quorum_sim::{ClientConfig, RunDescription, SimConfig, TimedAction, UserAction, World};
        let at = |at_us: u64, action: UserAction| TimedAction { at_us, action };
        let run = RunDescription {
            config: SimConfig {
                clients: ClientConfig {
                    clients: 3,
                    ..ClientConfig::default()
                },
                ..SimConfig::default()
            },
            seed: 7,
            actions: vec![
                at(2_000_000, UserAction::StopNode { node: 1 }),
                at(
                    3_000_000,
                    UserAction::Partition {
                        groups: vec![vec![2, 3], vec![4, 5]],
                    },
                ),
                at(4_000_000, UserAction::Heal),
                at(4_500_000, UserAction::RestartNode { node: 1 }),
            ],
        };
        let mut world: World = World::new(run).expect("valid run");
        world.advance_to(6_000_000);
        let mut seen = std::collections::BTreeSet::new();
        for line in world.narration() {
            let context = format!("{:?}", line.explain);
            let en = narrate(Lang::En, line.node, &line.explain);
            let ko = narrate(Lang::Ko, line.node, &line.explain);
            assert_clean(&en, &context);
            assert_clean(&ko, &context);
            seen.insert(debug_name(&line.explain));
        }
        assert!(seen.len() >= 12, "too few kinds of explanation: {seen:?}");
        for v in world.violations() {
            assert_clean(&violation_text(Lang::En, v), "violation");
            assert_clean(&violation_text(Lang::Ko, v), "violation");
        }
    }

    #[test]
    fn severity_separates_decisions_from_traffic() {
        let major = Explain::BecameLeader {
            term: 2,
            votes_from: vec![1, 2],
            granted: 2,
            voters: 3,
        };
        let minor = Explain::FollowerMatched {
            peer: 2,
            match_index: 4,
        };
        assert_eq!(severity(&major), Importance::Major);
        assert_eq!(severity(&minor), Importance::Minor);
        let read = |how| Explain::ReadServed {
            ctx: 1,
            index: 2,
            how,
        };
        assert_eq!(severity(&read(ReadHow::ReadIndex)), Importance::Minor);
        assert_eq!(severity(&read(ReadHow::UnsafeLocal)), Importance::Major);
        assert!(Importance::Minor < Importance::Major);
        let counts = samples()
            .iter()
            .fold((0, 0), |(a, b), e| match severity(e) {
                Importance::Major => (a + 1, b),
                Importance::Minor => (a, b + 1),
            });
        assert!(counts.0 > 0 && counts.1 > 0);
    }
}
