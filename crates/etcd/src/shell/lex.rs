//! Bash-like tokenizing: quotes, backslashes, `$VAR`/`${VAR}`/`$(cmd)`, comments and the
//! operators `; && || | & > >> <<`. Expansion is deferred to execution time so that
//! `export A=1; echo $A` works as in bash.

/// A piece of a word, remembering whether it was quoted (quoted text is not globbed and
/// does not disappear when empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Lit { text: String, quoted: bool },
    Var { name: String, quoted: bool },
    Subst { cmd: String, quoted: bool },
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Word {
    pub pieces: Vec<Piece>,
}

impl Word {
    fn push_char(&mut self, c: char, quoted: bool) {
        if let Some(Piece::Lit { text, quoted: q }) = self.pieces.last_mut() {
            if *q == quoted {
                text.push(c);
                return;
            }
        }
        self.pieces.push(Piece::Lit {
            text: c.to_string(),
            quoted,
        });
    }

    pub fn any_quoted(&self) -> bool {
        self.pieces.iter().any(|p| match p {
            Piece::Lit { quoted, .. } | Piece::Var { quoted, .. } | Piece::Subst { quoted, .. } => {
                *quoted
            }
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    Word(Word),
    Semi,
    And,
    Or,
    Pipe,
    Amp,
    Great,
    DGreat,
    DLess,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LexError {
    /// An unterminated quote: carries the quote character.
    Unterminated(char),
}

struct Lexer<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    out: Vec<Tok>,
    word: Option<Word>,
}

pub fn tokenize(line: &str) -> Result<Vec<Tok>, LexError> {
    let mut lx = Lexer {
        chars: line.chars().peekable(),
        out: Vec::new(),
        word: None,
    };
    while let Some(c) = lx.chars.next() {
        match c {
            ' ' | '\t' | '\r' | '\n' => lx.end_word(),
            '#' if lx.word.is_none() => break,
            ';' => lx.op(Tok::Semi),
            '&' => {
                if lx.chars.peek() == Some(&'&') {
                    lx.chars.next();
                    lx.op(Tok::And)
                } else {
                    lx.op(Tok::Amp)
                }
            }
            '|' => {
                if lx.chars.peek() == Some(&'|') {
                    lx.chars.next();
                    lx.op(Tok::Or)
                } else {
                    lx.op(Tok::Pipe)
                }
            }
            '>' => {
                if lx.chars.peek() == Some(&'>') {
                    lx.chars.next();
                    lx.op(Tok::DGreat)
                } else {
                    lx.op(Tok::Great)
                }
            }
            '<' if lx.chars.peek() == Some(&'<') => {
                lx.chars.next();
                lx.op(Tok::DLess)
            }
            '\'' => lx.single_quoted()?,
            '"' => lx.double_quoted()?,
            '\\' => {
                if let Some(n) = lx.chars.next() {
                    lx.w().push_char(n, true);
                }
            }
            '$' => lx.dollar(false)?,
            c => lx.w().push_char(c, false),
        }
    }
    lx.end_word();
    Ok(lx.out)
}

impl Lexer<'_> {
    fn w(&mut self) -> &mut Word {
        self.word.get_or_insert_with(Word::default)
    }

    fn end_word(&mut self) {
        if let Some(w) = self.word.take() {
            self.out.push(Tok::Word(w));
        }
    }

    fn op(&mut self, t: Tok) {
        self.end_word();
        self.out.push(t);
    }

    fn single_quoted(&mut self) -> Result<(), LexError> {
        let w = self.word.get_or_insert_with(Word::default);
        // An empty '' still makes a (quoted, empty) word.
        w.pieces.push(Piece::Lit {
            text: String::new(),
            quoted: true,
        });
        loop {
            match self.chars.next() {
                None => return Err(LexError::Unterminated('\'')),
                Some('\'') => return Ok(()),
                Some(c) => self.w().push_char(c, true),
            }
        }
    }

    fn double_quoted(&mut self) -> Result<(), LexError> {
        self.w().pieces.push(Piece::Lit {
            text: String::new(),
            quoted: true,
        });
        loop {
            match self.chars.next() {
                None => return Err(LexError::Unterminated('"')),
                Some('"') => return Ok(()),
                Some('\\') => match self.chars.peek().copied() {
                    Some(n @ ('"' | '\\' | '$' | '`')) => {
                        self.chars.next();
                        self.w().push_char(n, true);
                    }
                    _ => self.w().push_char('\\', true),
                },
                Some('$') => self.dollar(true)?,
                Some(c) => self.w().push_char(c, true),
            }
        }
    }

    fn dollar(&mut self, quoted: bool) -> Result<(), LexError> {
        match self.chars.peek().copied() {
            Some('{') => {
                self.chars.next();
                let mut name = String::new();
                for c in self.chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    name.push(c);
                }
                self.w().pieces.push(Piece::Var { name, quoted });
            }
            Some('(') => {
                self.chars.next();
                let mut cmd = String::new();
                let mut depth = 1;
                loop {
                    match self.chars.next() {
                        None => return Err(LexError::Unterminated('(')),
                        Some('(') => {
                            depth += 1;
                            cmd.push('(');
                        }
                        Some(')') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                            cmd.push(')');
                        }
                        Some(c) => cmd.push(c),
                    }
                }
                self.w().pieces.push(Piece::Subst { cmd, quoted });
            }
            Some('?') => {
                self.chars.next();
                self.w().pieces.push(Piece::Var {
                    name: "?".into(),
                    quoted,
                });
            }
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                let mut name = String::new();
                while let Some(&c) = self.chars.peek() {
                    if c == '_' || c.is_ascii_alphanumeric() {
                        name.push(c);
                        self.chars.next();
                    } else {
                        break;
                    }
                }
                self.w().pieces.push(Piece::Var { name, quoted });
            }
            _ => self.w().push_char('$', quoted),
        }
        Ok(())
    }
}
