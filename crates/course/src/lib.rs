//! quorum-course: course content for the playground, as data and pure functions.
//!
//! - [`chooser`]: the infrastructure chooser (purpose × place → ranked ways, who does
//!   what, the resulting cluster shape), the master sizing table, storage and node
//!   guidance, and a side-by-side [`chooser::compare`].
//! - [`lesson`]: the lesson file format (parser with bilingual, line-numbered errors),
//!   the closed vocabulary of setup actions and task goals, and [`lesson::bundle`]: every
//!   lesson in `www/lessons/`, included at build time so the page needs no fetch.
//!
//! Every user-visible string is a [`Text`] with `en` and `ko` side by side. Nothing here
//! reads a clock, a file or a random source: the crate runs unchanged in wasm.

pub mod chooser;
pub mod lesson;
pub mod text;
pub mod view;

pub use text::{Lang, Text};
pub use view::View;
