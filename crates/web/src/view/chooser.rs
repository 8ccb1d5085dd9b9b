//! The infrastructure chooser: purpose and place → the ranked ways of the notes and slides
//! (from `quorum_course::chooser`), who provisions / installs / maintains, caveats, the
//! resulting cluster drawn small, the master sizing table, storage and node guidance, and two
//! choices side by side. All ranking and wording comes from the course crate.

use crate::i18n::{tr, Lang};
use crate::params::Params;
use quorum_course::chooser::{
    compare, describe, master_size, node_guidance, recommend, size_table, storage_guidance,
    ClusterShape, Field, Place, Purpose, Recommendation, Way, SCALE_LIMITS,
};
use quorum_course::Text;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The course crate's language for the page's.
pub fn course_lang(lang: Lang) -> quorum_course::Lang {
    match lang {
        Lang::En => quorum_course::Lang::En,
        Lang::Ko => quorum_course::Lang::Ko,
    }
}

/// One bilingual text in the page's language.
pub fn say(text: &Text, lang: Lang) -> String {
    text.get(course_lang(lang)).to_string()
}

/// What the student did in the chooser (lessons check their goals against these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChooserEvent {
    Purpose(Purpose),
    Place(Place),
    Picked(Way),
    Compared,
}

#[derive(Properties, PartialEq)]
pub struct ChooserProps {
    pub lang: Lang,
    /// A lesson's preselection; otherwise the URL's `purpose=` / `place=`.
    #[prop_or_default]
    pub preset: Option<(Purpose, Place)>,
    #[prop_or_default]
    pub on_event: Option<Callback<ChooserEvent>>,
}

#[derive(Clone, Debug, PartialEq)]
struct Choice {
    purpose: Purpose,
    place: Place,
    picked: Option<Way>,
    compare: (Way, Way),
    compared: bool,
    cluster_nodes: u32,
}

fn initial(preset: Option<(Purpose, Place)>) -> Choice {
    let (purpose, place) = preset.unwrap_or_else(|| {
        let params = Params::from_location();
        (
            params
                .purpose
                .as_deref()
                .and_then(Purpose::from_name)
                .unwrap_or(Purpose::Learning),
            params
                .place
                .as_deref()
                .and_then(Place::from_name)
                .unwrap_or(Place::LaptopLinux),
        )
    });
    Choice {
        purpose,
        place,
        picked: None,
        compare: (Way::Kubeadm, Way::Gke),
        compared: false,
        cluster_nodes: 3,
    }
}

fn select_value(e: &Event) -> Option<String> {
    let target = e.target()?;
    if let Ok(select) = target.clone().dyn_into::<web_sys::HtmlSelectElement>() {
        return Some(select.value());
    }
    target
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()
        .map(|i| i.value())
}

