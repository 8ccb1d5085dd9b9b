//! Embedding the page in course material: the `embed` mode without page chrome, the
//! `hide=` / `lock=` lists of controls, events posted to the parent page and the small set of
//! commands accepted from it, and the copy-paste `<iframe>` snippet. The message protocol is
//! documented in `crates/web/EMBEDDING.md`.

use crate::params::Params;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The controls a teacher can hide or lock (`?hide=lessons,export&lock=nodes`).
pub const CONTROLS: &[&str] = &[
    "play", "speed", "steps", "lessons", "nodes", "write", "network", "export", "snippet",
    "predict", "compare",
];

/// Which controls the URL hides or locks.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Chrome {
    pub embed: bool,
    hide: Vec<String>,
    lock: Vec<String>,
}

impl Chrome {
    pub fn from_params(params: &Params) -> Chrome {
        let known = |list: &[String]| -> Vec<String> {
            list.iter()
                .filter(|c| CONTROLS.contains(&c.as_str()))
                .cloned()
                .collect()
        };
        Chrome {
            embed: params.embed,
            hide: known(&params.hide),
            lock: known(&params.lock),
        }
    }

    pub fn shows(&self, control: &str) -> bool {
        !self.hide.iter().any(|c| c == control)
    }

    pub fn locked(&self, control: &str) -> bool {
        self.lock.iter().any(|c| c == control)
    }
}

/// Marks `<html>` with `data-embed` (CSS hides the header and tabs) and `data-theme`.
pub fn apply_document(params: &Params) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    if params.embed {
        let _ = root.set_attribute("data-embed", "1");
    }
    if let Some(theme) = params.theme {
        let _ = root.set_attribute("data-theme", theme.code());
    }
}

/// What the page tells its parent.
#[derive(Clone, Debug, PartialEq)]
pub enum PageEvent {
    /// The lesson player is showing `step` (1-based) of `lesson`.
    StepShown {
        lesson: String,
        step: usize,
        steps: usize,
    },
    /// The task of `step` (1-based) is done.
    StepCompleted {
        lesson: String,
        step: usize,
        steps: usize,
    },
    LeaderElected {
        leader: u64,
        term: u64,
    },
    QuorumLost,
}

impl PageEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            PageEvent::StepShown { .. } => "step-shown",
            PageEvent::StepCompleted { .. } => "step-completed",
            PageEvent::LeaderElected { .. } => "leader-elected",
            PageEvent::QuorumLost => "quorum-lost",
        }
    }

    /// The message's fields besides `source` and `type`.
    fn fields(&self) -> Vec<(&'static str, JsValue)> {
        match self {
            PageEvent::StepShown {
                lesson,
                step,
                steps,
            }
            | PageEvent::StepCompleted {
                lesson,
                step,
                steps,
            } => vec![
                ("lesson", JsValue::from_str(lesson)),
                ("step", JsValue::from_f64(*step as f64)),
                ("steps", JsValue::from_f64(*steps as f64)),
            ],
            PageEvent::LeaderElected { leader, term } => vec![
                ("leader", JsValue::from_f64(*leader as f64)),
                ("term", JsValue::from_f64(*term as f64)),
            ],
            PageEvent::QuorumLost => Vec::new(),
        }
    }
}

/// The parent window, when the page is inside a frame.
fn parent() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!Object::is(&parent, &window)).then_some(parent)
}

/// Posts `{source: "quorum", type, ...}` to the parent page, if there is one. The events
/// carry no private data (lesson ids, step numbers, server ids), so any embedding page may
/// read them.
pub fn post(event: &PageEvent) {
    let Some(parent) = parent() else { return };
    let message = Object::new();
    let _ = Reflect::set(&message, &"source".into(), &"quorum".into());
    let _ = Reflect::set(&message, &"type".into(), &event.kind().into());
    for (key, value) in event.fields() {
        let _ = Reflect::set(&message, &key.into(), &value);
    }
    let _ = parent.post_message(&message, "*");
}

/// A command from the parent page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostCommand {
    /// Go to step (0-based here; the message says 1-based `step`).
    GotoStep(usize),
    Run,
    Pause,
    Reset,
}

/// Validates one message's fields: `source` must be `"quorum-host"`, `command` one of the
/// four words, `step` (for `goto-step` only, required there) a whole number from 1 to `steps`.
/// Anything else is ignored (None).
pub fn parse_command(
    source: Option<&str>,
    command: Option<&str>,
    step: Option<f64>,
    steps: usize,
) -> Option<HostCommand> {
    if source != Some("quorum-host") {
        return None;
    }
    let no_step = step.is_none();
    match command? {
        "goto-step" => {
            let s = step?;
            let whole = s.fract() == 0.0 && s >= 1.0 && s <= steps as f64;
            whole.then(|| HostCommand::GotoStep(s as usize - 1))
        }
        "run" if no_step => Some(HostCommand::Run),
        "pause" if no_step => Some(HostCommand::Pause),
        "reset" if no_step => Some(HostCommand::Reset),
        _ => None,
    }
}

