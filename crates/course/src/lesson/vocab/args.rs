//! A cursor over a command's words that turns mistakes into located errors.

use super::tokens::Token;
use super::VocabError;
use crate::lesson::error::ErrorKind;

pub struct Args<'a> {
    word: &'a str,
    syntax: &'static str,
    tokens: &'a [Token],
    next: usize,
    /// Where to point when an argument is missing: the end of the command.
    end: usize,
}

impl<'a> Args<'a> {
    pub fn new(word: &'a str, syntax: &'static str, tokens: &'a [Token], end: usize) -> Self {
        Args {
            word,
            syntax,
            tokens,
            next: 0,
            end,
        }
    }

    /// The next word, or a "missing argument" error.
    pub fn next(&mut self) -> Result<&'a Token, VocabError> {
        let token = self.tokens.get(self.next).ok_or_else(|| VocabError {
            offset: self.end,
            kind: ErrorKind::MissingArgument {
                word: self.word.to_string(),
                syntax: self.syntax.to_string(),
            },
        })?;
        self.next += 1;
        Ok(token)
    }

    /// The next word if there is one.
    pub fn optional(&mut self) -> Option<&'a Token> {
        let token = self.tokens.get(self.next)?;
        self.next += 1;
        Some(token)
    }

    /// The remaining words, consumed.
    pub fn rest(&mut self) -> &'a [Token] {
        let rest = self.tokens.get(self.next..).unwrap_or(&[]);
        self.next = self.tokens.len();
        rest
    }

    /// Fails if any word is left over.
    pub fn done(&self) -> Result<(), VocabError> {
        match self.tokens.get(self.next) {
            None => Ok(()),
            Some(extra) => Err(VocabError {
                offset: extra.offset,
                kind: ErrorKind::ExtraArgument {
                    word: self.word.to_string(),
                    syntax: self.syntax.to_string(),
                    arg: extra.text.clone(),
                },
            }),
        }
    }

    /// A "bad argument" error pointing at `token`.
    pub fn bad(&self, token: &Token) -> VocabError {
        self.bad_text(token.offset, &token.text)
    }

    pub fn bad_text(&self, offset: usize, text: &str) -> VocabError {
        VocabError {
            offset,
            kind: ErrorKind::BadArgument {
                word: self.word.to_string(),
                syntax: self.syntax.to_string(),
                arg: text.to_string(),
            },
        }
    }

    pub fn number<T: std::str::FromStr + PartialOrd>(
        &mut self,
        min: T,
        max: T,
    ) -> Result<T, VocabError> {
        let token = self.next()?;
        match token.text.parse::<T>() {
            Ok(n) if n >= min && n <= max => Ok(n),
            _ => Err(self.bad(token)),
        }
    }

    pub fn on_off(&mut self) -> Result<bool, VocabError> {
        let token = self.next()?;
        match token.text.as_str() {
            "on" => Ok(true),
            "off" => Ok(false),
            _ => Err(self.bad(token)),
        }
    }

    /// A duration such as `2s`, `300ms`, `1500us`, in µs.
    pub fn duration(&mut self) -> Result<u64, VocabError> {
        let token = self.next()?;
        parse_duration(&token.text, None).ok_or_else(|| self.bad(token))
    }

    /// A range such as `150-300ms` or `150ms-300ms`, in µs; `min <= max`.
    pub fn range(&mut self) -> Result<(u64, u64), VocabError> {
        let token = self.next()?;
        parse_range(&token.text).ok_or_else(|| self.bad(token))
    }
}

fn unit_of(text: &str) -> Option<(&str, u64)> {
    for (unit, scale) in [("ms", 1_000), ("us", 1), ("µs", 1), ("s", 1_000_000)] {
        if let Some(number) = text.strip_suffix(unit) {
            return Some((number, scale));
        }
    }
    None
}

/// `text` with a unit, or a bare number taking `default_scale`.
fn parse_duration(text: &str, default_scale: Option<u64>) -> Option<u64> {
    let (number, scale) = match unit_of(text) {
        Some(found) => found,
        None => (text, default_scale?),
    };
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    number.parse::<u64>().ok()?.checked_mul(scale)
}

fn parse_range(text: &str) -> Option<(u64, u64)> {
    let (low, high) = text.split_once('-')?;
    let (_, scale) = unit_of(high)?;
    let max = parse_duration(high, None)?;
    let min = parse_duration(low, Some(scale))?;
    (min <= max && max > 0).then_some((min, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_ranges() {
        assert_eq!(parse_duration("2s", None), Some(2_000_000));
        assert_eq!(parse_duration("300ms", None), Some(300_000));
        assert_eq!(parse_duration("15us", None), Some(15));
        assert_eq!(parse_duration("15", None), None);
        assert_eq!(parse_duration("-1s", None), None);
        assert_eq!(parse_duration("99999999999999999999s", None), None);
        assert_eq!(parse_range("150-300ms"), Some((150_000, 300_000)));
        assert_eq!(parse_range("150ms-1s"), Some((150_000, 1_000_000)));
        assert_eq!(parse_range("150-150ms"), Some((150_000, 150_000)));
        assert_eq!(parse_range("300-150ms"), None);
        assert_eq!(parse_range("150-300"), None);
    }
}