#[component]
pub fn ChooserPage(props: &ChooserProps) -> Html {
    let lang = props.lang;
    let choice = use_state(|| initial(props.preset));
    // On its own (not inside a lesson) the chooser owns the page: URL theme/embed, language.
    let standalone = props.on_event.is_none();
    use_effect_with((lang, standalone), |(lang, standalone)| {
        if *standalone {
            crate::embed::apply_document(&Params::from_location());
            crate::params::remember_lang(*lang);
        }
    });
    let emit = {
        let on_event = props.on_event.clone();
        move |event: ChooserEvent| {
            if let Some(cb) = &on_event {
                cb.emit(event);
            }
        }
    };
    let update = {
        let choice = choice.clone();
        let emit = emit.clone();
        move |change: &dyn Fn(&mut Choice), event: Option<ChooserEvent>| {
            let mut next = (*choice).clone();
            change(&mut next);
            choice.set(next);
            if let Some(event) = event {
                emit(event);
            }
        }
    };
    let advice = recommend(choice.purpose, choice.place);
    let shown = choice
        .picked
        .map(|w| describe(w, choice.purpose, choice.place))
        .or_else(|| advice.ways.first().cloned());

    let purpose_radios = Purpose::ALL.iter().map(|&p| {
        let update = update.clone();
        let onchange = Callback::from(move |_: Event| {
            update(
                &|c: &mut Choice| c.purpose = p,
                Some(ChooserEvent::Purpose(p)),
            )
        });
        html! {
            <label class="radio">
                <input type="radio" name="chooser-purpose" value={p.name()} data-purpose={p.name()}
                       checked={choice.purpose == p} {onchange} />
                { say(&p.label(), lang) }
            </label>
        }
    });
    let place_radios = Place::ALL.iter().map(|&p| {
        let update = update.clone();
        let onchange = Callback::from(move |_: Event| {
            update(&|c: &mut Choice| c.place = p, Some(ChooserEvent::Place(p)))
        });
        html! {
            <label class="radio">
                <input type="radio" name="chooser-place" value={p.name()} data-place={p.name()}
                       checked={choice.place == p} {onchange} />
                { say(&p.label(), lang) }
            </label>
        }
    });
    let on_pick = {
        let update = update.clone();
        Callback::from(move |way: Way| {
            update(
                &|c: &mut Choice| c.picked = Some(way),
                Some(ChooserEvent::Picked(way)),
            )
        })
    };
    let on_compare = {
        let update = update.clone();
        Callback::from(move |pair: (Way, Way)| {
            update(
                &|c: &mut Choice| {
                    c.compare = pair;
                    c.compared = true;
                },
                Some(ChooserEvent::Compared),
            )
        })
    };
    let on_nodes = {
        let update = update.clone();
        Callback::from(move |e: Event| {
            if let Some(n) = select_value(&e).and_then(|v| v.trim().parse::<u32>().ok()) {
                let n = n.clamp(1, 100_000);
                update(&|c: &mut Choice| c.cluster_nodes = n, None);
            }
        })
    };

    html! {
        <main class="chooser-page" data-purpose={choice.purpose.name()} data-place={choice.place.name()}
              data-top={advice.ways.first().map(|r| r.way.name()).unwrap_or_default()}>
            <section class="panel chooser-pick">
                <h2>{ tr(lang, "Why and where?", "무엇을 위해, 어디에?") }</h2>
                <fieldset class="radios">
                    <legend>{ tr(lang, "Purpose", "목적") }</legend>
                    { for purpose_radios }
                </fieldset>
                <fieldset class="radios">
                    <legend>{ tr(lang, "Where it runs", "실행 환경") }</legend>
                    { for place_radios }
                </fieldset>
                <p class="hint">{ say(&advice.purpose_summary, lang) }</p>
                if !advice.notes.is_empty() {
                    <ul class="chooser-notes">
                        { for advice.notes.iter().map(|n| html! { <li>{ say(&n.text(), lang) }</li> }) }
                    </ul>
                }
            </section>
            <section class="panel chooser-recs" aria-live="polite">
                <h2>{ tr(lang, "Recommended ways", "추천하는 방법") }</h2>
                <ol class="recs">
                    { for advice.ways.iter().map(|r| recommendation(r, lang, choice.picked, on_pick.clone())) }
                </ol>
            </section>
            if let Some(r) = &shown {
                <section class="panel chooser-cluster">
                    <h2>{ tr(lang, "The resulting cluster", "만들어지는 클러스터") }</h2>
                    { shape_diagram(r.shape, lang, r.name) }
                    if r.shape.opens_view().is_some() {
                        <a class="button" data-action="open-ha" href={format!("?view=ha&lang={}", lang.code())}>
                            { tr(lang, "Open the HA view", "HA 화면 열기") }
                        </a>
                    }
                </section>
            }
            { comparison(lang, &choice, &on_compare) }
            <section class="panel chooser-sizing">
                <h2>{ tr(lang, "Sizing the master", "마스터 노드 크기") }</h2>
                <label class="field">
                    { tr(lang, "Nodes in the cluster", "클러스터의 노드 수") }
                    <input type="number" min="1" max="100000" value={choice.cluster_nodes.to_string()}
                           data-input="cluster-nodes" onchange={on_nodes} />
                </label>
                { sizing_table(lang, choice.cluster_nodes, choice.place) }
            </section>
            { guidance(lang) }
        </main>
    }
}

