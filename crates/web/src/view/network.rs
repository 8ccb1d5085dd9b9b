//! Network controls: split the nodes into sides A/B/C and apply the partition, cut single
//! links one way from a from→to matrix, heal everything, set latency and loss, and start
//! the ready-made presets. The component only reports what the student asked for; the
//! simulator does the cutting.

use crate::i18n::{tr, Lang};
use crate::model::{NetworkView, Preset};
use crate::narrate::ro;
use litemap::LiteMap;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How many sides a partition can have.
pub const SIDES: u8 = 3;
pub const SIDE_NAMES: [&str; SIDES as usize] = ["A", "B", "C"];
/// The latency sliders' range, in ms.
pub const LATENCY_MIN_MS: u64 = 1;
pub const LATENCY_MAX_MS: u64 = 1000;
const PPM_PER_PERCENT: u32 = 10_000;

/// Which side each node is on (absent: side A).
pub type Sides = LiteMap<u64, u8>;

pub fn side_of(sides: &Sides, node: u64) -> u8 {
    sides.get(&node).copied().unwrap_or(0).min(SIDES - 1)
}

/// A click moves a node to the next side: A → B → C → A.
pub fn next_side(side: u8) -> u8 {
    side.saturating_add(1) % SIDES
}

/// The partition the sides describe: the non-empty sides in order A, B, C, each sorted.
pub fn groups(nodes: &[u64], sides: &Sides) -> Vec<Vec<u64>> {
    (0..SIDES)
        .map(|s| {
            let mut g: Vec<u64> = nodes
                .iter()
                .copied()
                .filter(|&n| side_of(sides, n) == s)
                .collect();
            g.sort_unstable();
            g
        })
        .filter(|g| !g.is_empty())
        .collect()
}

/// The sides the current cuts amount to: nodes that can talk both ways, directly or
/// through others, share a side. `None` when that takes more than three sides.
pub fn infer_sides(nodes: &[u64], cut: &[(u64, u64)]) -> Option<Sides> {
    let mut sorted = nodes.to_vec();
    sorted.sort_unstable();
    let open = |a: u64, b: u64| !cut.contains(&(a, b)) && !cut.contains(&(b, a));
    let mut side: Sides = LiteMap::new();
    let mut count = 0u8;
    for &start in &sorted {
        if side.contains_key(&start) {
            continue;
        }
        if count >= SIDES {
            return None;
        }
        // Flood the component of `start`.
        let mut stack = vec![start];
        side.insert(start, count);
        while let Some(a) = stack.pop() {
            for &b in &sorted {
                if !side.contains_key(&b) && open(a, b) {
                    side.insert(b, count);
                    stack.push(b);
                }
            }
        }
        count += 1;
    }
    Some(side)
}

/// Percent (slider) to parts per million (simulator), capped at 100 %.
pub fn percent_to_ppm(percent: u32) -> u32 {
    percent.min(100) * PPM_PER_PERCENT
}

/// Parts per million as the slider's whole percent (rounded to nearest).
pub fn ppm_to_percent(ppm: u32) -> u32 {
    (ppm.min(1_000_000).saturating_add(PPM_PER_PERCENT / 2)) / PPM_PER_PERCENT
}

/// Loss in words: "2.5 %" keeps a decimal only when there is one.
pub fn loss_text(ppm: u32) -> String {
    let tenths = ppm.min(1_000_000).saturating_add(500) / 1000;
    let (whole, fraction) = (tenths / 10, tenths % 10);
    if fraction == 0 {
        format!("{whole} %")
    } else {
        format!("{whole}.{fraction} %")
    }
}

pub fn ms_to_us(ms: u64) -> u64 {
    ms.saturating_mul(1000)
}

/// Microseconds as whole milliseconds, rounded to nearest.
pub fn us_to_ms(us: u64) -> u64 {
    us.saturating_add(500) / 1000
}

/// The latency range after moving one slider: the other end follows so min ≤ max.
pub fn latency_with(
    current_us: (u64, u64),
    min_ms: Option<u64>,
    max_ms: Option<u64>,
) -> (u64, u64) {
    let clamp = |ms: u64| ms_to_us(ms.clamp(LATENCY_MIN_MS, LATENCY_MAX_MS));
    match (min_ms, max_ms) {
        (Some(lo), _) => {
            let lo = clamp(lo);
            (lo, current_us.1.max(lo))
        }
        (None, Some(hi)) => {
            let hi = clamp(hi);
            (current_us.0.min(hi), hi)
        }
        (None, None) => current_us,
    }
}

