//! Splitting a value into `;`-separated commands and a command into words, with
//! double-quoted words (`"a b"`, escapes `\"` and `\\`). Offsets are in characters so
//! errors can name a column.

/// One word of a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// 0-based character offset of the word within the whole value.
    pub offset: usize,
}

/// A `"` was opened at this character offset and never closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unterminated {
    pub offset: usize,
}

/// Splits `value` at `;` outside quotes. Returns each command's text and the character
/// offset where it starts; empty commands (`a;;b`, trailing `;`) are dropped.
pub fn split_commands(value: &str) -> Result<Vec<(String, usize)>, Unterminated> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut quote_at: Option<usize> = None;
    let mut escaped = false;
    for (i, c) in value.chars().enumerate() {
        if quote_at.is_some() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                quote_at = None;
            }
            current.push(c);
        } else if c == ';' {
            push_command(&mut out, &current, start);
            current.clear();
            start = i + 1;
        } else {
            if c == '"' {
                quote_at = Some(i);
            }
            current.push(c);
        }
    }
    if let Some(offset) = quote_at {
        return Err(Unterminated { offset });
    }
    push_command(&mut out, &current, start);
    Ok(out)
}

fn push_command(out: &mut Vec<(String, usize)>, text: &str, start: usize) {
    let leading = text.chars().take_while(|c| c.is_whitespace()).count();
    let trimmed = text.trim();
    if !trimmed.is_empty() {
        out.push((trimmed.to_string(), start + leading));
    }
}

/// Splits one command into words; `base` is added to every offset.
pub fn words(command: &str, base: usize) -> Result<Vec<Token>, Unterminated> {
    let mut out: Vec<Token> = Vec::new();
    let mut current: Option<Token> = None;
    let mut quote_at: Option<usize> = None;
    let mut escaped = false;
    for (i, c) in command.chars().enumerate() {
        let at = base + i;
        if quote_at.is_some() {
            let word = current.get_or_insert_with(|| Token {
                text: String::new(),
                offset: at,
            });
            if escaped {
                word.text.push(c);
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                quote_at = None;
            } else {
                word.text.push(c);
            }
        } else if c.is_whitespace() {
            if let Some(word) = current.take() {
                out.push(word);
            }
        } else {
            let word = current.get_or_insert_with(|| Token {
                text: String::new(),
                offset: at,
            });
            if c == '"' {
                quote_at = Some(at);
            } else {
                word.text.push(c);
            }
        }
    }
    if let Some(offset) = quote_at {
        return Err(Unterminated { offset });
    }
    if let Some(word) = current.take() {
        out.push(word);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_split_outside_quotes_only() {
        let got = split_commands("nodes 3; write k \"a;b\" ;; heal;").unwrap();
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["nodes 3", "write k \"a;b\"", "heal"]);
        assert_eq!(got[1].1, 9);
        assert_eq!(split_commands("a \"b"), Err(Unterminated { offset: 2 }));
    }

    #[test]
    fn words_unquote_and_keep_offsets() {
        let got = words(r#"put "a b" c\d "x\"y""#, 10).unwrap();
        let texts: Vec<&str> = got.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["put", "a b", r"c\d", "x\"y"]);
        assert_eq!(got[1].offset, 14);
        assert_eq!(words("\"\"", 0).unwrap()[0].text, "");
        assert!(words("a \"b", 0).is_err());
    }
}
