//! Running parsed lines: expansion, assignments, pipes, redirections, `&&`/`||`/`;`/`&`.

use litemap::LiteMap;

use super::lex::{self, LexError, Piece, Word};
use super::parse::{self, Sep, Simple};
use super::term::{Line, Output, Res, Stream};
use super::{fs, JobEntry, Mode, Shell, Var};
use crate::backend::EtcdBackend;
use crate::etcdctl::{Cont, Job};

/// A finished or continuing program.
pub(super) struct Exec {
    pub res: Res,
    pub cont: Option<Cont>,
}

impl From<Res> for Exec {
    fn from(res: Res) -> Exec {
        Exec { res, cont: None }
    }
}

const MAX_SUBST_DEPTH: usize = 4;

impl<B: EtcdBackend> Shell<B> {
    pub(super) fn run_line(&mut self, line: &str, heredoc: Option<String>) -> Output {
        self.run_line_depth(line, heredoc, 0)
    }

    fn run_line_depth(&mut self, line: &str, heredoc: Option<String>, depth: usize) -> Output {
        let mut out = Output::default();
        let toks = match lex::tokenize(line) {
            Ok(t) => t,
            Err(LexError::Unterminated(q)) => {
                let close = if q == '(' { ')' } else { q };
                out.lines.push(Line::err(format!(
                    "bash: unexpected EOF while looking for matching `{close}'"
                )));
                out.lines
                    .push(Line::err("bash: syntax error: unexpected end of file"));
                return self.finish(out, 2);
            }
        };
        let items = match parse::parse(&toks) {
            Ok(i) => i,
            Err(e) => {
                out.lines.push(Line::err(format!("bash: {e}")));
                return self.finish(out, 2);
            }
        };
        let wants_heredoc = items
            .iter()
            .flat_map(|i| &i.pipeline)
            .find_map(|s| s.heredoc.clone());
        if let (Some((delim, _)), None) = (&wants_heredoc, &heredoc) {
            self.mode = Mode::Heredoc {
                line: line.to_string(),
                delim: delim.clone(),
                body: Vec::new(),
            };
            return out;
        }
        let mut status = self.session().status;
        let mut run_next = true;
        for item in &items {
            if run_next {
                let bg = item.sep == Sep::Background;
                status = self.run_pipeline(&item.pipeline, bg, heredoc.clone(), &mut out, depth);
                self.session_mut().status = status;
                if !matches!(self.mode, Mode::Normal) {
                    // A program took over the terminal; the rest of the line waits for it
                    // in bash. Here it is dropped.
                    break;
                }
            }
            run_next = match item.sep {
                Sep::And => status == 0,
                Sep::Or => status != 0,
                _ => true,
            };
        }
        out.status = status;
        out
    }

    fn finish(&mut self, mut out: Output, status: i32) -> Output {
        out.status = status;
        self.session_mut().status = status;
        out
    }

    fn run_pipeline(
        &mut self,
        cmds: &[Simple],
        background: bool,
        heredoc: Option<String>,
        out: &mut Output,
        depth: usize,
    ) -> i32 {
        let mut stdin: Option<String> = None;
        let mut status = 0;
        for (k, simple) in cmds.iter().enumerate() {
            let last = k + 1 == cmds.len();
            let input = match &simple.heredoc {
                Some((_, expand)) => heredoc.clone().map(|h| {
                    if *expand {
                        self.expand_text(&h, depth)
                    } else {
                        h
                    }
                }),
                None => stdin.take(),
            };
            let (lines, st) = self.run_simple(simple, input, background && last, !last, out, depth);
            status = st;
            if last {
                out.lines.extend(lines);
            } else {
                let mut piped = String::new();
                for l in lines {
                    match l.stream {
                        Stream::Stdout => {
                            piped.push_str(&l.text);
                            piped.push('\n');
                        }
                        Stream::Stderr => out.lines.push(l),
                    }
                }
                stdin = Some(piped);
            }
        }
        status
    }

