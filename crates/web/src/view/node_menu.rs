//! The menu of a selected node (opened by click, tap, Enter or Space on the node), and the
//! words for an action the simulator refused.

use crate::i18n::{tr, Lang};
use crate::model::{NodeView, Role};
use crate::narrate::neun;
use crate::state::NodeCommand;
use quorum_raft::{ProposeError, TransferError};
use quorum_sim::SimError;
use yew::prelude::*;

fn command_label(lang: Lang, command: NodeCommand) -> &'static str {
    match command {
        NodeCommand::Stop => tr(lang, "Stop (crash)", "중지 (장애)"),
        NodeCommand::Restart => tr(lang, "Restart from disk", "디스크에서 재시작"),
        NodeCommand::ForceTimeout => tr(lang, "Time out now", "지금 타임아웃"),
        NodeCommand::Write => tr(lang, "Send a client write", "클라이언트 쓰기 보내기"),
        NodeCommand::Read => tr(lang, "Send a client read", "클라이언트 읽기 보내기"),
        NodeCommand::TransferLeadership => {
            tr(lang, "Transfer leadership here", "리더십을 여기로 이전")
        }
        NodeCommand::Remove => tr(lang, "Remove from the cluster", "클러스터에서 제거"),
        NodeCommand::Promote => tr(lang, "Promote to voter", "투표 멤버로 승격"),
    }
}

/// The commands that make sense for a node in this state.
pub fn commands_for(node: &NodeView, is_member: bool) -> Vec<NodeCommand> {
    use NodeCommand::*;
    let mut commands = Vec::new();
    if node.role == Role::Stopped {
        commands.push(Restart);
    } else {
        commands.extend([Stop, ForceTimeout, Write, Read]);
        if node.role != Role::Leader && node.role != Role::Learner {
            commands.push(TransferLeadership);
        }
        if node.role == Role::Learner {
            commands.push(Promote);
        }
    }
    if is_member {
        commands.push(Remove);
    }
    commands
}

/// The menu of `node`; `is_member` says whether the current configuration (as the leader
/// sees it) includes the node.
pub fn node_menu(
    lang: Lang,
    node: &NodeView,
    is_member: bool,
    on_command: &Callback<(u64, NodeCommand)>,
    on_close: &Callback<()>,
) -> Html {
    let id = node.id;
    let buttons = commands_for(node, is_member).into_iter().map(|command| {
        let onclick = on_command.reform(move |_: MouseEvent| (id, command));
        html! {
            <button data-command={format!("{command:?}").to_ascii_lowercase()} {onclick}>{ command_label(lang, command) }</button>
        }
    });
    html! {
        <div class="node-menu" role="menu" aria-label={format!("S{id}")} data-menu-node={id.to_string()}>
            <strong>{ format!("S{id}") }</strong>
            { for buttons }
            <button class="close" onclick={on_close.reform(|_: MouseEvent| ())}>{ tr(lang, "Close", "닫기") }</button>
        </div>
    }
}

fn propose_error_text(lang: Lang, e: &ProposeError) -> String {
    match e {
        ProposeError::NotLeader { leader: Some(l) } => {
            format!(
                "{} S{l}",
                tr(
                    lang,
                    "Not the leader; the leader is",
                    "리더가 아닙니다. 현재 리더:"
                )
            )
        }
        ProposeError::NotLeader { leader: None } => tr(
            lang,
            "Not the leader, and no leader is known",
            "리더가 아니며 알려진 리더도 없습니다",
        )
        .into(),
        ProposeError::TransferInProgress { to } => {
            format!(
                "{} S{to}",
                tr(
                    lang,
                    "Leadership is being transferred to",
                    "리더십 이전 중:"
                )
            )
        }
        ProposeError::ConfChangePending { index } => format!(
            "{} {index}",
            tr(
                lang,
                "Another membership change is not committed yet, at index",
                "다른 멤버십 변경이 아직 커밋되지 않았습니다. 인덱스"
            )
        ),
        ProposeError::LeaderNotReady => tr(
            lang,
            "The new leader has not committed an entry of its term yet",
            "새 리더가 아직 자신의 임기 항목을 커밋하지 않았습니다",
        )
        .into(),
        ProposeError::InvalidConfChange(_) => tr(
            lang,
            "That membership change is not allowed here",
            "이 멤버십 변경은 허용되지 않습니다",
        )
        .into(),
    }
}

/// "S3 is not a voter" / "S3은 투표 멤버가 아닙니다": the Korean particle after the name
/// depends on how the number is read, so it is not part of the translated text.
fn about_node(lang: Lang, node: u64, en: &str, ko: &str) -> String {
    let name = format!("S{node}");
    match lang {
        Lang::En => format!("{name} {en}"),
        Lang::Ko => format!("{} {ko}", neun(&name)),
    }
}

fn transfer_error_text(lang: Lang, e: &TransferError) -> String {
    match e {
        TransferError::NotLeader { .. } => tr(
            lang,
            "Only the leader can transfer leadership",
            "리더만 리더십을 이전할 수 있습니다",
        )
        .into(),
        TransferError::ToSelf => {
            tr(lang, "That node already leads", "그 노드가 이미 리더입니다").into()
        }
        TransferError::NotAVoter { node } => {
            about_node(lang, *node, "is not a voter", "투표 멤버가 아닙니다")
        }
        TransferError::AlreadyTransferring { to } => {
            format!(
                "{} S{to}",
                tr(
                    lang,
                    "A transfer is already under way to",
                    "이미 리더십 이전 중:"
                )
            )
        }
    }
}

/// Why the simulator refused an action, in words.
pub fn refused_text(lang: Lang, e: &SimError) -> String {
    match e {
        SimError::InvalidRaftConfig { detail } => format!(
            "{}: {detail}",
            tr(lang, "Invalid Raft settings", "잘못된 Raft 설정")
        ),
        SimError::NoNodes => tr(
            lang,
            "A cluster needs at least one node",
            "클러스터에는 노드가 하나 이상 필요합니다",
        )
        .into(),
        SimError::TooManyNodes { max } => format!(
            "{} {max}",
            tr(
                lang,
                "Too many nodes; the most is",
                "노드가 너무 많습니다. 최대"
            )
        ),
        SimError::InvalidLatency => tr(
            lang,
            "Minimum latency is above the maximum",
            "최소 지연이 최대보다 큽니다",
        )
        .into(),
        SimError::UnknownNode { node } => {
            about_node(lang, *node, "does not exist", "존재하지 않습니다")
        }
        SimError::NodeExists { node } => {
            about_node(lang, *node, "already exists", "이미 존재합니다")
        }
        SimError::NoLeader => tr(
            lang,
            "There is no leader right now",
            "지금은 리더가 없습니다",
        )
        .into(),
        SimError::AlreadyRunning { node } => {
            about_node(lang, *node, "is already running", "이미 실행 중입니다")
        }
        SimError::ProposalRefused { reason } => propose_error_text(lang, reason),
        SimError::TransferRefused { reason } => transfer_error_text(lang, reason),
        SimError::TooManyClients { max } => format!(
            "{} {max}",
            tr(
                lang,
                "Too many background clients; the most is",
                "백그라운드 클라이언트가 너무 많습니다. 최대"
            )
        ),
        SimError::UnknownMessage { id } => format!(
            "{} #{id}",
            tr(
                lang,
                "No such message in flight",
                "전송 중인 메시지가 아닙니다"
            )
        ),
    }
}
