//! The closed vocabulary of lesson files, in one place: every setup action and every
//! task goal, with its syntax, an example and its meaning in both languages. The page
//! maps the parsed enums ([`Action`], [`Goal`]) onto the simulator; the README's tables
//! are generated from these lists' content (and a test checks every example parses).

pub mod action;
mod args;
pub mod goal;
pub mod target;
pub mod tokens;

use crate::lesson::error::ErrorKind;
use crate::text::Text;
use serde::Serialize;

pub use action::{parse_action, Action, EtcdTopology, Machines, Scenario};
pub use goal::{parse_goal, Goal};
pub use target::{Elected, Target};

/// An error inside one command; `offset` is in characters from the start of the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VocabError {
    pub offset: usize,
    pub kind: ErrorKind,
}

/// One word of the vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Word {
    pub word: &'static str,
    pub syntax: &'static str,
    pub example: &'static str,
    pub meaning: Text,
}

const fn w(
    word: &'static str,
    syntax: &'static str,
    example: &'static str,
    en: &'static str,
    ko: &'static str,
) -> Word {
    Word {
        word,
        syntax,
        example,
        meaning: Text::new(en, ko),
    }
}

/// Every setup action (`setup = …`, `reveal = …`).
pub const ACTIONS: &[Word] = &[
    w("reset", "reset", "reset", "Rebuild the world with the settings so far.", "지금까지의 설정으로 세계를 새로 만듭니다."),
    w("nodes", "nodes <1..9>", "nodes 5", "Cluster size (Raft servers / etcd members).", "클러스터 크기(Raft 서버 / etcd 멤버 수)."),
    w("seed", "seed <number>", "seed 42", "Seed of every random choice: same seed, same run.", "모든 무작위 선택의 시드: 같은 시드면 같은 실행."),
    w("prevote", "prevote on|off", "prevote off", "Pre-vote (thesis §9.6).", "사전 투표(학위 논문 §9.6)."),
    w("check-quorum", "check-quorum on|off", "check-quorum off", "A leader without a majority steps down.", "과반수와 연락이 끊긴 리더가 물러납니다."),
    w("election-timeout", "election-timeout <min>-<max><unit>", "election-timeout 150-300ms", "Randomized election timeout range.", "무작위 선거 타임아웃 범위."),
    w("heartbeat", "heartbeat <duration>", "heartbeat 50ms", "Leader heartbeat interval.", "리더의 하트비트 간격."),
    w("bug", "bug <commit_old_term|vote_without_log_check|forget_vote_on_restart|no_timeout_randomization|stale_local_reads|none>", "bug commit_old_term", "Switch on a teaching bug (or none).", "학습용 버그 스위치를 켭니다(none은 모두 끔)."),
    w("topology", "topology stacked <cp 1..7> [workers] | topology external <cp 1..7> <etcd 1..7> [workers]", "topology stacked 3", "HA control-plane topology.", "HA 컨트롤 플레인 토폴로지."),
    w("machines", "machines fresh|installed", "machines fresh", "The terminal's machines: fresh VMs to install etcd on, or etcd installed and running.", "터미널의 머신: etcd를 설치할 새 VM, 또는 etcd가 설치되어 실행 중인 상태."),
    w("lease", "lease <lease-duration> <renew-deadline> <retry-period>", "lease 15s 10s 2s", "Leader-election flags of kube-controller-manager and kube-scheduler.", "kube-controller-manager와 kube-scheduler의 리더 선출 플래그."),
    w("stop", "stop <leader|follower|all|S1..S9|cp1..cp7|etcd1..etcd7|worker1..worker9|lb|zone1..zone3|active kube-controller-manager|active kube-scheduler>", "stop leader", "Stop a server, host or component.", "서버, 호스트 또는 구성 요소를 중지합니다."),
    w("restart", "restart <target>", "restart all", "Start a stopped server, host or component again.", "중지된 서버, 호스트 또는 구성 요소를 다시 시작합니다."),
    w("isolate", "isolate <target>", "isolate leader", "Cut one server off the network.", "서버 하나를 네트워크에서 떼어 냅니다."),
    w("partition", "partition <a,b> | <c,d,e>", "partition S1,S2 | S3,S4,S5", "Split the network into groups (unlisted servers form one more group).", "네트워크를 그룹으로 나눕니다(나열하지 않은 서버는 또 하나의 그룹)."),
    w("heal", "heal", "heal", "Repair every network cut.", "모든 네트워크 단절을 복구합니다."),
    w("write", "write <key> <value>", "write name john", "A client writes a key through the leader.", "클라이언트가 리더를 통해 키를 씁니다."),
    w("wait-leader", "wait-leader", "wait-leader", "Run until a leader is elected.", "리더가 선출될 때까지 실행합니다."),
    w("campaign", "campaign <target>", "campaign S5", "Make a server's election timer fire now.", "서버의 선거 타이머를 지금 만료시킵니다."),
    w("scenario", "scenario figure8 a|b|c|d", "scenario figure8 c", "Load the paper's Figure 8 at one of its stages.", "논문 Figure 8의 한 단계를 불러옵니다."),
    w("advance", "advance <duration>", "advance 2s", "Run the simulation for a while.", "시뮬레이션을 일정 시간 진행합니다."),
    w("add-server", "add-server", "add-server", "Add the next server as a voting member.", "다음 서버를 투표 멤버로 추가합니다."),
    w("add-learner", "add-learner", "add-learner", "Add the next server as a non-voting learner.", "다음 서버를 투표권 없는 러너로 추가합니다."),
    w("remove-server", "remove-server <target>", "remove-server S5", "Remove a member from the cluster.", "클러스터에서 멤버를 제거합니다."),
    w("promote", "promote <target>", "promote S4", "Promote a learner to a voting member.", "러너를 투표 멤버로 승격합니다."),
    w("etcdctl", "etcdctl <arguments>", "etcdctl put name john", "Type an etcdctl command into the terminal.", "터미널에 etcdctl 명령을 입력합니다."),
    w("shell", "shell <command line>", "shell export ETCDCTL_API=3", "Type any shell line into the terminal.", "터미널에 셸 명령 한 줄을 입력합니다."),
    w("experiment", "experiment <min>-<max><unit> <trials 1..10000>", "experiment 150-300ms 1000", "Run the paper's election experiment (§9.3) for one timeout range.", "논문의 선거 실험(§9.3)을 타임아웃 범위 하나에 대해 실행합니다."),
    w("view", "view lab|terminal|ha|quorum|chooser|experiment", "view terminal", "Show a view of the page.", "페이지의 화면을 엽니다."),
    w("chooser", "chooser <learning|dev-test|production> <laptop-linux|laptop-windows|laptop-macos|on-premises|gcp|aws|azure>", "chooser production aws", "Preselect the chooser.", "선택기의 항목을 미리 고릅니다."),
];

