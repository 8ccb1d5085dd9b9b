//! The one component that owns a timer: while the simulation plays and the tab is visible it
//! runs an animation-frame loop and reports elapsed wall time; otherwise nothing is scheduled
//! at all, so a paused or hidden page costs no CPU (RaftScope's most-reported complaint).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// The frame callback, shared so that it can schedule itself again.
type FrameClosure = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

/// A running requestAnimationFrame loop; dropping it cancels the pending frame.
struct FrameLoop {
    pending: Rc<RefCell<Option<i32>>>,
    _closure: FrameClosure,
}

impl FrameLoop {
    fn start(on_frame: Callback<f64>) -> Option<FrameLoop> {
        let window = web_sys::window()?;
        let pending = Rc::new(RefCell::new(None));
        let closure: FrameClosure = Rc::new(RefCell::new(None));
        let last = Rc::new(RefCell::new(None::<f64>));
        let (pending_in, closure_in, window_in) =
            (pending.clone(), closure.clone(), window.clone());
        *closure.borrow_mut() = Some(Closure::new(move |timestamp: f64| {
            let previous = last.borrow_mut().replace(timestamp);
            if let Some(previous) = previous {
                // Cap a frame at 100 ms so returning to the tab does not jump ahead.
                on_frame.emit((timestamp - previous).clamp(0.0, 100.0));
                mark_first_frame();
            }
            if let Some(next) = closure_in.borrow().as_ref() {
                let id = window_in
                    .request_animation_frame(next.as_ref().unchecked_ref())
                    .ok();
                *pending_in.borrow_mut() = id;
            }
        }));
        let first = closure.borrow().as_ref().and_then(|c| {
            window
                .request_animation_frame(c.as_ref().unchecked_ref())
                .ok()
        });
        *pending.borrow_mut() = first;
        Some(FrameLoop {
            pending,
            _closure: closure,
        })
    }
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        if let (Some(window), Some(id)) = (web_sys::window(), self.pending.borrow_mut().take()) {
            let _ = window.cancel_animation_frame(id);
        }
    }
}

/// Marks `quorum-first-frame` in the page's performance timeline once, when the first frame
/// of a running simulation is drawn: `cargo xtask bench` reads it (time to first frame).
fn mark_first_frame() {
    static MARKED: AtomicBool = AtomicBool::new(false);
    if !MARKED.swap(true, Ordering::Relaxed) {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("quorum-first-frame");
        }
    }
}

fn page_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
        .unwrap_or(true)
}

#[derive(Properties, PartialEq)]
pub struct ClockProps {
    /// Whether simulated time should advance.
    pub running: bool,
    /// Called once per animation frame with the elapsed wall-clock milliseconds.
    pub on_frame: Callback<f64>,
}

#[component]
pub fn Clock(props: &ClockProps) -> Html {
    let visible = use_state(page_visible);
    {
        let visible = visible.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn FnMut()>::new(move || visible.set(page_visible()));
            let document = web_sys::window().and_then(|w| w.document());
            if let Some(document) = &document {
                let _ = document.add_event_listener_with_callback(
                    "visibilitychange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(document) = document {
                    let _ = document.remove_event_listener_with_callback(
                        "visibilitychange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let active = props.running && *visible;
    let on_frame = props.on_frame.clone();
    use_effect_with(active, move |active| {
        let frame_loop = if *active {
            FrameLoop::start(on_frame)
        } else {
            None
        };
        move || drop(frame_loop)
    });
    html! {}
}
