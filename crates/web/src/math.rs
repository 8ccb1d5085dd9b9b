//! The few transcendental functions the drawings need: the browser's `Math` in the page (so
//! the wasm carries no libm, ≈10 KB of it) and std's in native tests. Only drawing uses them;
//! nothing the simulator decides depends on their last bits.

#[cfg(target_arch = "wasm32")]
mod imp {
    pub fn cos(x: f64) -> f64 {
        js_sys::Math::cos(x)
    }
    pub fn sin(x: f64) -> f64 {
        js_sys::Math::sin(x)
    }
    pub fn log10(x: f64) -> f64 {
        js_sys::Math::log10(x)
    }
    pub fn pow(base: f64, exponent: f64) -> f64 {
        js_sys::Math::pow(base, exponent)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn cos(x: f64) -> f64 {
        x.cos()
    }
    pub fn sin(x: f64) -> f64 {
        x.sin()
    }
    pub fn log10(x: f64) -> f64 {
        x.log10()
    }
    pub fn pow(base: f64, exponent: f64) -> f64 {
        base.powf(exponent)
    }
}

pub use imp::{cos, log10, pow, sin};
