//! The terminal engine: a small bash with a virtual file system per machine, `ssh`,
//! `systemctl` for the etcd service, and `etcdctl`. The page and `quorum etcdctl` feed it
//! lines and show the `Output` it returns.

mod builtins;
mod exec;
pub mod fs;
pub mod install;
mod lex;
mod parse;
pub mod term;

use litemap::LiteMap;

use crate::backend::{EtcdBackend, MemberId};
use crate::etcdctl::goerr::quote as etcdctl_quote;
use crate::etcdctl::{Job, TxnInput};
use fs::Vfs;
pub use term::{Line, Output, Stream};

pub const HOME: &str = "/home/student";

/// One simulated VM.
#[derive(Clone, Debug)]
pub struct Machine {
    pub name: String,
    pub ip: String,
    pub fs: Vfs,
    /// The etcd member this machine hosts.
    pub member: Option<MemberId>,
}

/// How the machines start out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    /// etcd 3.3.9 installed, configured and running everywhere.
    Installed,
    /// Fresh VMs: certificates in the home directory, nothing installed (the notes'
    /// install steps), members stopped until `systemctl start etcd`.
    Fresh,
}

#[derive(Clone, Debug)]
struct Var {
    value: String,
    exported: bool,
}

/// One login shell (the stack grows with `ssh`).
#[derive(Clone, Debug)]
struct Session {
    machine: usize,
    vars: LiteMap<String, Var>,
    cwd: String,
    status: i32,
}

impl Session {
    /// A fresh login: the usual environment, in the home directory.
    fn login(machine: usize) -> Session {
        // Inserted one by one: collecting into a LiteMap would bring in a sort.
        let vars = quorum_raft::lite::collect_map(
            [
                ("HOME", HOME),
                ("USER", "student"),
                ("SHELL", "/bin/bash"),
                (
                    "PATH",
                    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                ),
            ]
            .map(|(k, v)| {
                (
                    k.to_string(),
                    Var {
                        value: v.to_string(),
                        exported: true,
                    },
                )
            }),
        );
        Session {
            machine,
            vars,
            cwd: HOME.into(),
            status: 0,
        }
    }
}

#[derive(Clone, Debug)]
struct JobEntry {
    num: usize,
    job: Job,
    cmdline: String,
}

/// What the terminal is doing with the next typed line.
enum Mode {
    Normal,
    /// Collecting a heredoc body for `line`.
    Heredoc {
        line: String,
        delim: String,
        body: Vec<String>,
    },
    /// `etcdctl txn` reading its input from the terminal.
    Txn {
        input: TxnInput,
        env: LiteMap<String, String>,
    },
    /// A streaming command owns the terminal until Ctrl-C.
    Foreground(JobEntry),
}

pub struct Shell<B: EtcdBackend> {
    backend: B,
    machines: Vec<Machine>,
    sessions: Vec<Session>,
    mode: Mode,
    jobs: Vec<JobEntry>,
    /// Background jobs that finished since the last prompt (bash reports them then).
    done_notes: Vec<(usize, String)>,
    history: Vec<String>,
    next_pid: u32,
}