pub fn preset_name(lang: Lang, p: Preset) -> &'static str {
    match p {
        Preset::SplitVote => tr(lang, "Split vote", "표 갈림"),
        Preset::PartitionLeader => tr(lang, "Partition the leader", "리더 고립"),
        Preset::MinoritySide => tr(lang, "Minority side", "소수 쪽"),
        Preset::Figure8 => tr(lang, "Figure 8", "Figure 8"),
    }
}

pub fn preset_explanation(lang: Lang, p: Preset) -> &'static str {
    match p {
        Preset::SplitVote => tr(
            lang,
            "Two servers time out together and split the votes: nobody wins that term.",
            "두 서버가 동시에 타임아웃되어 표가 갈립니다. 그 임기에는 아무도 이기지 못합니다.",
        ),
        Preset::PartitionLeader => tr(
            lang,
            "Cut the leader off: the others elect a new leader in a higher term.",
            "리더를 나머지와 끊습니다. 나머지가 더 높은 임기에서 새 리더를 뽑습니다.",
        ),
        Preset::MinoritySide => tr(
            lang,
            "Cut the leader and one follower off from the rest: the leader's side is the minority, \
             so its writes cannot commit while the majority elects a new leader.",
            "리더와 팔로워 하나를 나머지와 끊습니다. 리더 쪽이 소수가 되어 쓰기를 커밋하지 못하고, \
             다수 쪽은 새 리더를 뽑습니다.",
        ),
        Preset::Figure8 => tr(
            lang,
            "A new five-server run, paused at the paper's Figure 8 (c): S1 leads term 4 and its \
             term-2 entry at index 3 is on a majority, but S1 may not count it. Press play for (e), \
             or stop S1, restart S5 and force its timeout for (d). With the commit_old_term switch \
             on (settings) before choosing this, (d) loses a committed entry.",
            "다섯 서버의 새 실행을 논문 Figure 8의 (c)에서 멈춰 둡니다. S1이 임기 4의 리더이고 \
             인덱스 3의 임기 2 항목이 과반수에 있지만 S1은 이를 셀 수 없습니다. 재생하면 (e)를, \
             S1을 중지하고 S5를 재시작한 뒤 타임아웃을 강제하면 (d)를 봅니다. 이것을 고르기 전에 \
             설정에서 commit_old_term 스위치를 켜면 (d)에서 커밋된 항목이 사라집니다.",
        ),
    }
}

fn preset_code(p: Preset) -> &'static str {
    match p {
        Preset::SplitVote => "split-vote",
        Preset::PartitionLeader => "partition-leader",
        Preset::MinoritySide => "minority-side",
        Preset::Figure8 => "figure8",
    }
}

fn range_value(e: &InputEvent) -> Option<u64> {
    e.target()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .value()
        .parse()
        .ok()
}

