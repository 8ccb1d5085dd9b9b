//! `quorum experiment leader-election`: usage, errors and the report lines. client-go's own
//! error text (`ConfigError`) stays English, as client-go prints it.

use super::Lang;
use quorum_k8s::experiment::{ExperimentError, MAX_CANDIDATES, MAX_TRIALS};
use quorum_k8s::leader_election::config::DurationError;

pub const NAME: &str = "quorum experiment leader-election";

const USAGE_EN: &str = "\
usage: quorum experiment leader-election [options]

Crash the active kube-controller-manager of a stacked control plane at a random
time and measure until a standby holds the Lease (client-go leader election; the
Lease lives in the simulated Raft etcd; simulated time).

options:
  --lease-duration D   --leader-elect-lease-duration (default 15s)
  --renew-deadline D   --leader-elect-renew-deadline (default 10s)
  --retry-period D     --leader-elect-retry-period (default 2s)
  --candidates N       controller-manager instances, 2-7 (default 3)
  --trials N           crashes to measure, 1-100000 (default 200)
  --seed S             RNG seed (default 1)
  --json               print {trials, mean_s, min_s, max_s, cdf, ...} as JSON

Durations: 15s, 1.5s, 500ms, 1m or a bare number of seconds.
Valid only if lease duration > renew deadline > 1.2 x retry period.";

const USAGE_KO: &str = "\
사용법: quorum experiment leader-election [옵션]

스택형 컨트롤 플레인에서 활성 kube-controller-manager를 무작위 시점에 중지하고
대기 후보가 리스(Lease)를 가져갈 때까지 걸린 시간을 잽니다 (client-go 리더 선출,
리스는 시뮬레이션된 Raft etcd에 저장, 시뮬레이션 시간 기준).

옵션:
  --lease-duration D   --leader-elect-lease-duration (기본값 15s)
  --renew-deadline D   --leader-elect-renew-deadline (기본값 10s)
  --retry-period D     --leader-elect-retry-period (기본값 2s)
  --candidates N       controller-manager 인스턴스 수, 2-7 (기본값 3)
  --trials N           측정할 중지 횟수, 1-100000 (기본값 200)
  --seed S             RNG 시드 (기본값 1)
  --json               {trials, mean_s, min_s, max_s, cdf, ...}를 JSON으로 출력

기간 형식: 15s, 1.5s, 500ms, 1m 또는 초 단위 숫자.
--lease-duration > --renew-deadline > 1.2 x --retry-period 일 때만 유효합니다.";

pub fn usage(lang: Lang) -> &'static str {
    lang.pick(USAGE_EN, USAGE_KO)
}

/// A flag `quorum experiment leader-election` could not read.
#[derive(Debug)]
pub enum Msg {
    NeedsValue { flag: String },
    UnknownFlag { arg: String },
    BadDuration { flag: String, error: DurationError },
    BadNumber { flag: String, text: String },
}

impl Msg {
    pub fn render(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, Msg::NeedsValue { flag }) => format!("flag {flag} needs a value"),
            (Lang::En, Msg::UnknownFlag { arg }) => format!("unknown flag '{arg}'"),
            (Lang::En, Msg::BadDuration { flag, error }) => format!("flag {flag}: {error}"),
            (Lang::En, Msg::BadNumber { flag, text }) => {
                format!("flag {flag}: invalid number \"{text}\"")
            }
            (Lang::Ko, Msg::NeedsValue { flag }) => format!("{flag} 플래그에 값이 필요합니다"),
            (Lang::Ko, Msg::UnknownFlag { arg }) => format!("알 수 없는 플래그입니다: '{arg}'"),
            (Lang::Ko, Msg::BadDuration { flag, error }) => {
                format!("{flag} 플래그: {}", duration_ko(error))
            }
            (Lang::Ko, Msg::BadNumber { flag, text }) => {
                format!("{flag} 플래그: 잘못된 숫자입니다: \"{text}\"")
            }
        }
    }
}

