//! A panic must never leave a blank page: the hook draws an overlay (in both languages, since
//! the app's state, including the chosen language, may be gone) with a way to recover.

use wasm_bindgen::JsCast;

const OVERLAY_HTML: &str = r#"<div class="panic-box">
<h2>Something went wrong in the simulation / 시뮬레이션에서 오류가 발생했습니다</h2>
<p>The page stopped to protect your work. Reloading restores the run from its link.<br>
작업을 보호하기 위해 페이지가 멈췄습니다. 다시 불러오면 링크에서 실행을 복원합니다.</p>
<pre class="panic-message"></pre>
<button type="button" class="panic-reload">Reload / 다시 불러오기</button>
</div>"#;

pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        show_overlay(&message);
    }));
}

fn show_overlay(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let overlay = document.create_element("div").ok()?;
    overlay.set_class_name("panic-overlay");
    overlay.set_attribute("role", "alertdialog").ok()?;
    overlay.set_inner_html(OVERLAY_HTML);
    // Text, never markup: the message may quote user input.
    if let Some(pre) = overlay.query_selector(".panic-message").ok()? {
        pre.set_text_content(Some(message));
    }
    document.body()?.append_child(&overlay).ok()?;
    let reload = overlay.query_selector(".panic-reload").ok()??;
    let on_click = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    reload
        .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())
        .ok()?;
    on_click.forget();
    Some(())
}
