//! The line layer of the format: comments, `[step]` headers and `key = value` pairs,
//! with 1-based line numbers and character columns for errors.

use super::error::{ErrorKind, LessonError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A `[step]` line.
    Step { line: usize },
    Pair {
        key: String,
        value: String,
        line: usize,
        /// 0-based character column of the key and of the value within the line.
        key_col: usize,
        value_col: usize,
    },
}

/// Reads every meaningful line. Blank lines and lines starting with `#` are skipped;
/// indentation is ignored; there are no inline comments (narration may contain `#`).
pub fn read(src: &str) -> Result<Vec<Entry>, LessonError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut out = Vec::new();
    for (i, raw) in src.split('\n').enumerate() {
        let line = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let indent = raw.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(inner) = trimmed.strip_prefix('[') {
            let name = inner.strip_suffix(']').unwrap_or(inner).trim();
            if name == "step" && inner.ends_with(']') {
                out.push(Entry::Step { line });
                continue;
            }
            let kind = ErrorKind::UnknownSection {
                name: name.to_string(),
            };
            return Err(LessonError::at(line, Some(indent + 1), kind));
        }
        out.push(pair(raw, line, indent)?);
    }
    Ok(out)
}

fn pair(raw: &str, line: usize, indent: usize) -> Result<Entry, LessonError> {
    let Some((left, right)) = raw.split_once('=') else {
        return Err(LessonError::at(
            line,
            Some(indent + 1),
            ErrorKind::ExpectedKeyValue,
        ));
    };
    let key = left.trim();
    if key.is_empty() {
        return Err(LessonError::at(
            line,
            Some(indent + 1),
            ErrorKind::ExpectedKeyValue,
        ));
    }
    let before_value = left.chars().count() + 1;
    let value_lead = right.chars().take_while(|c| c.is_whitespace()).count();
    Ok(Entry::Pair {
        key: key.to_string(),
        value: right.trim().to_string(),
        line,
        key_col: indent,
        value_col: before_value + value_lead,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pairs_steps_and_skips_comments() {
        let src = "\u{feff}# c\r\nid = a\n\n  [step]\n  say.en =  x = y # not a comment\n";
        let got = read(src).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[1], Entry::Step { line: 4 });
        assert_eq!(
            got[2],
            Entry::Pair {
                key: "say.en".into(),
                value: "x = y # not a comment".into(),
                line: 5,
                key_col: 2,
                value_col: 12,
            }
        );
    }

    #[test]
    fn bad_lines_are_located() {
        let e = read("id = a\n   just words\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, Some(4)));
        let e = read("[steps]").unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::UnknownSection {
                name: "steps".into()
            }
        );
        assert!(read("[step").is_err());
        assert!(read(" = v").is_err());
    }
}
