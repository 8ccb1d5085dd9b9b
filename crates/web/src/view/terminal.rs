//! A terminal: output lines, a prompt and an input with history (up/down) and Ctrl-C.
//! It only displays text and reports what was typed; the shell lives with its owner (the lab's
//! or the lesson player's state), which keeps what the terminal shows in a [`Screen`].
//! Output is rendered as text nodes, so typed keys and values are never read as markup.

use crate::i18n::{tr, Lang};
use quorum_etcd::{EtcdBackend, Output, Shell, Stream};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// One line on a terminal's screen (the lab's, the lessons', the HA view's).
#[derive(Clone, Debug, PartialEq)]
pub struct TermLine {
    pub text: String,
    pub kind: LineKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// The prompt and the line typed after it.
    Echo,
    Out,
    Err,
}

impl TermLine {
    pub fn echo(text: String) -> TermLine {
        TermLine {
            text,
            kind: LineKind::Echo,
        }
    }

    pub fn out(text: String) -> TermLine {
        TermLine {
            text,
            kind: LineKind::Out,
        }
    }

    pub fn err(text: String) -> TermLine {
        TermLine {
            text,
            kind: LineKind::Err,
        }
    }
}

/// Most lines a terminal keeps on screen.
const SCREEN_LINES: usize = 500;

/// What a terminal shows: its lines, the shell's prompt and the command history. Shared
/// by `Rc`, so a frame that prints nothing copies nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Screen {
    pub lines: Rc<Vec<TermLine>>,
    pub prompt: String,
    pub history: Rc<Vec<String>>,
}

impl Screen {
    pub fn new<B: EtcdBackend>(shell: &Shell<B>) -> Screen {
        Screen {
            prompt: shell.prompt(),
            ..Screen::default()
        }
    }

    /// Appends `lines` (an echo of the typed line first, if the caller wants one).
    pub fn push(&mut self, new: Vec<TermLine>) {
        if new.is_empty() {
            return;
        }
        let mut lines = (*self.lines).clone();
        lines.extend(new);
        let excess = lines.len().saturating_sub(SCREEN_LINES);
        lines.drain(..excess);
        self.lines = Rc::new(lines);
    }

