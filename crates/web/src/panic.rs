//! A panic must never leave a blank page: the hook draws an overlay (in both languages, since
//! the app's state, including the chosen language, may be gone) with two ways to recover:
//! "Restore last good state" reloads the current address, which carries the whole run up to
//! the last user action (`permalink.rs`), and "Reset" opens the same view with no run.
//!
//! Release builds use `panic = "abort"`: the hook still runs first, then the wasm instance
//! traps and can never run again. So the overlay needs no wasm after it is drawn: both
//! choices are plain links (no script, which the page's Content-Security-Policy would refuse
//! as inline code anyway).

use wasm_bindgen::JsCast;

const OVERLAY_HTML: &str = r#"<div class="panic-box" tabindex="-1">
<h2 id="panic-title">Something went wrong in the simulation / 시뮬레이션에서 오류가 발생했습니다</h2>
<p id="panic-text">The page stopped to protect your work. Restore the last good state (the run up to your last action, from the page's link) or start afresh.<br>
작업을 보호하기 위해 페이지가 멈췄습니다. 마지막 정상 상태(페이지 링크에 담긴 마지막 조작까지의 실행)를 복원하거나 새로 시작하세요.</p>
<pre class="panic-message"></pre>
<p class="panic-actions"><a class="panic-restore button" data-action="panic-restore">Restore last good state / 마지막 정상 상태 복원</a>
<a class="panic-reset button" data-action="panic-reset">Reset / 초기화</a></p>
</div>"#;

/// Installs the hook through Yew, which otherwise replaces any hook with its own (a console
/// message only) when the app starts.
pub fn install_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        show_overlay(&message);
    }));
}

/// The same view with no run: only `view` (and `embed`, so an embedded page stays embedded)
/// survive from the query.
fn reset_query(search: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| p.starts_with("view=") || p.starts_with("embed="))
        .collect();
    if kept.is_empty() {
        "?".to_string()
    } else {
        format!("?{}", kept.join("&"))
    }
}

fn show_overlay(message: &str) -> Option<()> {
    let window = web_sys::window()?;
    let document = window.document()?;
    // A second panic (e.g. from a later callback) keeps the first overlay.
    if document.query_selector(".panic-overlay").ok()?.is_some() {
        return Some(());
    }
    let overlay = document.create_element("div").ok()?;
    overlay.set_class_name("panic-overlay");
    overlay.set_attribute("role", "alertdialog").ok()?;
    overlay.set_attribute("aria-modal", "true").ok()?;
    overlay
        .set_attribute("aria-labelledby", "panic-title")
        .ok()?;
    overlay
        .set_attribute("aria-describedby", "panic-text")
        .ok()?;
    overlay.set_inner_html(OVERLAY_HTML);
    // Text, never markup: the message may quote user input.
    if let Some(pre) = overlay.query_selector(".panic-message").ok()? {
        pre.set_text_content(Some(message));
    }
    let location = window.location();
    let href = location.href().ok()?;
    let search = location.search().unwrap_or_default();
    let restore = overlay.query_selector(".panic-restore").ok()??;
    restore.set_attribute("href", &href).ok()?;
    let reset = overlay.query_selector(".panic-reset").ok()??;
    reset.set_attribute("href", &reset_query(&search)).ok()?;
    document.body()?.append_child(&overlay).ok()?;
    restore
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?
        .focus()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::reset_query;

    #[test]
    fn reset_keeps_only_the_view_and_embedding() {
        assert_eq!(
            reset_query("?view=lab&run=abc&t=5&lang=ko&embed=1"),
            "?view=lab&embed=1"
        );
        assert_eq!(reset_query("?run=abc&t=5"), "?");
        assert_eq!(reset_query(""), "?");
    }
}