fn who_row(label: &'static str, who: &Text, lang: Lang) -> Html {
    html! { <><dt>{ label }</dt><dd>{ say(who, lang) }</dd></> }
}

fn recommendation(
    r: &Recommendation,
    lang: Lang,
    picked: Option<Way>,
    on_pick: Callback<Way>,
) -> Html {
    let way = r.way;
    let is_picked = picked == Some(way);
    let onclick = on_pick.reform(move |_: MouseEvent| way);
    html! {
        <li class={classes!("rec", r.notes_pick.then_some("notes-pick"))} data-way={way.name()}
            data-rank={r.rank.map(|k| k.to_string()).unwrap_or_default()}>
            <div class="rec-head">
                <strong>{ r.name }</strong>
                <span class="muted">{ say(&r.category.label(), lang) }</span>
                if r.notes_pick {
                    <span class="badge">{ tr(lang, "the notes' pick", "노트의 추천") }</span>
                }
            </div>
            <p>{ say(&r.summary, lang) }</p>
            <dl class="who">
                { who_row(tr(lang, "Provisions the VMs", "VM 프로비저닝"), &r.provisions_vms.label(), lang) }
                { who_row(tr(lang, "Installs Kubernetes", "쿠버네티스 설치"), &r.installs_kubernetes.label(), lang) }
                { who_row(tr(lang, "Maintains the VMs", "VM 유지 관리"), &r.maintains.label(), lang) }
                { who_row(tr(lang, "Cluster", "클러스터"), &r.shape.label(), lang) }
            </dl>
            if !r.caveats.is_empty() {
                <ul class="caveats">
                    { for r.caveats.iter().map(|c| html! { <li>{ say(&c.text(), lang) }</li> }) }
                </ul>
            }
            <button class="small" data-action="pick" data-way={way.name()} aria-pressed={is_picked.to_string()} {onclick}>
                { if is_picked { tr(lang, "Picked", "선택됨") } else { tr(lang, "Pick this way", "이 방법 선택") } }
            </button>
        </li>
    }
}