/// The nodes grouped by side: one drop zone per side. A node moves by dragging it to another
/// side (mouse) or by pressing it (click, tap, keyboard: A → B → C → A).
fn side_buttons(
    lang: Lang,
    nodes: &[u64],
    sides: &UseStateHandle<Sides>,
    dragging: &Rc<RefCell<Option<u64>>>,
) -> Html {
    let node_button = |n: u64| {
        let side = side_of(sides, n);
        let name = SIDE_NAMES[usize::from(side)];
        let next = SIDE_NAMES[usize::from(next_side(side))];
        let onclick = {
            let sides = sides.clone();
            Callback::from(move |_: MouseEvent| {
                let mut s = (*sides).clone();
                s.insert(n, next_side(side_of(&s, n)));
                sides.set(s);
            })
        };
        let ondragstart = {
            let dragging = dragging.clone();
            Callback::from(move |e: DragEvent| {
                if let Some(dt) = e.data_transfer() {
                    // Firefox starts a drag only when it carries data.
                    let _ = dt.set_data("text/plain", &format!("S{n}"));
                }
                *dragging.borrow_mut() = Some(n);
            })
        };
        let ondragend = {
            let dragging = dragging.clone();
            Callback::from(move |_: DragEvent| *dragging.borrow_mut() = None)
        };
        // The name comes from the visible text ("S1 side A"); where a press moves the node
        // is a tooltip, so the spoken name matches what is shown.
        let hint = match lang {
            Lang::En => format!("Press to move S{n} to side {next}, or drag it to a side"),
            Lang::Ko => format!("누르면 {next}쪽으로 옮깁니다. 원하는 쪽으로 끌어 놓아도 됩니다"),
        };
        html! {
            <button type="button" class={classes!("side-node", format!("side-{}", name.to_ascii_lowercase()))}
                    data-side-node={n.to_string()} data-side={name} title={hint} draggable="true"
                    {onclick} {ondragstart} {ondragend}>
                <span class="side-node-name">{ format!("S{n}") }</span>
                <span class="side-node-side">
                    <span class="visually-hidden">{ tr(lang, " side ", " ") }</span>
                    { name }
                    <span class="visually-hidden">{ tr(lang, "", "쪽") }</span>
                </span>
            </button>
        }
    };
    let zone = |side: u8| {
        let name = SIDE_NAMES[usize::from(side)];
        let members: Vec<u64> = nodes
            .iter()
            .copied()
            .filter(|&n| side_of(sides, n) == side)
            .collect();
        let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
        let ondrop = {
            let (sides, dragging) = (sides.clone(), dragging.clone());
            Callback::from(move |e: DragEvent| {
                e.prevent_default();
                // Read at drop time (not at render): the drop may come before a re-render.
                if let Some(n) = dragging.borrow_mut().take() {
                    let mut s = (*sides).clone();
                    s.insert(n, side);
                    sides.set(s);
                }
            })
        };
        let label = match lang {
            Lang::En => format!("Side {name}"),
            Lang::Ko => format!("{name}쪽"),
        };
        html! {
            <div class={classes!("side-zone", format!("zone-{}", name.to_ascii_lowercase()))}
                 data-zone={name} role="group" aria-label={label.clone()} {ondragover} {ondrop}>
                <span class="side-zone-name" aria-hidden="true">{ label }</span>
                { for members.into_iter().map(node_button) }
            </div>
        }
    };
    html! {
        <div class="side-picker side-zones" role="group" aria-label={tr(lang, "Sides of the partition", "분할의 각 쪽")}>
            { for (0..SIDES).map(zone) }
        </div>
    }
}

