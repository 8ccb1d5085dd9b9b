//! The experiment's inputs: the paper's preset timeout ranges, a custom range, the number of
//! trials and the seed, parsed from what the student typed; every error worded in English and
//! Korean from the simulator's structured `ElectionError`.

use super::job::{check_range, JobError, MAX_TRIALS};
use crate::i18n::{tr, Lang};
use quorum_sim::election::ElectionError;

const MS: u64 = 1_000;

/// Figure 16, top graph: no randomness up to 150 ms of it.
pub const TOP_GRAPH: [(u64, u64); 6] = [
    (150 * MS, 150 * MS),
    (150 * MS, 151 * MS),
    (150 * MS, 155 * MS),
    (150 * MS, 175 * MS),
    (150 * MS, 200 * MS),
    (150 * MS, 300 * MS),
];

/// Figure 16, bottom graph: shorter timeouts, always twice the minimum as the maximum.
pub const BOTTOM_GRAPH: [(u64, u64); 5] = [
    (12 * MS, 24 * MS),
    (25 * MS, 50 * MS),
    (50 * MS, 100 * MS),
    (100 * MS, 200 * MS),
    (150 * MS, 300 * MS),
];

/// The longest timeout a custom range may have: a trial simulates several timeouts of client
/// traffic before the crash, so longer ones would only make the page slow.
pub const MAX_TIMEOUT_MS: u64 = 10_000;

pub fn is_preset(range: (u64, u64)) -> bool {
    TOP_GRAPH.contains(&range) || BOTTOM_GRAPH.contains(&range)
}

/// Microseconds as milliseconds, without a fraction when there is none ("150", "12.5").
pub fn ms_text(us: u64) -> String {
    if us.is_multiple_of(MS) {
        (us / MS).to_string()
    } else {
        let text = format!("{:.3}", us as f64 / 1e3);
        text.trim_end_matches('0').to_string()
    }
}

/// "150–300 ms".
pub fn range_label(range: (u64, u64)) -> String {
    format!("{}–{} ms", ms_text(range.0), ms_text(range.1))
}

/// "150-300": the range in data attributes and the CLI's `--timeout`.
pub fn range_key(range: (u64, u64)) -> String {
    format!("{}-{}", ms_text(range.0), ms_text(range.1))
}

/// What is wrong with a field the student typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    NotMs,
    TimeoutTooLong,
    NotTrials,
    NotSeed,
    Job(JobError),
    Election(ElectionError),
}

fn parse_ms(text: &str) -> Result<u64, InputError> {
    // As the CLI's `--timeout`: milliseconds rounded to the microsecond.
    let us = quorum_sim::units::parse_decimal(text.trim(), 3).ok_or(InputError::NotMs)?;
    if us > MAX_TIMEOUT_MS * 1000 {
        return Err(InputError::TimeoutTooLong);
    }
    Ok(us)
}

/// A custom range from its two fields, checked by the simulator.
pub fn parse_range(min: &str, max: &str) -> Result<(u64, u64), InputError> {
    let range = (parse_ms(min)?, parse_ms(max)?);
    check_range(range, 1, 1).map_err(InputError::Election)?;
    Ok(range)
}

pub fn parse_trials(text: &str) -> Result<u32, InputError> {
    let n: u32 = text.trim().parse().map_err(|_| InputError::NotTrials)?;
    match n {
        0 => Err(InputError::Election(ElectionError::NoTrials)),
        n if n > MAX_TRIALS => Err(InputError::Job(JobError::TooManyTrials)),
        n => Ok(n),
    }
}

pub fn parse_seed(text: &str) -> Result<u64, InputError> {
    text.trim().parse().map_err(|_| InputError::NotSeed)
}