/// The cluster a choice gives, as boxes: masters on top (behind a load balancer when there are
/// several), workers below, links between them with a heartbeat drawn by CSS (still when the
/// reader asks for reduced motion).
fn shape_diagram(shape: ClusterShape, lang: Lang, way: &str) -> Html {
    let masters = usize::from(shape.masters());
    let workers = usize::from(shape.workers());
    let (w, h) = (420.0, 230.0);
    let row = |count: usize, i: usize| -> f64 { w * (i as f64 + 0.5) / count.max(1) as f64 };
    let master_y = if masters > 1 { 95.0 } else { 60.0 };
    let worker_y = 185.0;
    let single = shape == ClusterShape::SingleNode;
    let master_label = if single {
        tr(lang, "master + worker", "마스터 + 워커")
    } else {
        tr(lang, "master", "마스터")
    };
    // Half the master box's width: "master + worker" needs more room than "master".
    let half = if single { 84.0 } else { 62.0 };
    let mut links = Vec::new();
    for m in 0..masters {
        for k in 0..workers {
            links.push((
                row(masters, m),
                master_y + 22.0,
                row(workers, k),
                worker_y - 22.0,
            ));
        }
    }
    let label = format!("{way}: {}", say(&shape.label(), lang));
    html! {
        <figure class="shape">
            <svg class="shape-diagram" viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label.clone()}
                 data-masters={masters.to_string()} data-workers={workers.to_string()}>
                if masters > 1 {
                    <g class="lb">
                        <rect x={(w / 2.0 - 70.0).to_string()} y="8" width="140" height="34" rx="6" />
                        <text x={(w / 2.0).to_string()} y="30">{ tr(lang, "load balancer", "로드 밸런서") }</text>
                    </g>
                    { for (0..masters).map(|m| html! {
                        <line class="lb-link" x1={(w / 2.0).to_string()} y1="42" x2={format!("{:.1}", row(masters, m))} y2={(master_y - 22.0).to_string()} />
                    }) }
                }
                { for links.iter().map(|(x1, y1, x2, y2)| html! {
                    <line class="link" x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} />
                }) }
                { for (0..masters).map(|m| html! {
                    <g class="box master" data-shape-node="master">
                        <rect x={format!("{:.1}", row(masters, m) - half)} y={(master_y - 22.0).to_string()} width={(2.0 * half).to_string()} height="44" rx="8" />
                        <text x={format!("{:.1}", row(masters, m))} y={(master_y - 2.0).to_string()}>{ master_label }</text>
                        <text class="sub" x={format!("{:.1}", row(masters, m))} y={(master_y + 14.0).to_string()}>{ format!("etcd {}", m + 1) }</text>
                        <circle class="beat" cx={format!("{:.1}", row(masters, m) + half - 8.0)} cy={(master_y - 13.0).to_string()} r="4" />
                    </g>
                }) }
                { for (0..workers).map(|k| html! {
                    <g class="box worker" data-shape-node="worker">
                        <rect x={format!("{:.1}", row(workers, k) - 50.0)} y={(worker_y - 22.0).to_string()} width="100" height="44" rx="8" />
                        <text x={format!("{:.1}", row(workers, k))} y={(worker_y + 5.0).to_string()}>{ format!("{} {}", tr(lang, "worker", "워커"), k + 1) }</text>
                    </g>
                }) }
            </svg>
            <figcaption>{ label }</figcaption>
        </figure>
    }
}

fn way_options(selected: Way) -> Html {
    html! {
        { for Way::ALL.iter().map(|w| html! {
            <option value={w.name()} selected={*w == selected}>{ quorum_course::chooser::way_facts(*w).name }</option>
        }) }
    }
}