/// Every task goal (`goal = …`).
pub const GOALS: &[Word] = &[
    w("leader-elected", "leader-elected", "leader-elected", "A leader exists.", "리더가 있습니다."),
    w("leader-changed", "leader-changed", "leader-changed", "A different server became leader.", "다른 서버가 리더가 되었습니다."),
    w("leader-unchanged", "leader-unchanged", "leader-unchanged", "The leader is still the same.", "리더가 그대로입니다."),
    w("no-leader", "no-leader", "no-leader", "No server is leader.", "리더인 서버가 없습니다."),
    w("quorum-lost", "quorum-lost", "quorum-lost", "No majority can work together.", "함께 동작할 수 있는 과반수가 없습니다."),
    w("quorum-regained", "quorum-regained", "quorum-regained", "Quorum was lost and is back.", "쿼럼을 잃었다가 되찾았습니다."),
    w("committed", "committed <key>", "committed name", "The key is committed.", "키가 커밋되었습니다."),
    w("write-fails", "write-fails", "write-fails", "A client write failed or timed out.", "클라이언트 쓰기가 실패하거나 시간 초과되었습니다."),
    w("term-above", "term-above <n>", "term-above 3", "Some server's term is above n.", "어떤 서버의 임기가 n보다 큽니다."),
    w("term-at-most", "term-at-most <n>", "term-at-most 2", "No server's term is above n.", "모든 서버의 임기가 n 이하입니다."),
    w("commit-index-above", "commit-index-above <n>", "commit-index-above 3", "The leader committed past index n.", "리더의 커밋 인덱스가 n을 넘었습니다."),
    w("logs-match", "logs-match", "logs-match", "Every running server's log equals the leader's.", "실행 중인 모든 서버의 로그가 리더와 같습니다."),
    w("uncommitted-overwritten", "uncommitted-overwritten", "uncommitted-overwritten", "An uncommitted entry was overwritten.", "커밋되지 않은 항목이 덮어써졌습니다."),
    w("safety-violation", "safety-violation", "safety-violation", "A safety monitor caught a violation.", "안전성 감시기가 위반을 잡아냈습니다."),
    w("servers-down", "servers-down <n>", "servers-down 2", "At least n servers are stopped.", "서버가 n대 이상 중지되었습니다."),
    w("etcd-members", "etcd-members <n>", "etcd-members 5", "The cluster has n voting members.", "클러스터의 투표 멤버가 n개입니다."),
    w("terminal-output-contains", "terminal-output-contains \"<text>\"", "terminal-output-contains \"john\"", "The terminal printed the text.", "터미널에 해당 텍스트가 출력되었습니다."),
    w("typed", "typed \"<command prefix>\"", "typed \"export ETCDCTL_API=3\"", "The student typed such a command.", "학생이 그 명령을 입력했습니다."),
    w("active-changed", "active-changed kube-controller-manager|kube-scheduler", "active-changed kube-controller-manager", "Another instance took the Lease.", "다른 인스턴스가 Lease를 가져갔습니다."),
    w("topology-is", "topology-is stacked|external", "topology-is external", "The HA view shows this topology.", "HA 화면이 이 토폴로지를 보여 줍니다."),
    w("chooser-picked", "chooser-picked <minikube|kubeadm|kops|openshift|cfcr|vmware-pks|vagrant|gke|openshift-online|aks|eks>", "chooser-picked kubeadm", "The student picked this way in the chooser.", "학생이 선택기에서 이 방법을 골랐습니다."),
    w("chooser-purpose", "chooser-purpose <learning|dev-test|production>", "chooser-purpose production", "The chooser's purpose is set to this.", "선택기의 목적이 이것으로 정해졌습니다."),
    w("chooser-place", "chooser-place <laptop-linux|…|azure>", "chooser-place on-premises", "The chooser's place is set to this.", "선택기의 환경이 이것으로 정해졌습니다."),
    w("chooser-compared", "chooser-compared", "chooser-compared", "Two choices were compared side by side.", "두 선택지를 나란히 비교했습니다."),
    w("experiment-runs", "experiment-runs <n>", "experiment-runs 3", "At least n timeout ranges were measured.", "타임아웃 범위를 n개 이상 측정했습니다."),
    w("view-opened", "view-opened <view>", "view-opened ha", "The student opened this view.", "학생이 이 화면을 열었습니다."),
];