fn duration_ko(error: &DurationError) -> String {
    match error {
        DurationError::Empty => "기간 값이 비어 있습니다".into(),
        DurationError::Invalid { text } => format!("잘못된 기간입니다: \"{text}\""),
        DurationError::TooLarge { text } => format!("기간이 너무 깁니다: \"{text}\""),
    }
}

/// The experiment refused its parameters; durations in seconds for the message.
pub fn rejected(lang: Lang, error: &ExperimentError, lease: f64, renew: f64, retry: f64) -> String {
    match (lang, error) {
        (Lang::En, ExperimentError::InvalidConfig(e)) => format!(
            "invalid leader election flags: {e} (lease duration {lease}s, renew deadline {renew}s, \
             retry period {retry}s; need lease duration > renew deadline > 1.2 x retry period)"
        ),
        (Lang::En, ExperimentError::CandidatesOutOfRange { candidates }) => {
            format!("--candidates must be between 2 and {MAX_CANDIDATES}, not {candidates}")
        }
        (Lang::En, ExperimentError::TrialsOutOfRange { trials }) => {
            format!("--trials must be between 1 and {MAX_TRIALS}, not {trials}")
        }
        (Lang::Ko, ExperimentError::InvalidConfig(e)) => format!(
            "잘못된 리더 선출 플래그입니다: {e} (--lease-duration {lease}s, --renew-deadline {renew}s, \
             --retry-period {retry}s; --lease-duration > --renew-deadline > 1.2 x --retry-period 이어야 합니다)"
        ),
        (Lang::Ko, ExperimentError::CandidatesOutOfRange { candidates }) => format!(
            "--candidates는 2에서 {MAX_CANDIDATES} 사이여야 합니다 (입력: {candidates})"
        ),
        (Lang::Ko, ExperimentError::TrialsOutOfRange { trials }) => {
            format!("--trials는 1에서 {MAX_TRIALS} 사이여야 합니다 (입력: {trials})")
        }
    }
}

pub fn cannot_encode(lang: Lang, error: &str) -> String {
    match lang {
        Lang::En => format!("{NAME}: cannot encode the result: {error}"),
        Lang::Ko => format!("{NAME}: 결과를 인코딩할 수 없습니다: {error}"),
    }
}

/// The settings line: lease duration, renew deadline, retry period (s), candidates, seed.
pub fn settings(
    lang: Lang,
    lease: f64,
    renew: f64,
    retry: f64,
    candidates: usize,
    seed: u64,
) -> String {
    match lang {
        Lang::En => format!(
            "lease duration {lease}s, renew deadline {renew}s, retry period {retry}s, \
             {candidates} candidates, seed {seed}"
        ),
        Lang::Ko => format!(
            "--lease-duration {lease}s, --renew-deadline {renew}s, --retry-period {retry}s, \
             후보 {candidates}개, 시드 {seed}"
        ),
    }
}

pub fn failover(lang: Lang, trials: u32, mean: f64, min: f64, max: f64) -> String {
    match lang {
        Lang::En => format!(
            "failover after a crash over {trials} trials: mean {mean:.2}s, min {min:.2}s, max {max:.2}s"
        ),
        Lang::Ko => format!(
            "중지 후 장애 조치까지 걸린 시간 (시행 {trials}회): 평균 {mean:.2}s, 최소 {min:.2}s, 최대 {max:.2}s"
        ),
    }
}

pub fn expected(lang: Lang, min: f64, max: f64) -> String {
    match lang {
        Lang::En => {
            format!("client-go semantics imply: at least {min:.2}s, at most about {max:.2}s")
        }
        Lang::Ko => format!("client-go 동작에 따른 예상치: 최소 {min:.2}s, 최대 약 {max:.2}s"),
    }
}

pub fn no_failover(lang: Lang, trials: u32) -> String {
    match lang {
        Lang::En => format!("no standby took over in {trials} trials"),
        Lang::Ko => format!("대기 후보가 리스를 가져가지 못한 시행: {trials}회"),
    }
}