    /// Appends what the shell printed (after echoing the line typed, if any; wiping the
    /// screen first on `clear`), then takes the shell's prompt and history.
    pub fn show<B: EtcdBackend>(&mut self, shell: &Shell<B>, echo: Option<String>, out: Output) {
        if out.clear {
            self.lines = Rc::default();
        }
        let mut new: Vec<TermLine> = echo
            .map(|line| TermLine::echo(format!("{}{line}", self.prompt)))
            .into_iter()
            .collect();
        // Red means the command failed: what a successful command writes to stderr (etcdctl's
        // info logs, deprecation notices) looks as it does in a real terminal.
        let failed = out.status != 0;
        new.extend(out.lines.into_iter().map(|l| match l.stream {
            Stream::Stderr if failed => TermLine::err(l.text),
            _ => TermLine::out(l.text),
        }));
        self.push(new);
        self.prompt = shell.prompt();
        // History only grows when a line is typed; copy it only then (not every frame).
        if shell.history().len() != self.history.len() {
            self.history = Rc::new(shell.history().to_vec());
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    pub lang: Lang,
    pub lines: Rc<Vec<TermLine>>,
    pub prompt: String,
    pub history: Rc<Vec<String>>,
    pub on_line: Callback<String>,
    pub on_interrupt: Callback<()>,
    /// What an empty screen suggests (default: the etcd commands to try).
    #[prop_or_default]
    pub hint: Option<String>,
}

fn input_of(e: &KeyboardEvent) -> Option<web_sys::HtmlInputElement> {
    e.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
}

#[component]
pub fn Terminal(props: &TerminalProps) -> Html {
    // Position in the history while browsing with up/down; None when typing a new line.
    let cursor = use_mut_ref(|| None::<usize>);
    let screen = use_node_ref();
    {
        let screen = screen.clone();
        use_effect_with(props.lines.len(), move |_| {
            if let Some(el) = screen.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let onkeydown = {
        let (on_line, on_interrupt) = (props.on_line.clone(), props.on_interrupt.clone());
        let history = props.history.clone();
        let cursor = cursor.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(input) = input_of(&e) else { return };
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    *cursor.borrow_mut() = None;
                    on_line.emit(input.value());
                    input.set_value("");
                }
                "c" if e.ctrl_key() => {
                    e.prevent_default();
                    input.set_value("");
                    on_interrupt.emit(());
                }
                "ArrowUp" | "ArrowDown" if !history.is_empty() => {
                    e.prevent_default();
                    let last = history.len() - 1;
                    let next = match (*cursor.borrow(), e.key() == "ArrowUp") {
                        (None, true) => Some(last),
                        (None, false) => None,
                        (Some(i), true) => Some(i.saturating_sub(1)),
                        (Some(i), false) if i < last => Some(i + 1),
                        (Some(_), false) => None,
                    };
                    *cursor.borrow_mut() = next;
                    input.set_value(next.map(|i| history[i].as_str()).unwrap_or(""));
                }
                _ => {}
            }
        })
    };
    let lang = props.lang;
    html! {
        <section class="terminal" aria-label={tr(lang, "Terminal", "터미널")}>
            <div class="term-screen" ref={screen} role="log" aria-live="polite">
                if props.lines.is_empty() {
                    <div class="term-hint">{ props.hint.clone().unwrap_or_else(|| tr(lang,
                        "etcd runs on the cluster beside you. Try: export ETCDCTL_API=3, then etcdctl put name john, etcdctl get name, etcdctl member list, etcdctl endpoint status --cluster",
                        "옆의 클러스터에서 etcd가 실행 중입니다. 예: export ETCDCTL_API=3 입력 후 etcdctl put name john, etcdctl get name, etcdctl member list, etcdctl endpoint status --cluster").to_string()) }</div>
                }
                { for props.lines.iter().map(|line| html! {
                    <div class={classes!("term-line", (line.kind == LineKind::Err).then_some("term-err"))}>{ &line.text }</div>
                }) }
            </div>
            <label class="term-input">
                <span class="term-prompt">{ &props.prompt }</span>
                <input type="text" spellcheck="false" autocomplete="off" autocapitalize="off"
                       aria-label={tr(lang, "Command line (Enter runs, Ctrl-C interrupts, arrows browse history)",
                                           "명령줄 (Enter 실행, Ctrl-C 중단, 화살표로 기록 탐색)")}
                       {onkeydown} />
            </label>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quorum_etcd::local::LocalBackend;
    use quorum_etcd::shell::Scenario;

    fn run(shell: &mut Shell<LocalBackend>, screen: &mut Screen, line: &str) -> Vec<TermLine> {
        let before = screen.lines.len();
        let out = shell.input(line);
        screen.show(shell, Some(line.to_string()), out);
        screen.lines[before..].to_vec()
    }

    #[test]
    fn only_a_failed_commands_stderr_is_shown_as_an_error() {
        let mut shell = Shell::new(LocalBackend::new(3, 1), Scenario::Installed);
        let mut screen = Screen::new(&shell);
        let failed = run(&mut shell, &mut screen, "nosuchtool");
        assert_eq!(failed[1].kind, LineKind::Err, "{failed:?}");
        // etcdctl 3.3 reports an unknown -o format on stderr and still succeeds.
        run(&mut shell, &mut screen, "etcdctl set /a 1");
        let warned = run(&mut shell, &mut screen, "etcdctl -o yaml get /a");
        assert_eq!(
            warned[1].text, "Unsupported output format: yaml",
            "{warned:?}"
        );
        assert_eq!(warned[1].kind, LineKind::Out);
    }
}