pub(crate) fn syntax_of(words: &[Word], word: &str) -> Option<&'static str> {
    words.iter().find(|w| w.word == word).map(|w| w.syntax)
}

pub(crate) fn word_list(words: &[Word]) -> String {
    words.iter().map(|w| w.word).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::tokens::words;
    use super::*;

    #[test]
    fn every_example_parses_with_its_own_word() {
        for entry in ACTIONS {
            let tokens = words(entry.example, 0).expect("example quotes");
            assert_eq!(tokens[0].text, entry.word);
            assert!(entry.syntax.starts_with(entry.word), "{}", entry.word);
            if let Err(e) = parse_action(entry.example, &tokens) {
                panic!("action example `{}`: {:?}", entry.example, e);
            }
        }
        for entry in GOALS {
            let tokens = words(entry.example, 0).expect("example quotes");
            assert_eq!(tokens[0].text, entry.word);
            if let Err(e) = parse_goal(entry.example, &tokens) {
                panic!("goal example `{}`: {:?}", entry.example, e);
            }
        }
    }

    #[test]
    fn words_are_unique() {
        for list in [ACTIONS, GOALS] {
            let mut names: Vec<&str> = list.iter().map(|w| w.word).collect();
            names.sort_unstable();
            let before = names.len();
            names.dedup();
            assert_eq!(names.len(), before);
        }
    }
}
