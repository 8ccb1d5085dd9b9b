//! Quorum's page. Pure logic lives in the simulator crates; this crate only renders state
//! (`view/`, a function of `model::ClusterView`) and turns user input into actions (`state.rs`).

mod app;
#[cfg(feature = "bench-hooks")]
mod benchhooks;
mod clock;
mod embed;
#[cfg(test)]
mod fuzz_tests;
mod i18n;
mod math;
mod model;
mod narrate;
mod pages;
mod panic;
mod params;
mod permalink;
mod state;
mod testhooks;
mod view;
mod world;

/// talc instead of std's dlmalloc: 2.5 KB less gzipped wasm, and made for wasm's one linear
/// memory (the page is single-threaded, so its lock is never contended).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

fn main() {
    panic::install_hook();
    if let Some(loading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"))
    {
        loading.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
