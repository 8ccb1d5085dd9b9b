//! What the page ignored from the URL's HA setup (`topology`, `cp`, `etcd`, `workers`,
//! `lease`), and why: a bad link still opens the view, with its defaults, and says so.

use crate::i18n::{tr, Lang};
use crate::params::{RejectReason, Rejected};
use yew::prelude::*;

pub fn url_notes(lang: Lang, rejected: &[Rejected]) -> Html {
    if rejected.is_empty() {
        return html! {};
    }
    let prefix = tr(lang, "Ignored from the link:", "링크에서 무시한 값:");
    html! {
        <ul class="ha-url-notes problem" role="status" data-url-rejected={rejected.len().to_string()}>
            { for rejected.iter().map(|r| html! {
                <li data-param={r.key}>{ format!("{prefix} {}={} — {}", r.key, r.value, reason(lang, r.why)) }</li>
            }) }
        </ul>
    }
}

fn reason(lang: Lang, why: RejectReason) -> String {
    match why {
        RejectReason::UnknownTopology => {
            tr(lang, "must be stacked or external", "stacked 또는 external이어야 합니다").to_string()
        }
        RejectReason::NotANumber => tr(lang, "is not a number", "숫자가 아닙니다").to_string(),
        RejectReason::OutOfRange { min, max } => match lang {
            Lang::En => format!("must be between {min} and {max}"),
            Lang::Ko => format!("{min}에서 {max} 사이여야 합니다"),
        },
        RejectReason::EtcdNeedsExternal => tr(
            lang,
            "applies only with topology=external (stacked etcd has one member per control-plane node)",
            "topology=external일 때만 쓰입니다 (stacked etcd는 컨트롤 플레인 노드마다 멤버가 하나)",
        )
        .to_string(),
        RejectReason::LeaseFormat => tr(
            lang,
            "needs three durations: lease duration, renew deadline, retry period (e.g. 15s,10s,2s)",
            "기간 세 개가 필요합니다: 리스 기간, 갱신 마감, 재시도 주기 (예: 15s,10s,2s)",
        )
        .to_string(),
        RejectReason::LeaseRule(e) => format!(
            "{} {}",
            tr(lang, "client-go refuses these flags:", "client-go가 이 플래그를 거부합니다:"),
            e.client_go_message()
        ),
    }
}
