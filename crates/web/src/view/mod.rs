//! Small presentational views: each takes plain data and callbacks, holds no state.
//! Most are plain functions returning `Html`, not components: a component costs ≈1.7 KB of
//! wasm. Components remain where there are hooks, and where Yew skipping one whose props
//! are unchanged saves work every frame (the cluster's nodes, log rows, narration lines).

pub mod chooser;
pub mod cluster;
pub mod controls;
pub mod experiment;
pub mod ha;
pub mod inspector;
pub mod lab;
pub mod legend;
pub mod lessons;
pub mod logs;
pub mod narration;
pub mod network;
pub mod node_menu;
pub mod quorum;
pub mod safety;
pub mod settings;
pub mod terminal;
