//! From tokens to command lists: `a | b && c; d &`.

use super::lex::{Tok, Word};

#[derive(Clone, Debug, Default)]
pub struct Simple {
    pub words: Vec<Word>,
    /// `> file` (false) or `>> file` (true).
    pub redirs: Vec<(bool, Word)>,
    /// `<<DELIM`: the delimiter, and whether the body is expanded (unquoted delimiter).
    pub heredoc: Option<(String, bool)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sep {
    Seq,
    And,
    Or,
    Background,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub pipeline: Vec<Simple>,
    pub sep: Sep,
}

/// A bash syntax error message (without the `bash: ` prefix).
pub type SyntaxError = String;

fn tok_text(t: &Tok) -> &'static str {
    match t {
        Tok::Semi => ";",
        Tok::And => "&&",
        Tok::Or => "||",
        Tok::Pipe => "|",
        Tok::Amp => "&",
        Tok::Great => ">",
        Tok::DGreat => ">>",
        Tok::DLess => "<<",
        Tok::Word(_) => "word",
    }
}

fn unexpected(t: Option<&Tok>) -> SyntaxError {
    match t {
        None => "syntax error near unexpected token `newline'".into(),
        Some(t) => format!("syntax error near unexpected token `{}'", tok_text(t)),
    }
}

pub fn parse(toks: &[Tok]) -> Result<Vec<Item>, SyntaxError> {
    let mut items = Vec::new();
    let mut pipeline: Vec<Simple> = Vec::new();
    let mut cur = Simple::default();
    let mut i = 0;
    let finish = |cur: &mut Simple, pipeline: &mut Vec<Simple>, t: Option<&Tok>| {
        if cur.words.is_empty() && cur.redirs.is_empty() && cur.heredoc.is_none() {
            return Err(unexpected(t));
        }
        pipeline.push(std::mem::take(cur));
        Ok(())
    };
    while i < toks.len() {
        let t = &toks[i];
        i += 1;
        match t {
            Tok::Word(w) => cur.words.push(w.clone()),
            Tok::Great | Tok::DGreat => match toks.get(i) {
                Some(Tok::Word(w)) => {
                    cur.redirs.push((matches!(t, Tok::DGreat), w.clone()));
                    i += 1;
                }
                other => return Err(unexpected(other)),
            },
            Tok::DLess => match toks.get(i) {
                Some(Tok::Word(w)) => {
                    let delim = w
                        .pieces
                        .iter()
                        .map(|p| match p {
                            super::lex::Piece::Lit { text, .. } => text.clone(),
                            super::lex::Piece::Var { name, .. } => format!("${name}"),
                            super::lex::Piece::Subst { cmd, .. } => format!("$({cmd})"),
                        })
                        .collect::<String>();
                    cur.heredoc = Some((delim, !w.any_quoted()));
                    i += 1;
                }
                other => return Err(unexpected(other)),
            },
            Tok::Pipe => {
                finish(&mut cur, &mut pipeline, Some(t))?;
                if i >= toks.len() {
                    return Err("syntax error: unexpected end of file".into());
                }
            }
            Tok::Semi | Tok::And | Tok::Or | Tok::Amp => {
                finish(&mut cur, &mut pipeline, Some(t))?;
                let sep = match t {
                    Tok::And => Sep::And,
                    Tok::Or => Sep::Or,
                    Tok::Amp => Sep::Background,
                    _ => Sep::Seq,
                };
                if matches!(sep, Sep::And | Sep::Or) && i >= toks.len() {
                    return Err("syntax error: unexpected end of file".into());
                }
                items.push(Item {
                    pipeline: std::mem::take(&mut pipeline),
                    sep,
                });
            }
        }
    }
    if !cur.words.is_empty() || !cur.redirs.is_empty() || cur.heredoc.is_some() {
        pipeline.push(cur);
    }
    if !pipeline.is_empty() {
        items.push(Item {
            pipeline,
            sep: Sep::Seq,
        });
    }
    Ok(items)
}
