//! What a command writes to the terminal.

/// Which stream a line went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// One line of terminal output. Text is plain: the page must escape it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub stream: Stream,
    pub text: String,
}

impl Line {
    pub fn out(text: impl Into<String>) -> Line {
        Line {
            stream: Stream::Stdout,
            text: text.into(),
        }
    }
    pub fn err(text: impl Into<String>) -> Line {
        Line {
            stream: Stream::Stderr,
            text: text.into(),
        }
    }
}

/// The result of one terminal input (a command line, a continuation line, or Ctrl-C).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Output {
    pub lines: Vec<Line>,
    /// Exit status of the last finished command (`$?`).
    pub status: i32,
    /// `clear` was run: the page should wipe the screen before showing `lines`.
    pub clear: bool,
}

impl Output {
    /// stdout lines joined with newlines (handy in tests).
    pub fn stdout(&self) -> String {
        self.text_of(Stream::Stdout)
    }
    pub fn stderr(&self) -> String {
        self.text_of(Stream::Stderr)
    }
    fn text_of(&self, s: Stream) -> String {
        self.lines
            .iter()
            .filter(|l| l.stream == s)
            .map(|l| format!("{}\n", l.text))
            .collect()
    }
}

/// Output of a finished program inside the shell.
#[derive(Clone, Debug, Default)]
pub(crate) struct Res {
    pub lines: Vec<Line>,
    pub status: i32,
}

impl Res {
    pub fn ok() -> Res {
        Res::default()
    }
    pub fn status(status: i32) -> Res {
        Res {
            lines: Vec::new(),
            status,
        }
    }
    pub fn out(mut self, s: impl Into<String>) -> Res {
        self.lines.push(Line::out(s));
        self
    }
    pub fn err(mut self, s: impl Into<String>) -> Res {
        self.lines.push(Line::err(s));
        self
    }
    pub fn with_status(mut self, s: i32) -> Res {
        self.status = s;
        self
    }
    /// A single stderr line and a status.
    pub fn fail(msg: impl Into<String>, status: i32) -> Res {
        Res::status(status).err(msg)
    }
}
