//! Small presentational components: each takes plain data and callbacks, holds no state.

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