fn link_matrix(
    lang: Lang,
    nodes: &[u64],
    network: &NetworkView,
    on_cut: &Callback<(u64, u64)>,
    on_restore: &Callback<(u64, u64)>,
) -> Html {
    html! {
        <div class="matrix-scroll">
            <table class="link-matrix">
                <caption>{ tr(lang, "Links, one way each: row sends to column. ✂ = cut.", "링크(한 방향씩): 행이 열에게 보냅니다. ✂ = 끊김.") }</caption>
                <thead><tr>
                    <th scope="col"><span class="visually-hidden">{ tr(lang, "from \\ to", "보내는 쪽 \\ 받는 쪽") }</span>{ "→" }</th>
                    { for nodes.iter().map(|n| html! { <th scope="col">{ format!("S{n}") }</th> }) }
                </tr></thead>
                <tbody>
                    { for nodes.iter().map(|&from| html! {
                        <tr key={from.to_string()}>
                            <th scope="row">{ format!("S{from}") }</th>
                            { for nodes.iter().map(|&to| {
                                if from == to {
                                    return html! { <td class="self" aria-hidden="true">{ "·" }</td> };
                                }
                                let cut = network.cut.contains(&(from, to));
                                let onclick = if cut { on_restore.reform(move |_: MouseEvent| (from, to)) } else { on_cut.reform(move |_: MouseEvent| (from, to)) };
                                let label = match (lang, cut) {
                                    (Lang::En, false) => format!("S{from} to S{to}: open. Press to cut."),
                                    (Lang::En, true) => format!("S{from} to S{to}: cut. Press to restore."),
                                    (Lang::Ko, false) => format!("S{from}에서 {}: 열림. 누르면 끊습니다.", ro(&format!("S{to}"))),
                                    (Lang::Ko, true) => format!("S{from}에서 {}: 끊김. 누르면 복구합니다.", ro(&format!("S{to}"))),
                                };
                                html! {
                                    <td>
                                        <button type="button" class={classes!("link", cut.then_some("cut"))} aria-pressed={cut.to_string()}
                                                aria-label={label} data-link-from={from.to_string()} data-link-to={to.to_string()}
                                                data-cut={cut.to_string()} {onclick}>
                                            { if cut { "✂" } else { "→" } }
                                        </button>
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NetworkPanelProps {
    pub lang: Lang,
    pub nodes: Vec<u64>,
    pub network: NetworkView,
    /// Split into these groups (each a side; nodes in different groups cannot talk).
    pub on_partition: Callback<Vec<Vec<u64>>>,
    /// Cut the link from → to (one way).
    pub on_cut: Callback<(u64, u64)>,
    /// Restore the link from → to.
    pub on_restore: Callback<(u64, u64)>,
    /// Restore every link.
    pub on_heal: Callback<()>,
    /// New latency range (min, max) in µs.
    pub on_latency: Callback<(u64, u64)>,
    /// New loss rate in parts per million.
    pub on_loss: Callback<u32>,
    pub on_preset: Callback<Preset>,
}

#[component]
pub fn NetworkPanel(props: &NetworkPanelProps) -> Html {
    let lang = props.lang;
    let sides = use_state(Sides::new);
    // The node being dragged: read when it is dropped, so a mutable cell, not state.
    let dragging = use_mut_ref(|| None::<u64>);
    {
        // Show the partition the network is in (after a preset, a heal or a permalink).
        let (sides, nodes) = (sides.clone(), props.nodes.clone());
        use_effect_with(props.network.cut.clone(), move |cut| {
            if let Some(inferred) = infer_sides(&nodes, cut) {
                sides.set(inferred);
            }
        });
    }
    let parts = groups(&props.nodes, &sides);
    let on_apply = {
        let (cb, parts) = (props.on_partition.clone(), parts.clone());
        Callback::from(move |_: MouseEvent| cb.emit(parts.clone()))
    };
    let on_heal = props.on_heal.reform(|_: MouseEvent| ());
    let current = (props.network.latency_min_us, props.network.latency_max_us);
    let on_min = {
        let cb = props.on_latency.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(ms) = range_value(&e) {
                cb.emit(latency_with(current, Some(ms), None));
            }
        })
    };
    let on_max = {
        let cb = props.on_latency.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(ms) = range_value(&e) {
                cb.emit(latency_with(current, None, Some(ms)));
            }
        })
    };
    let on_loss = {
        let cb = props.on_loss.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(pct) = range_value(&e) {
                cb.emit(percent_to_ppm(u32::try_from(pct).unwrap_or(100)));
            }
        })
    };
    let (min_ms, max_ms) = (us_to_ms(current.0), us_to_ms(current.1));
    let loss = loss_text(props.network.loss_ppm);
    html! {
        <section class="panel network-panel" aria-labelledby="network-title">
            <h2 id="network-title">{ tr(lang, "Network", "네트워크") }</h2>

            <h3>{ tr(lang, "Partition", "네트워크 분할") }</h3>
            <p class="hint">{ tr(lang, "Drag a node to a side, or press it to move it to the next side; then apply.", "노드를 원하는 쪽으로 끌어 놓거나, 누를 때마다 다음 쪽으로 옮기세요. 다 정했으면 적용하세요.") }</p>
            { side_buttons(lang, &props.nodes, &sides, &dragging) }
            <div class="row">
                <button type="button" data-action="partition" disabled={parts.len() < 2} onclick={on_apply}>
                    { tr(lang, "Apply the partition", "분할 적용") }
                </button>
                <button type="button" data-action="heal" onclick={on_heal}>{ tr(lang, "Heal the network", "네트워크 복구") }</button>
                <span class="hint partition-groups">
                    { parts.iter().enumerate().map(|(i, g)| {
                        let members: Vec<String> = g.iter().map(|n| format!("S{n}")).collect();
                        format!("{}: {}", SIDE_NAMES.get(i).copied().unwrap_or("?"), members.join(" "))
                    }).collect::<Vec<_>>().join(" | ") }
                </span>
            </div>

            <h3>{ tr(lang, "Single links", "개별 링크") }</h3>
            { link_matrix(lang, &props.nodes, &props.network, &props.on_cut, &props.on_restore) }

            <h3>{ tr(lang, "Latency and loss", "지연과 손실") }</h3>
            <label class="slider">
                <span>{ tr(lang, "Latency, shortest", "최소 지연") }</span>
                <input type="range" data-network="latency-min" min={LATENCY_MIN_MS.to_string()} max={LATENCY_MAX_MS.to_string()} step="1"
                       value={min_ms.to_string()} oninput={on_min} aria-valuetext={format!("{min_ms} ms")} />
                <output>{ format!("{min_ms} ms") }</output>
            </label>
            <label class="slider">
                <span>{ tr(lang, "Latency, longest", "최대 지연") }</span>
                <input type="range" data-network="latency-max" min={LATENCY_MIN_MS.to_string()} max={LATENCY_MAX_MS.to_string()} step="1"
                       value={max_ms.to_string()} oninput={on_max} aria-valuetext={format!("{max_ms} ms")} />
                <output>{ format!("{max_ms} ms") }</output>
            </label>
            <label class="slider">
                <span>{ tr(lang, "Message loss", "메시지 손실") }</span>
                <input type="range" data-network="loss" min="0" max="100" step="1"
                       value={ppm_to_percent(props.network.loss_ppm).to_string()} oninput={on_loss} aria-valuetext={loss.clone()} />
                <output>{ loss }</output>
            </label>

            <h3>{ tr(lang, "Presets", "미리 준비된 상황") }</h3>
            <ul class="presets">
                { for Preset::ALL.iter().map(|&p| html! {
                    <li>
                        <button type="button" data-preset={preset_code(p)} onclick={props.on_preset.reform(move |_: MouseEvent| p)}>
                            { preset_name(lang, p) }
                        </button>
                        <span class="hint">{ preset_explanation(lang, p) }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicking_cycles_through_the_sides() {
        assert_eq!(next_side(0), 1);
        assert_eq!(next_side(1), 2);
        assert_eq!(next_side(2), 0);
        assert_eq!(next_side(u8::MAX), 0);
    }

    #[test]
    fn groups_skip_empty_sides_and_default_to_a() {
        let nodes = [3, 1, 2, 5, 4];
        let mut sides = Sides::new();
        assert_eq!(groups(&nodes, &sides), vec![vec![1, 2, 3, 4, 5]]);
        sides.insert(4, 2);
        sides.insert(2, 2);
        assert_eq!(groups(&nodes, &sides), vec![vec![1, 3, 5], vec![2, 4]]);
        sides.insert(1, 1);
        assert_eq!(
            groups(&nodes, &sides),
            vec![vec![3, 5], vec![1], vec![2, 4]]
        );
        // A side number out of range (never produced, but harmless) counts as the last side.
        sides.insert(3, 9);
        assert_eq!(side_of(&sides, 3), 2);
    }

    #[test]
    fn sides_are_inferred_from_symmetric_cuts() {
        let nodes = [1, 2, 3, 4, 5];
        assert_eq!(
            infer_sides(&nodes, &[]),
            Some(nodes.iter().map(|&n| (n, 0)).collect())
        );
        // {1,2} | {3,4,5}: every cross link cut both ways.
        let mut cut = Vec::new();
        for a in [1, 2] {
            for b in [3, 4, 5] {
                cut.push((a, b));
                cut.push((b, a));
            }
        }
        let sides = infer_sides(&nodes, &cut).unwrap();
        assert_eq!(groups(&nodes, &sides), vec![vec![1, 2], vec![3, 4, 5]]);
        // A one-way cut does not split anyone.
        assert_eq!(
            infer_sides(&nodes, &[(1, 2)]).map(|s| groups(&nodes, &s).len()),
            Some(1)
        );
        // Five isolated nodes need more than three sides.
        let all: Vec<(u64, u64)> = nodes
            .iter()
            .flat_map(|&a| nodes.iter().map(move |&b| (a, b)))
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(infer_sides(&nodes, &all), None);
    }

    #[test]
    fn loss_converts_between_percent_and_ppm() {
        assert_eq!(percent_to_ppm(5), 50_000);
        assert_eq!(percent_to_ppm(250), 1_000_000);
        assert_eq!(ppm_to_percent(50_000), 5);
        assert_eq!(ppm_to_percent(24_999), 2);
        assert_eq!(ppm_to_percent(u32::MAX), 100);
        assert_eq!(loss_text(25_000), "2.5 %");
        assert_eq!(loss_text(100_000), "10 %");
        assert_eq!(loss_text(0), "0 %");
    }

    #[test]
    fn latency_ends_follow_each_other() {
        assert_eq!(us_to_ms(20_000), 20);
        assert_eq!(us_to_ms(1_499), 1);
        assert_eq!(ms_to_us(u64::MAX), u64::MAX);
        let cur = (20_000, 40_000);
        assert_eq!(latency_with(cur, Some(30), None), (30_000, 40_000));
        assert_eq!(latency_with(cur, Some(50), None), (50_000, 50_000));
        assert_eq!(latency_with(cur, None, Some(10)), (10_000, 10_000));
        assert_eq!(latency_with(cur, None, Some(5000)), (20_000, 1_000_000));
        assert_eq!(latency_with(cur, Some(0), None), (1_000, 40_000));
        assert_eq!(latency_with(cur, None, None), cur);
    }

    #[test]
    fn presets_are_worded() {
        for p in Preset::ALL {
            assert!(!preset_name(Lang::Ko, p).is_empty());
            assert_ne!(
                preset_explanation(Lang::En, p),
                preset_explanation(Lang::Ko, p)
            );
        }
    }
}