/// Reads a message's data: a plain object whose keys are only `source`, `command` and
/// `step`, with string / string / number values.
fn command_from_js(data: &JsValue, steps: usize) -> Option<HostCommand> {
    if !data.is_object() || js_sys::Array::is_array(data) {
        return None;
    }
    let object: &Object = data.unchecked_ref();
    let keys = Object::keys(object);
    if keys.length() > 3 {
        return None;
    }
    for key in keys.iter() {
        let key = key.as_string()?;
        if !matches!(key.as_str(), "source" | "command" | "step") {
            return None;
        }
    }
    let get = |k: &str| {
        Reflect::get(data, &k.into())
            .ok()
            .filter(|v| !v.is_undefined())
    };
    let source = match get("source") {
        Some(v) => Some(v.as_string()?),
        None => None,
    };
    let command = match get("command") {
        Some(v) => Some(v.as_string()?),
        None => None,
    };
    let step = match get("step") {
        Some(v) => Some(v.as_f64()?),
        None => None,
    };
    parse_command(source.as_deref(), command.as_deref(), step, steps)
}

/// A `message` listener for the parent's commands; dropping it removes the listener.
pub struct HostListener {
    closure: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl HostListener {
    /// Listens for commands from the parent window only (messages from any other window,
    /// or when the page is not framed, are ignored).
    pub fn start(steps: usize, on_command: yew::Callback<HostCommand>) -> Option<HostListener> {
        let window = web_sys::window()?;
        let closure = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let Some(parent) = parent() else { return };
                let from_parent = event
                    .source()
                    .is_some_and(|source| Object::is(&source, &parent));
                if !from_parent {
                    return;
                }
                if let Some(command) = command_from_js(&event.data(), steps) {
                    on_command.emit(command);
                }
            },
        );
        window
            .add_event_listener_with_callback("message", closure.as_ref().unchecked_ref())
            .ok()?;
        Some(HostListener { closure })
    }
}

impl Drop for HostListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                "message",
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Escapes text for an HTML attribute value in double quotes.
fn attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The `<iframe>` a teacher pastes into a course page: `base` is the page's address without
/// a query, `query` the state to open (`view=lessons&lesson=…&step=…&lang=…`).
pub fn snippet(base: &str, query: &str, title: &str) -> String {
    let query = query.trim_start_matches('?');
    let sep = if query.is_empty() { "" } else { "&" };
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"680\" loading=\"lazy\" style=\"border:1px solid #c9d1de;border-radius:8px\"></iframe>",
        attr(&format!("{base}?{query}{sep}embed=1")),
        attr(title)
    )
}

/// The page's address without query or fragment.
pub fn page_base() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_documented_commands_are_accepted() {
        let host = Some("quorum-host");
        assert_eq!(
            parse_command(host, Some("goto-step"), Some(2.0), 5),
            Some(HostCommand::GotoStep(1))
        );
        assert_eq!(
            parse_command(host, Some("run"), None, 5),
            Some(HostCommand::Run)
        );
        assert_eq!(
            parse_command(host, Some("pause"), None, 5),
            Some(HostCommand::Pause)
        );
        assert_eq!(
            parse_command(host, Some("reset"), None, 5),
            Some(HostCommand::Reset)
        );
    }

    #[test]
    fn anything_else_is_ignored() {
        let host = Some("quorum-host");
        for (source, command, step) in [
            (Some("quorum"), Some("run"), None),
            (None, Some("run"), None),
            (host, Some("RUN"), None),
            (host, Some("eval"), None),
            (host, None, None),
            (host, Some("goto-step"), None),
            (host, Some("goto-step"), Some(0.0)),
            (host, Some("goto-step"), Some(6.0)),
            (host, Some("goto-step"), Some(1.5)),
            (host, Some("goto-step"), Some(f64::NAN)),
            (host, Some("goto-step"), Some(f64::INFINITY)),
            (host, Some("goto-step"), Some(-1.0)),
            (host, Some("run"), Some(1.0)),
        ] {
            assert_eq!(
                parse_command(source, command, step, 5),
                None,
                "{command:?} {step:?}"
            );
        }
    }

    #[test]
    fn unknown_controls_are_dropped_and_known_ones_apply() {
        let params = Params::parse("?hide=lessons,bogus&lock=nodes");
        let chrome = Chrome::from_params(&params);
        assert!(!chrome.shows("lessons"));
        assert!(chrome.shows("bogus"));
        assert!(chrome.locked("nodes"));
        assert!(!chrome.locked("play"));
    }

    #[test]
    fn snippets_escape_their_attributes() {
        let s = snippet("https://x.test/", "?view=lessons&lesson=a", "A \"b\" <c>");
        assert!(
            s.starts_with("<iframe src=\"https://x.test/?view=lessons&amp;lesson=a&amp;embed=1\"")
        );
        assert!(s.contains("title=\"A &quot;b&quot; &lt;c&gt;\""));
    }
}
