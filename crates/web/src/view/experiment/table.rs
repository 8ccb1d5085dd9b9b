//! The summary table: one row per finished range, the numbers of `ElectionReport` (the same
//! ones `quorum experiment election --json` prints). Each cell carries the exact value in
//! `data-value` so a test can compare it with the CLI's JSON.

use super::form::{range_key, range_label};
use super::job::ElectionReport;
use crate::i18n::{tr, Lang};
use yew::prelude::*;

fn cell(col: &'static str, value: f64, text: String) -> Html {
    html! { <td data-col={col} data-value={value.to_string()}>{ text }</td> }
}

fn ms(col: &'static str, value: f64) -> Html {
    cell(col, value, format!("{value:.1}"))
}

pub fn results_table(lang: Lang, ranges: &[(u64, u64)], reports: &[ElectionReport]) -> Html {
    let rows = ranges.iter().zip(reports).map(|(&range, r)| {
        html! { <tr data-range={range_key(range)}>
            <th scope="row">{ range_label(range) }</th>
            { cell("trials", r.trials as f64, r.trials.to_string()) }
            { ms("mean", r.mean_ms) }
            { ms("median", r.median_ms) }
            { ms("p99", r.p99_ms) }
            { ms("p999", r.p999_ms) }
            { ms("min", r.min_ms) }
            { ms("max", r.max_ms) }
            { cell("split", r.split_vote_rate, format!("{:.1}%", r.split_vote_rate * 100.0)) }
            { cell("capped", r.capped as f64, r.capped.to_string()) }
        </tr> }
    });
    html! {
        <div class="exp-table-wrap" role="region" tabindex="0" aria-label={tr(lang, "Results table", "결과 표")}>
            <table class="exp-table">
                <caption>{ tr(lang, "Time without a leader, in ms", "리더 없는 시간 (ms)") }</caption>
                <thead><tr>
                    <th scope="col">{ tr(lang, "Timeout range", "타임아웃 범위") }</th>
                    <th scope="col">{ tr(lang, "Trials", "시행") }</th>
                    <th scope="col">{ tr(lang, "Mean", "평균") }</th>
                    <th scope="col">{ tr(lang, "Median", "중앙값") }</th>
                    <th scope="col">{ "p99" }</th>
                    <th scope="col">{ "p99.9" }</th>
                    <th scope="col">{ tr(lang, "Min", "최소") }</th>
                    <th scope="col">{ tr(lang, "Max", "최대") }</th>
                    <th scope="col">{ tr(lang, "Split first vote", "첫 투표에서 표 갈림") }</th>
                    <th scope="col">{ tr(lang, "No leader by 10 s", "10초 안에 리더 없음") }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
