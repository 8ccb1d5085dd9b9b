//! `quorum` itself: the top-level usage and the unknown-command error.

use super::Lang;

const USAGE_EN: &str = "\
usage: quorum [--lang en|ko] <command> [options]

commands:
  chaos        seeded runs with random faults; checks invariants and linearizability
  experiment   election (the Raft paper's §9.3) or leader-election (Kubernetes Lease)
  lincheck     check Jepsen/EDN histories for linearizability
  etcdctl      an etcdctl terminal on a simulated cluster, reading lines from stdin
  bench        simulator throughput on a fixed workload

Run `quorum <command> --help` for a command's options.
--lang en|ko (before or after the command) sets the language of messages;
by default it follows LC_ALL, LC_MESSAGES, then LANG (ko* means Korean).";

const USAGE_KO: &str = "\
사용법: quorum [--lang en|ko] <명령> [옵션]

명령:
  chaos        무작위 장애를 넣은 시드 고정 실행; 불변식과 선형화 가능성 검사
  experiment   election(Raft 논문 §9.3) 또는 leader-election(Kubernetes 리스) 실험
  lincheck     Jepsen/EDN 히스토리의 선형화 가능성 검사
  etcdctl      시뮬레이션 클러스터 위의 etcdctl 터미널 (표준 입력에서 한 줄씩 읽음)
  bench        고정 워크로드에서 시뮬레이터 처리량 측정

명령별 옵션은 `quorum <명령> --help`로 확인하세요.
--lang en|ko(명령 앞이나 뒤)로 메시지 언어를 정합니다. 지정하지 않으면
LC_ALL, LC_MESSAGES, LANG 순으로 환경 변수를 따릅니다(ko로 시작하면 한국어).";

pub fn usage(lang: Lang) -> &'static str {
    lang.pick(USAGE_EN, USAGE_KO)
}

pub fn unknown_command(lang: Lang, command: &str) -> String {
    match lang {
        Lang::En => format!("quorum: unknown command '{command}'\n\n{USAGE_EN}"),
        Lang::Ko => format!("quorum: 알 수 없는 명령입니다: '{command}'\n\n{USAGE_KO}"),
    }
}