impl<B: EtcdBackend> Shell<B> {
    /// One machine per configured member, named after it; the terminal starts on the first.
    pub fn new(backend: B, scenario: Scenario) -> Self {
        let members = backend.members();
        let machines = install::machines(&members, scenario);
        Shell {
            backend,
            machines,
            sessions: vec![Session::login(0)],
            mode: Mode::Normal,
            jobs: Vec::new(),
            done_notes: Vec::new(),
            history: Vec::new(),
            next_pid: 2281,
        }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    pub fn backend_mut(&mut self) -> &mut B {
        &mut self.backend
    }

    pub fn machines(&self) -> &[Machine] {
        &self.machines
    }

    /// The machine the terminal is on now.
    pub fn machine(&self) -> &Machine {
        &self.machines[self.session().machine]
    }

    fn session(&self) -> &Session {
        // The stack is never empty: `exit` keeps the first session.
        &self.sessions[self.sessions.len() - 1]
    }

    fn session_mut(&mut self) -> &mut Session {
        let n = self.sessions.len() - 1;
        &mut self.sessions[n]
    }

    /// Commands typed so far (for up/down).
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// The prompt to show before the next line: `controlplane-1 $ `, `> ` inside a heredoc,
    /// nothing while a program reads the terminal.
    pub fn prompt(&self) -> String {
        match self.mode {
            Mode::Normal => format!("{} $ ", self.machine().name),
            Mode::Heredoc { .. } => "> ".into(),
            _ => String::new(),
        }
    }

    /// A program (a stream or `txn`) owns the terminal.
    pub fn busy(&self) -> bool {
        matches!(self.mode, Mode::Txn { .. } | Mode::Foreground(_))
    }

    /// One typed line.
    pub fn input(&mut self, line: &str) -> Output {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        match mode {
            Mode::Normal => {
                if !line.trim().is_empty() {
                    self.history.push(line.to_string());
                }
                let mut out = self.run_line(line, None);
                self.report_jobs(&mut out);
                out
            }
            Mode::Heredoc {
                line: cmd,
                delim,
                mut body,
            } => {
                if line == delim {
                    let text: String = body.iter().map(|l| format!("{l}\n")).collect();
                    let mut out = self.run_line(&cmd, Some(text));
                    self.report_jobs(&mut out);
                    out
                } else {
                    body.push(line.to_string());
                    self.mode = Mode::Heredoc {
                        line: cmd,
                        delim,
                        body,
                    };
                    Output::default()
                }
            }
            Mode::Txn { mut input, env } => {
                let local = self.machine().member;
                let mut ctx = crate::etcdctl::Ctx {
                    backend: &mut self.backend,
                    env: &env,
                    local_member: local,
                    stdin: None,
                    files: None,
                };
                let step = input.feed(&mut ctx, line);
                let out = Output {
                    lines: step.res.lines,
                    status: step.res.status,
                    clear: false,
                };
                if step.done {
                    self.session_mut().status = out.status;
                } else {
                    self.mode = Mode::Txn { input, env };
                }
                out
            }
            Mode::Foreground(mut entry) => {
                let local = self.machine().member;
                let fed = entry.job.feed(&mut self.backend, local, line);
                self.mode = Mode::Foreground(entry);
                match fed {
                    Some((lines, end)) => {
                        let mut out = Output {
                            lines,
                            ..Output::default()
                        };
                        if let Some(s) = end {
                            out.status = s;
                            self.mode = Mode::Normal;
                            self.session_mut().status = s;
                        }
                        out
                    }
                    // Typed text goes to the program, which ignores it; time passes.
                    None => self.tick(1_000_000),
                }
            }
        }
    }

    /// Ctrl-C. A program that catches SIGINT (`lock`, `elect`) cleans up and picks its
    /// own exit status; any other dies with 130.
    pub fn interrupt(&mut self) -> Output {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        let mut out = Output {
            lines: vec![Line::out("^C")],
            status: 130,
            clear: false,
        };
        if let Mode::Foreground(mut entry) = mode {
            if let Some((lines, status)) = entry.job.stop(&mut self.backend) {
                out.lines.extend(lines);
                out.status = status;
            }
        }
        self.session_mut().status = out.status;
        // bash tells of background jobs that ended meanwhile before its next prompt.
        self.drain_notes(&mut out);
        out
    }

    /// Lets `us` of simulated time pass, collecting what running streams print.
    pub fn tick(&mut self, us: i64) -> Output {
        let mut out = Output::default();
        let mut left = us.max(0);
        while left > 0 {
            let step = left.min(100_000);
            self.backend.advance(step);
            left -= step;
            self.poll_jobs(&mut out);
        }
        out
    }

    fn poll_jobs(&mut self, out: &mut Output) {
        self.run_lock_commands(out);
        if let Mode::Foreground(entry) = &mut self.mode {
            let (lines, end) = entry.job.poll(&mut self.backend);
            out.lines.extend(lines);
            if let Some(s) = end {
                out.status = s;
                self.mode = Mode::Normal;
                self.session_mut().status = s;
            }
        }
        let mut finished = Vec::new();
        for (i, j) in self.jobs.iter_mut().enumerate() {
            let (lines, end) = j.job.poll(&mut self.backend);
            out.lines.extend(lines);
            if let Some(s) = end {
                finished.push((i, s));
            }
        }
        for (i, s) in finished.into_iter().rev() {
            let j = self.jobs.remove(i);
            self.job_note(&j, Some(s));
        }
    }

    /// `etcdctl lock NAME CMD...` holding its lock: run CMD as a child process would run,
    /// then tell the job how it went (it unlocks at its next poll).
    fn run_lock_commands(&mut self, out: &mut Output) {
        let mut due = Vec::new();
        if let Mode::Foreground(e) = &mut self.mode {
            due.extend(e.job.take_exec().map(|x| (None, x)));
        }
        for j in &mut self.jobs {
            due.extend(j.job.take_exec().map(|x| (Some(j.num), x)));
        }
        for (num, x) in due {
            let r = self.exec_child(&x.argv, x.vars, out);
            let job = match (num, &mut self.mode) {
                (None, Mode::Foreground(e)) => Some(&mut e.job),
                (None, _) => None,
                (Some(n), _) => self
                    .jobs
                    .iter_mut()
                    .find(|j| j.num == n)
                    .map(|j| &mut j.job),
            };
            if let Some(job) = job {
                job.exec_done(r);
            }
        }
    }

    /// Go's `exec.Command(argv).Run()`: a program from $PATH, not a bash builtin.
    fn exec_child(
        &mut self,
        argv: &[String],
        vars: Vec<(String, String)>,
        out: &mut Output,
    ) -> Result<i32, String> {
        let name = argv.first().cloned().unwrap_or_default();
        let not_found = || {
            format!(
                "exec: {}: executable file not found in $PATH",
                etcdctl_quote(&name)
            )
        };
        const BASH_ONLY: &[&str] = &[
            "cd", "export", "unset", "exit", "logout", "jobs", "fg", "history", "help",
        ];
        if BASH_ONLY.contains(&name.as_str()) {
            return Err(not_found());
        }
        let mut env = self.exported_env();
        for (k, v) in vars {
            env.insert(k, v);
        }
        let res = self.builtin(argv, None, &env, out).res;
        if res.status == 127 {
            return Err(not_found());
        }
        out.lines.extend(res.lines);
        Ok(res.status)
    }

    /// bash's report of a finished background job: `Done`, `Exit N`, or `Terminated`
    /// (`None`: killed by the signal).
    fn job_note(&mut self, j: &JobEntry, status: Option<i32>) {
        let how = match status {
            Some(0) => "Done".to_string(),
            Some(s) => format!("Exit {s}"),
            None => "Terminated".to_string(),
        };
        let note = format!("[{}]+  {how:<24}{}", j.num, j.cmdline);
        self.done_notes.push((j.num, note));
    }

    /// After a command: background streams print, finished jobs are announced.
    fn report_jobs(&mut self, out: &mut Output) {
        self.poll_jobs(out);
        self.drain_notes(out);
    }

    /// The finished-job notes, in job order as bash lists them.
    fn drain_notes(&mut self, out: &mut Output) {
        quorum_raft::lite::sort_small_by(&mut self.done_notes, |a, b| a.0 < b.0);
        for (_, n) in self.done_notes.drain(..) {
            out.lines.push(Line::out(n));
        }
    }
}