pub fn election_error(lang: Lang, e: &ElectionError) -> String {
    match e {
        ElectionError::TooFewNodes => {
            tr(lang, "The experiment needs 3 to 15 servers.", "실험에는 서버가 3~15대 필요합니다.").into()
        }
        ElectionError::CrashedTooMany { crashed, nodes } => match lang {
            Lang::En => format!("{crashed} of {nodes} servers cannot crash: a majority must stay up."),
            Lang::Ko => format!("서버 {nodes}대 중 {crashed}대를 멈출 수는 없습니다. 과반수가 살아 있어야 합니다."),
        },
        ElectionError::BadTimeout => tr(
            lang,
            "The minimum election timeout must be above 0 ms and not above the maximum.",
            "최소 선거 타임아웃은 0 ms보다 크고 최댓값보다 크지 않아야 합니다.",
        )
        .into(),
        ElectionError::BadLatency => tr(
            lang,
            "The minimum network latency must not exceed the maximum.",
            "최소 네트워크 지연은 최댓값을 넘을 수 없습니다.",
        )
        .into(),
        ElectionError::BadHeartbeat => tr(
            lang,
            "The heartbeat (half the minimum timeout) must be shorter than the minimum election timeout: use a larger minimum.",
            "하트비트(최소 타임아웃의 절반)는 최소 선거 타임아웃보다 짧아야 합니다. 최솟값을 더 크게 하세요.",
        )
        .into(),
        ElectionError::NoTrials => tr(
            lang,
            "Run at least one trial.",
            "시행을 한 번 이상 하세요.",
        )
        .into(),
    }
}

pub fn input_error(lang: Lang, e: &InputError) -> String {
    match e {
        InputError::NotMs => tr(
            lang,
            "Enter a number of milliseconds (for example 150).",
            "밀리초 단위 숫자를 입력하세요(예: 150).",
        )
        .into(),
        InputError::TimeoutTooLong => match lang {
            Lang::En => format!("Timeouts above {MAX_TIMEOUT_MS} ms are not offered here."),
            Lang::Ko => format!("{MAX_TIMEOUT_MS} ms보다 긴 타임아웃은 여기서 쓸 수 없습니다."),
        },
        InputError::NotTrials => match lang {
            Lang::En => format!("Enter a whole number of trials from 1 to {MAX_TRIALS}."),
            Lang::Ko => format!("시행 횟수는 1부터 {MAX_TRIALS}까지의 정수로 입력하세요."),
        },
        InputError::NotSeed => tr(
            lang,
            "Enter the seed as a whole number (0 or more).",
            "시드는 0 이상의 정수로 입력하세요.",
        )
        .into(),
        InputError::Job(JobError::NoRanges) => tr(
            lang,
            "Choose at least one timeout range.",
            "타임아웃 범위를 하나 이상 고르세요.",
        )
        .into(),
        InputError::Job(JobError::TooManyTrials) => match lang {
            Lang::En => format!("At most {MAX_TRIALS} trials per range."),
            Lang::Ko => format!("범위마다 시행은 최대 {MAX_TRIALS}번입니다."),
        },
        InputError::Job(JobError::Range { error, .. }) | InputError::Election(error) => {
            election_error(lang, error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_like_the_cli_and_errors_come_from_the_simulator() {
        assert_eq!(parse_range("150", "300"), Ok((150_000, 300_000)));
        assert_eq!(parse_range(" 12.5 ", "25"), Ok((12_500, 25_000)));
        assert_eq!(parse_range("abc", "3"), Err(InputError::NotMs));
        assert_eq!(parse_range("-1", "3"), Err(InputError::NotMs));
        assert_eq!(parse_range("1", "20000"), Err(InputError::TimeoutTooLong));
        let bad = Err(InputError::Election(ElectionError::BadTimeout));
        assert_eq!(parse_range("300", "150"), bad);
        assert_eq!(parse_range("0", "10"), bad);
        assert_eq!(
            parse_range("0.001", "1"),
            Err(InputError::Election(ElectionError::BadHeartbeat))
        );
    }

    #[test]
    fn trials_and_seed_are_bounded() {
        assert_eq!(parse_trials("200"), Ok(200));
        assert!(parse_trials("0").is_err() && parse_trials("10001").is_err());
        assert!(parse_trials("1.5").is_err());
        assert_eq!(parse_seed("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(parse_seed("-1"), Err(InputError::NotSeed));
    }

    #[test]
    fn labels_and_keys() {
        assert_eq!(range_label((150_000, 151_000)), "150–151 ms");
        assert_eq!(range_key((12_500, 25_000)), "12.5-25");
        assert!(is_preset((150_000, 300_000)) && !is_preset((1_000, 2_000)));
    }
}
