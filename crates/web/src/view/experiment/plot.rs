//! The CDF of downtime as in Figure 16: x = time without a leader (ms), linear from 0 or
//! logarithmic in decades, y = cumulative percent of trials; one step curve per range.
//! Hand-written SVG (no plotting crate) with an HTML legend that wraps on a phone.

use super::form::range_label;
use super::job::ElectionReport;
use crate::i18n::{tr, Lang};
use crate::math;
use yew::prelude::*;

const W: f64 = 640.0;
const H: f64 = 340.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 52.0;
/// Curves are told apart by colour and by dash pattern (for readers who do not see colour).
pub const STYLES: usize = 11;

/// The x axis: its scale and its bounds in ms.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    pub log: bool,
    pub lo: f64,
    pub hi: f64,
}

impl Axis {
    pub fn fit(reports: &[ElectionReport], log: bool) -> Axis {
        let max = reports.iter().map(|r| r.max_ms).fold(0.0, f64::max);
        if log {
            let min = reports
                .iter()
                .map(|r| r.min_ms)
                .filter(|v| *v > 0.0)
                .fold(f64::INFINITY, f64::min);
            let min = if min.is_finite() { min } else { 1.0 };
            let lo = math::pow(10.0, math::log10(min).floor());
            let hi = math::pow(10.0, math::log10(max.max(min * 10.0)).ceil());
            Axis { log, lo, hi }
        } else {
            let step = nice_step(max.max(1.0) / 6.0);
            Axis {
                log,
                lo: 0.0,
                hi: (max / step).ceil().max(1.0) * step,
            }
        }
    }

    /// The x pixel of a time in ms.
    pub fn x(&self, ms: f64) -> f64 {
        let f = if self.log {
            (math::log10(ms.max(self.lo)) - math::log10(self.lo))
                / (math::log10(self.hi) - math::log10(self.lo))
        } else {
            (ms - self.lo) / (self.hi - self.lo)
        };
        LEFT + f.clamp(0.0, 1.0) * (W - LEFT - RIGHT)
    }