/// Two ways side by side (the choice's `compare` pair), every field, the rows that differ
/// marked.
fn comparison(lang: Lang, choice: &Choice, on_compare: &Callback<(Way, Way)>) -> Html {
    let (a, b) = choice.compare;
    let pick = |first: bool| {
        let on_compare = on_compare.clone();
        Callback::from(move |e: Event| {
            if let Some(way) = select_value(&e).as_deref().and_then(Way::from_name) {
                on_compare.emit(if first { (way, b) } else { (a, way) });
            }
        })
    };
    let on_show = {
        let on_compare = on_compare.clone();
        Callback::from(move |_: MouseEvent| on_compare.emit((a, b)))
    };
    let ra = describe(a, choice.purpose, choice.place);
    let rb = describe(b, choice.purpose, choice.place);
    let differing: Vec<Field> = compare(&ra, &rb).iter().map(|d| d.field).collect();
    html! {
        <section class="panel chooser-compare" data-compared={choice.compared.to_string()}>
            <h2>{ tr(lang, "Compare two choices", "두 선택지 비교") }</h2>
            <div class="row">
                <label class="field">{ tr(lang, "First", "첫째") }
                    <select data-input="compare-a" onchange={pick(true)}>{ way_options(a) }</select>
                </label>
                <label class="field">{ tr(lang, "Second", "둘째") }
                    <select data-input="compare-b" onchange={pick(false)}>{ way_options(b) }</select>
                </label>
                <button data-action="compare" onclick={on_show}>{ tr(lang, "Compare side by side", "나란히 비교") }</button>
            </div>
            if choice.compared {
                <table class="compare-table">
                    <caption>{ format!("{} {} — {}", say(&choice.purpose.label(), lang), say(&choice.place.label(), lang),
                        tr(lang, "differences are marked", "다른 항목은 표시됨")) }</caption>
                    <thead><tr><th scope="col">{ tr(lang, "Field", "항목") }</th><th scope="col">{ ra.name }</th><th scope="col">{ rb.name }</th></tr></thead>
                    <tbody>
                        { for Field::ALL.iter().map(|f| {
                            let differs = differing.contains(f);
                            html! {
                                <tr class={classes!(differs.then_some("differs"))} data-differs={differs.to_string()}>
                                    <th scope="row">{ say(&f.label(), lang) }{ if differs { " ≠" } else { "" } }</th>
                                    <td>{ say(&f.value(&ra), lang) }</td>
                                    <td>{ say(&f.value(&rb), lang) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

fn machine(m: &quorum_course::chooser::Machine) -> String {
    format!("{} ({} vCPU, {})", m.name, m.vcpus, m.memory_label())
}

fn sizing_table(lang: Lang, nodes: u32, place: Place) -> Html {
    let current = master_size(nodes).ok();
    let col = |p: Place| if place == p { "col-here" } else { "" };
    html! {
        <table class="sizing-table">
            <caption>{ tr(lang, "Master node size by cluster size (GCP and AWS)", "클러스터 크기별 마스터 노드 사양 (GCP, AWS)") }</caption>
            <thead><tr>
                <th scope="col">{ tr(lang, "Nodes", "노드 수") }</th>
                <th scope="col" class={col(Place::Gcp)}>{ "GCP" }</th>
                <th scope="col" class={col(Place::Aws)}>{ "AWS" }</th>
            </tr></thead>
            <tbody>
                { for size_table().iter().map(|row| {
                    let selected = current == Some(*row);
                    let range = match row.max_nodes {
                        Some(max) => format!("{}–{}", row.min_nodes, max),
                        None => format!("{}+", row.min_nodes),
                    };
                    html! {
                        <tr class={classes!(selected.then_some("selected"))} data-selected={selected.to_string()}>
                            <th scope="row">{ range }</th>
                            <td class={col(Place::Gcp)}>{ machine(&row.gcp) }</td>
                            <td class={col(Place::Aws)}>{ machine(&row.aws) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

fn guidance(lang: Lang) -> Html {
    let l = SCALE_LIMITS;
    html! {
        <section class="panel chooser-guidance">
            <h2>{ tr(lang, "Storage", "스토리지") }</h2>
            <table class="guidance-table">
                <thead><tr><th scope="col">{ tr(lang, "Need", "요구") }</th><th scope="col">{ tr(lang, "Use", "사용") }</th></tr></thead>
                <tbody>
                    { for storage_guidance().iter().map(|s| html! {
                        <tr><th scope="row">{ say(&s.need, lang) }</th><td>{ say(&s.advice, lang) }</td></tr>
                    }) }
                </tbody>
            </table>
            <h2>{ tr(lang, "Nodes", "노드") }</h2>
            <ul>{ for node_guidance().iter().map(|t| html! { <li>{ say(t, lang) }</li> }) }</ul>
            <p class="muted">{ match lang {
                Lang::En => format!("Kubernetes scales to {} nodes, {} pods and {} containers; the course cites {} pods per node (today {}).",
                    l.nodes, l.pods, l.containers, l.pods_per_node_course, l.pods_per_node_current),
                Lang::Ko => format!("쿠버네티스는 노드 {}개, 파드 {}개, 컨테이너 {}개까지 확장됩니다. 강의는 노드당 파드 {}개를 말합니다(현재 {}개).",
                    l.nodes, l.pods, l.containers, l.pods_per_node_course, l.pods_per_node_current),
            } }</p>
        </section>
    }
}
