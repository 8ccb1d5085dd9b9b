//! The lessons shipped with the page, compiled in (see `build.rs`): no network fetch.

use super::{parse, Lesson, LessonError};
use crate::text::Text;
use serde::Serialize;

include!(concat!(env!("OUT_DIR"), "/bundle.rs"));

/// The ids in `www/lessons/index` order.
pub fn bundled_ids() -> Vec<&'static str> {
    BUNDLE.iter().map(|(id, _)| *id).collect()
}

/// The source text of a bundled lesson.
pub fn bundled_source(id: &str) -> Option<&'static str> {
    BUNDLE.iter().find(|(i, _)| *i == id).map(|(_, src)| *src)
}

/// A bundled lesson that does not load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum BundleError {
    Parse {
        id: String,
        error: Box<LessonError>,
    },
    /// `<id>.lesson` declares another `id`.
    IdMismatch {
        id: String,
        declared: String,
    },
}

impl BundleError {
    pub fn message(&self) -> Text {
        match self {
            BundleError::Parse { id, error } => {
                let m = error.message();
                Text::owned(format!("{id}.lesson, {}", m.en), format!("{id}.lesson, {}", m.ko))
            }
            BundleError::IdMismatch { id, declared } => Text::owned(
                format!("{id}.lesson declares `id = {declared}`; the id must match the file name"),
                format!("{id}.lesson의 `id = {declared}`이(가) 파일 이름과 다릅니다. id는 파일 이름과 같아야 합니다"),
            ),
        }
    }
}

/// Loads one source as the lesson `id` (a bundled file, or one the page fetched).
pub fn load(id: &str, src: &str) -> Result<Lesson, BundleError> {
    let lesson = parse(src).map_err(|error| BundleError::Parse {
        id: id.to_string(),
        error: Box::new(error),
    })?;
    if lesson.id != id {
        return Err(BundleError::IdMismatch {
            id: id.to_string(),
            declared: lesson.id,
        });
    }
    Ok(lesson)
}

/// Every bundled lesson in index order; a broken one is an error in its place, so
/// the others still load.
pub fn bundle() -> Vec<Result<Lesson, BundleError>> {
    BUNDLE.iter().map(|(id, src)| load(id, src)).collect()
}

/// Reads an index file (one id per line; blank lines and `#` comments skipped), for
/// pages that fetch extra lessons.
pub fn parse_index(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}