    pub fn ticks(&self) -> Vec<f64> {
        if self.log {
            let (a, b) = (
                math::log10(self.lo).round() as i32,
                math::log10(self.hi).round() as i32,
            );
            (a..=b).map(|e| 10f64.powi(e)).collect()
        } else {
            let step = nice_step((self.hi - self.lo) / 6.0);
            let n = ((self.hi - self.lo) / step).round() as usize;
            (0..=n).map(|i| self.lo + i as f64 * step).collect()
        }
    }
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let mag = math::pow(10.0, math::log10(raw).floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

fn y(fraction: f64) -> f64 {
    H - BOTTOM - fraction.clamp(0.0, 1.0) * (H - TOP - BOTTOM)
}

/// The step curve of one report's CDF points.
pub fn path(axis: &Axis, cdf: &[(f64, f64)]) -> String {
    let Some(&(first, _)) = cdf.first() else {
        return String::new();
    };
    let mut d = format!("M{:.1},{:.1}", axis.x(first), y(0.0));
    for &(ms, fraction) in cdf {
        d.push_str(&format!("H{:.1}V{:.1}", axis.x(ms), y(fraction)));
    }
    d
}

fn tick_label(ms: f64) -> String {
    if ms >= 1000.0 && (ms / 1000.0).fract() == 0.0 && ms >= 10_000.0 {
        format!("{}k", ms / 1000.0)
    } else {
        format!("{ms}")
    }
}

/// `reports[i]` belongs to `ranges[i]`; with `partial`, the last report is the range still
/// running (drawn fainter, and its curve grows frame by frame).
pub fn cdf_plot(
    lang: Lang,
    ranges: &[(u64, u64)],
    reports: &[ElectionReport],
    partial: bool,
    log: bool,
    id: &str,
) -> Html {
    let axis = Axis::fit(reports, log);
    let title_id = format!("{id}-plot-title");
    let x_ticks = axis.ticks().into_iter().map(|t| {
        let x = axis.x(t);
        html! { <g class="exp-tick">
            <line class="exp-grid" x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={TOP.to_string()} y2={(H - BOTTOM).to_string()} />
            <text x={format!("{x:.1}")} y={(H - BOTTOM + 18.0).to_string()} text-anchor="middle">{ tick_label(t) }</text>
        </g> }
    });
    let y_ticks = (0..=4).map(|i| {
        let f = i as f64 / 4.0;
        let yy = y(f);
        html! { <g class="exp-tick">
            <line class="exp-grid" x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={format!("{yy:.1}")} y2={format!("{yy:.1}")} />
            <text x={(LEFT - 6.0).to_string()} y={format!("{:.1}", yy + 4.0)} text-anchor="end">{ format!("{}%", i * 25) }</text>
        </g> }
    });
    let curves = reports.iter().enumerate().map(|(i, r)| {
        let key = ranges
            .get(i)
            .map(|&r| super::form::range_key(r))
            .unwrap_or_default();
        let running = partial && i + 1 == reports.len();
        let class = classes!(
            "exp-curve",
            format!("exp-style-{}", i % STYLES),
            running.then_some("exp-partial")
        );
        html! { <path {class} data-range={key} d={path(&axis, &r.cdf)} /> }
    });
    let x_label = if log {
        tr(
            lang,
            "time without a leader (ms, logarithmic)",
            "리더 없는 시간 (ms, 로그 눈금)",
        )
    } else {
        tr(lang, "time without a leader (ms)", "리더 없는 시간 (ms)")
    };
    let legend = ranges.iter().take(reports.len()).enumerate().map(|(i, &r)| {
        html! { <li>
            <svg class="exp-swatch" viewBox="0 0 32 10" width="32" height="10" aria-hidden="true">
                <line class={format!("exp-curve exp-style-{}", i % STYLES)} x1="0" x2="32" y1="5" y2="5" />
            </svg>
            { range_label(r) }
        </li> }
    });
    html! {
        <figure class="exp-plot">
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-labelledby={title_id.clone()}>
                <title id={title_id}>{ tr(lang,
                    "Cumulative distribution of the time without a leader after the leader crashes, one curve per election timeout range",
                    "리더가 멈춘 뒤 리더 없는 시간의 누적 분포, 선거 타임아웃 범위마다 곡선 하나") }</title>
                { for y_ticks }
                { for x_ticks }
                <rect class="exp-frame" x={LEFT.to_string()} y={TOP.to_string()} width={(W - LEFT - RIGHT).to_string()} height={(H - TOP - BOTTOM).to_string()} />
                { for curves }
                <text class="exp-axis-label" x={((LEFT + W - RIGHT) / 2.0).to_string()} y={(H - 8.0).to_string()} text-anchor="middle">{ x_label }</text>
                <text class="exp-axis-label" transform={format!("translate(14 {}) rotate(-90)", (TOP + H - BOTTOM) / 2.0)} text-anchor="middle">
                    { tr(lang, "cumulative % of trials", "시행의 누적 비율 (%)") }
                </text>
            </svg>
            <figcaption>
                <ul class="exp-legend" aria-label={tr(lang, "Legend", "범례")}>{ for legend }</ul>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_fit_the_data() {
        assert_eq!(nice_step(37.0), 50.0);
        assert_eq!(nice_step(100.0), 100.0);
        let lin = Axis {
            log: false,
            lo: 0.0,
            hi: 600.0,
        };
        assert_eq!(lin.ticks().len(), 7);
        assert_eq!(lin.x(0.0), LEFT);
        assert_eq!(lin.x(600.0), W - RIGHT);
        let log = Axis {
            log: true,
            lo: 10.0,
            hi: 10_000.0,
        };
        assert_eq!(log.ticks(), vec![10.0, 100.0, 1000.0, 10_000.0]);
        assert!((log.x(100.0) - (LEFT + (W - LEFT - RIGHT) / 3.0)).abs() < 1e-9);
    }

    #[test]
    fn a_curve_steps_from_zero_to_the_last_fraction() {
        let axis = Axis {
            log: false,
            lo: 0.0,
            hi: 100.0,
        };
        let d = path(&axis, &[(10.0, 0.5), (20.0, 1.0)]);
        assert!(d.starts_with(&format!("M{:.1},{:.1}", axis.x(10.0), y(0.0))));
        assert!(d.ends_with(&format!("V{:.1}", y(1.0))));
        assert_eq!(path(&axis, &[]), "");
    }
}
