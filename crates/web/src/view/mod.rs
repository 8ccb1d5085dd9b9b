//! Small presentational components: each takes plain data and callbacks, holds no state.

pub mod chooser;
pub mod cluster;
pub mod controls;
pub mod ha;
pub mod lab;
pub mod lessons;
pub mod quorum;