    /// Runs one simple command; returns its terminal lines (stdout not redirected).
    fn run_simple(
        &mut self,
        s: &Simple,
        stdin: Option<String>,
        background: bool,
        piped: bool,
        out: &mut Output,
        depth: usize,
    ) -> (Vec<Line>, i32) {
        let mut assigns: Vec<(String, String)> = Vec::new();
        let mut argv: Vec<String> = Vec::new();
        for w in &s.words {
            if argv.is_empty() {
                if let Some((name, value)) = self.assignment(w, depth) {
                    assigns.push((name, value));
                    continue;
                }
            }
            argv.extend(self.expand(w, depth));
        }
        if argv.is_empty() {
            for (n, v) in assigns {
                let exported = self.session().vars.get(&n).is_some_and(|x| x.exported);
                self.session_mut()
                    .vars
                    .insert(n, Var { value: v, exported });
            }
            return (Vec::new(), 0);
        }
        while argv.first().is_some_and(|a| a == "sudo") {
            argv.remove(0);
            while argv.first().is_some_and(|a| a.starts_with('-')) {
                argv.remove(0);
            }
        }
        if argv.is_empty() {
            return (vec![Line::err("usage: sudo -h | -K | -k | -V")], 1);
        }
        let mut env = self.exported_env();
        for (k, v) in assigns {
            env.insert(k, v);
        }
        let cmdline = argv
            .iter()
            .map(|a| {
                if a.is_empty() || a.contains(char::is_whitespace) {
                    format!("'{a}'")
                } else {
                    a.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let exec = self.builtin(&argv, stdin, &env, out);
        let mut res = exec.res;
        match exec.cont {
            Some(Cont::Job(job)) => self.start_job(job, cmdline, background, piped, &mut res),
            Some(Cont::Txn(input)) => self.mode = Mode::Txn { input, env },
            None => {}
        }
        if let Some((append, target)) = s.redirs.last() {
            let target = self.expand(target, depth).join(" ");
            return self.redirect(res, &target, *append);
        }
        (res.lines, res.status)
    }

    /// The environment a child process gets: the exported variables.
    pub(super) fn exported_env(&self) -> LiteMap<String, String> {
        quorum_raft::lite::collect_map(
            self.session()
                .vars
                .iter()
                .filter(|(_, v)| v.exported)
                .map(|(k, v)| (k.clone(), v.value.clone())),
        )
    }

    fn start_job(
        &mut self,
        job: Job,
        cmdline: String,
        background: bool,
        piped: bool,
        res: &mut Res,
    ) {
        if piped {
            // A stream feeding a pipe never ends here; keep what it printed so far.
            return;
        }
        if background {
            let num = self.jobs.iter().map(|j| j.num).max().unwrap_or(0) + 1;
            self.next_pid += 7;
            res.lines
                .insert(0, Line::out(format!("[{num}] {}", self.next_pid)));
            self.jobs.push(JobEntry { num, job, cmdline });
        } else {
            self.mode = Mode::Foreground(JobEntry {
                num: 0,
                job,
                cmdline,
            });
        }
    }

    fn redirect(&mut self, res: Res, target: &str, append: bool) -> (Vec<Line>, i32) {
        let (outs, rest): (Vec<Line>, Vec<Line>) = res
            .lines
            .into_iter()
            .partition(|l| l.stream == Stream::Stdout);
        if target == "/dev/null" {
            return (rest, res.status);
        }
        let path = self.abs(target);
        let m = self.session().machine;
        let mut text: String = outs.iter().map(|l| format!("{}\n", l.text)).collect();
        if append {
            if let Ok(old) = self.machines[m].fs.read(&path) {
                text = format!("{old}{text}");
            }
        }
        match self.machines[m].fs.write(&path, &text, false) {
            Ok(()) => (rest, res.status),
            Err(e) => {
                let mut rest = rest;
                rest.push(Line::err(format!("bash: {target}: {}", e.text())));
                (rest, 1)
            }
        }
    }

    pub(super) fn abs(&self, p: &str) -> String {
        fs::resolve(&self.session().cwd, super::HOME, p)
    }

    /// `NAME=value` before the command name.
    fn assignment(&mut self, w: &Word, depth: usize) -> Option<(String, String)> {
        let Some(Piece::Lit {
            text,
            quoted: false,
        }) = w.pieces.first()
        else {
            return None;
        };
        let (name, first_val) = text.split_once('=')?;
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
            && name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric());
        if !valid {
            return None;
        }
        let mut rest = Word {
            pieces: w.pieces[1..].to_vec(),
        };
        rest.pieces.insert(
            0,
            Piece::Lit {
                text: first_val.to_string(),
                quoted: true,
            },
        );
        // No word splitting or globbing in assignments.
        let value = self.expand_joined(&rest, depth);
        Some((name.to_string(), value))
    }

    fn var(&self, name: &str) -> String {
        if name == "?" {
            return self.session().status.to_string();
        }
        self.session()
            .vars
            .get(name)
            .map(|v| v.value.clone())
            .unwrap_or_default()
    }

    fn subst(&mut self, cmd: &str, depth: usize) -> String {
        if depth >= MAX_SUBST_DEPTH {
            return String::new();
        }
        let saved_mode = std::mem::replace(&mut self.mode, Mode::Normal);
        let saved_status = self.session().status;
        let o = self.run_line_depth(cmd, None, depth + 1);
        self.mode = saved_mode;
        self.session_mut().status = saved_status;
        o.stdout().trim_end_matches('\n').to_string()
    }

    fn expand_joined(&mut self, w: &Word, depth: usize) -> String {
        let mut s = String::new();
        for p in &w.pieces {
            match p {
                Piece::Lit { text, .. } => s.push_str(text),
                Piece::Var { name, .. } => s.push_str(&self.var(name)),
                Piece::Subst { cmd, .. } => s.push_str(&self.subst(cmd, depth)),
            }
        }
        s
    }

    /// Expands a word into fields: variables, command substitution, word splitting of
    /// unquoted expansions, and globbing against the machine's files.
    pub(super) fn expand(&mut self, w: &Word, depth: usize) -> Vec<String> {
        let mut fields: Vec<(String, bool)> = Vec::new();
        let mut cur: Option<(String, bool)> = None;
        for p in &w.pieces {
            match p {
                Piece::Lit { text, quoted } => {
                    let c = cur.get_or_insert_with(|| (String::new(), false));
                    c.0.push_str(text);
                    if !quoted && (text.contains('*') || text.contains('?')) {
                        c.1 = true;
                    }
                }
                Piece::Var { quoted, .. } | Piece::Subst { quoted, .. } => {
                    let value = match p {
                        Piece::Var { name, .. } => self.var(name),
                        Piece::Subst { cmd, .. } => self.subst(cmd, depth),
                        Piece::Lit { .. } => String::new(),
                    };
                    if *quoted {
                        cur.get_or_insert_with(|| (String::new(), false))
                            .0
                            .push_str(&value);
                        continue;
                    }
                    let mut parts = value.split_whitespace();
                    if let Some(first) = parts.next() {
                        cur.get_or_insert_with(|| (String::new(), false))
                            .0
                            .push_str(first);
                    }
                    for part in parts {
                        if let Some(c) = cur.take() {
                            fields.push(c);
                        }
                        cur = Some((part.to_string(), false));
                    }
                }
            }
        }
        fields.extend(cur);
        let mut out = Vec::new();
        for (text, glob) in fields {
            if glob {
                let pattern = self.abs(&text);
                let m = self.session().machine;
                let found = self.machines[m].fs.glob(&pattern);
                if !found.is_empty() {
                    let cwd = format!("{}/", self.session().cwd);
                    for f in found {
                        let shown = if text.starts_with('/') || text.starts_with('~') {
                            f
                        } else {
                            f.strip_prefix(&cwd).map(String::from).unwrap_or(f)
                        };
                        out.push(shown);
                    }
                    continue;
                }
            }
            out.push(text);
        }
        out
    }

    /// Expansion inside an unquoted heredoc: `$VAR`, `${VAR}`, `$(cmd)`, `\$`.
    fn expand_text(&mut self, text: &str, depth: usize) -> String {
        let mut out = String::new();
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c == '\\' && i < chars.len() && matches!(chars[i], '$' | '\\' | '`') {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            if c != '$' || i >= chars.len() {
                out.push(c);
                continue;
            }
            match chars[i] {
                '{' => {
                    let end = chars[i..].iter().position(|&c| c == '}').map(|p| p + i);
                    match end {
                        Some(e) => {
                            let name: String = chars[i + 1..e].iter().collect();
                            out.push_str(&self.var(&name));
                            i = e + 1;
                        }
                        None => out.push('$'),
                    }
                }
                '(' => {
                    let mut d = 0;
                    let mut j = i;
                    while j < chars.len() {
                        match chars[j] {
                            '(' => d += 1,
                            ')' => {
                                d -= 1;
                                if d == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    if j < chars.len() {
                        let cmd: String = chars[i + 1..j].iter().collect();
                        out.push_str(&self.subst(&cmd, depth));
                        i = j + 1;
                    } else {
                        out.push('$');
                    }
                }
                c if c == '_' || c.is_ascii_alphabetic() || c == '?' => {
                    let mut j = i;
                    if c == '?' {
                        j += 1;
                    } else {
                        while j < chars.len()
                            && (chars[j] == '_' || chars[j].is_ascii_alphanumeric())
                        {
                            j += 1;
                        }
                    }
                    let name: String = chars[i..j].iter().collect();
                    out.push_str(&self.var(&name));
                    i = j;
                }
                _ => out.push('$'),
            }
        }
        out
    }
}
