//! `quorum etcdctl`: the wrapper's own usage and errors. What the emulated terminal prints
//! is etcdctl's and bash's text, English as in real life, and never passes here.

use super::Lang;

const USAGE_EN: &str = "\
usage: quorum etcdctl [--members N] [--seed S] [--fresh] [--echo] [--local]

Reads terminal lines from stdin and prints what the terminal shows, on a simulated
cluster of real Raft members (simulated time: timeouts pass instantly).
  --members N  cluster size, 1..9 (default 3)
  --seed S     seed of the simulation, member and lease IDs (default 1)
  --fresh      start from fresh VMs: install etcd 3.3.9 as the notes do
  --echo       also print the prompt and each typed line (a transcript)
  --local      use the Raft-less stand-in cluster instead of the simulator
  ^C           on a line of its own: Ctrl-C";

const USAGE_KO: &str = "\
사용법: quorum etcdctl [--members N] [--seed S] [--fresh] [--echo] [--local]

표준 입력에서 터미널 입력을 한 줄씩 읽어, 실제 Raft 멤버로 이루어진 시뮬레이션
클러스터에서 터미널이 보여 줄 내용을 출력합니다 (시뮬레이션 시간: 타임아웃은 즉시 지나감).
터미널 출력은 실제 etcdctl과 bash처럼 영어입니다.
  --members N  클러스터 크기, 1..9 (기본값 3)
  --seed S     시뮬레이션, 멤버 ID, 리스 ID의 시드 (기본값 1)
  --fresh      새 VM에서 시작: 노트대로 etcd 3.3.9 설치부터
  --echo       프롬프트와 입력한 줄도 함께 출력 (작업 기록)
  --local      시뮬레이터 대신 Raft 없는 대체 클러스터 사용
  ^C           한 줄에 단독으로 쓰면 Ctrl-C";

pub fn usage(lang: Lang) -> &'static str {
    lang.pick(USAGE_EN, USAGE_KO)
}

/// An option of `quorum etcdctl` it could not read (exit 2).
#[derive(Debug)]
pub enum Msg {
    NeedsValue { flag: String },
    BadMembers { value: String },
    BadSeed { value: String },
    UnknownOption { arg: String },
}

impl Msg {
    pub fn render(&self, lang: Lang) -> String {
        let body = match (lang, self) {
            (Lang::En, Msg::NeedsValue { flag }) => format!("{flag} needs a value"),
            (Lang::En, Msg::BadMembers { value }) => {
                format!("--members: expected 1..9, got '{value}'")
            }
            (Lang::En, Msg::BadSeed { value }) => format!("--seed: not a number: '{value}'"),
            (Lang::En, Msg::UnknownOption { arg }) => format!("unknown option '{arg}'"),
            (Lang::Ko, Msg::NeedsValue { flag }) => format!("{flag} 옵션에 값이 필요합니다"),
            (Lang::Ko, Msg::BadMembers { value }) => {
                format!("--members: 1..9 범위여야 합니다 (입력: '{value}')")
            }
            (Lang::Ko, Msg::BadSeed { value }) => {
                format!("--seed: 숫자가 아닙니다: '{value}'")
            }
            (Lang::Ko, Msg::UnknownOption { arg }) => format!("알 수 없는 옵션입니다: '{arg}'"),
        };
        format!("quorum etcdctl: {body}\n\n{}", usage(lang))
    }
}

/// The simulated cluster could not be built (`error` is the sim's Debug form).
pub fn no_cluster(lang: Lang, error: &str) -> String {
    match lang {
        Lang::En => format!("quorum etcdctl: cannot build the simulated cluster: {error}"),
        Lang::Ko => format!("quorum etcdctl: 시뮬레이션 클러스터를 만들 수 없습니다: {error}"),
    }
}
