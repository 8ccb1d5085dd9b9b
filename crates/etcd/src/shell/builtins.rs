//! The commands the terminal knows, with coreutils' and bash's wording.

use litemap::LiteMap;

use super::exec::Exec;
use super::fs::{self, FsError, Node};
use super::install::{self, TARBALL, TAR_ENTRIES, UNIT_PATH, URLS};
use super::term::{Output, Res};
use super::{Mode, Session, Shell, Var, HOME};
use crate::backend::EtcdBackend;
use crate::etcdctl;

impl<B: EtcdBackend> Shell<B> {
    fn m(&self) -> usize {
        self.session().machine
    }

    fn fsm(&mut self) -> &mut fs::Vfs {
        let m = self.m();
        &mut self.machines[m].fs
    }

    fn fsr(&self) -> &fs::Vfs {
        &self.machines[self.m()].fs
    }

    /// Finds a program: by path (`./etcdctl`, `/usr/local/bin/etcd`) or on $PATH.
    fn which(&self, name: &str) -> Option<String> {
        let path = if name.contains('/') {
            self.abs(name)
        } else {
            format!("/usr/local/bin/{name}")
        };
        match self.fsr().get(&path) {
            Some(Node::File { exec: true, .. }) => Some(path),
            _ => None,
        }
    }

    pub(super) fn builtin(
        &mut self,
        argv: &[String],
        stdin: Option<String>,
        env: &LiteMap<String, String>,
        out: &mut Output,
    ) -> Exec {
        let args = &argv[1..];
        match argv[0].as_str() {
            "echo" => echo(args).into(),
            "printenv" | "env" => printenv(args, env).into(),
            "true" | ":" => Res::ok().into(),
            "false" => Res::status(1).into(),
            "pwd" => Res::ok().out(self.session().cwd.clone()).into(),
            "cd" => self.cd(args).into(),
            "export" => self.export(args).into(),
            "unset" => {
                for a in args {
                    self.session_mut().vars.remove(a);
                }
                Res::ok().into()
            }
            "hostname" => Res::ok().out(self.machine().name.clone()).into(),
            "whoami" => Res::ok().out("student").into(),
            "clear" => {
                out.clear = true;
                out.lines.clear();
                Res::ok().into()
            }
            "help" => help().into(),
            "history" => self
                .history
                .iter()
                .enumerate()
                .fold(Res::ok(), |r, (i, h)| r.out(format!("{:>5}  {h}", i + 1)))
                .into(),
            "cat" => self.cat(args, stdin).into(),
            "tee" => self.tee(args, stdin).into(),
            "ls" => self.ls(args).into(),
            "mkdir" => self.mkdir(args).into(),
            "touch" => self.touch(args).into(),
            "rm" => self.rm(args).into(),
            "cp" => self.cp_mv(args, false).into(),
            "mv" => self.cp_mv(args, true).into(),
            "tar" => self.tar(args).into(),
            "wget" => self.wget(args).into(),
            "ssh" => self.ssh(args).into(),
            "exit" | "logout" => self.exit().into(),
            "systemctl" => self.systemctl(args).into(),
            "sleep" => self.sleep(args, out).into(),
            "jobs" => self.jobs_list().into(),
            "kill" => self.kill(args).into(),
            "fg" => self.fg(args),
            name => match self.which(name) {
                Some(p) if p.ends_with("/etcdctl") => self.etcdctl(args, stdin, env),
                Some(p) if p.ends_with("/etcd") => etcd_binary(args).into(),
                Some(_) => Res::fail(format!("bash: {name}: Permission denied"), 126).into(),
                None if name.contains('/') => {
                    Res::fail(format!("bash: {name}: No such file or directory"), 127).into()
                }
                None => Res::fail(format!("bash: {name}: command not found"), 127).into(),
            },
        }
    }

    fn etcdctl(
        &mut self,
        args: &[String],
        stdin: Option<String>,
        env: &LiteMap<String, String>,
    ) -> Exec {
        let local = self.machine().member;
        let m = self.m();
        let cwd = self.session().cwd.clone();
        let mut ctx = etcdctl::Ctx {
            backend: &mut self.backend,
            env,
            local_member: local,
            stdin,
            files: Some(etcdctl::Files {
                fs: &mut self.machines[m].fs,
                cwd,
            }),
        };
        let run = etcdctl::run(&mut ctx, args);
        Exec {
            res: run.res,
            cont: run.cont,
        }
    }

    fn cd(&mut self, args: &[String]) -> Res {
        let target = args.first().map(String::as_str).unwrap_or("~");
        let p = self.abs(target);
        if self.fsr().is_dir(&p) {
            self.session_mut().cwd = p;
            Res::ok()
        } else if self.fsr().exists(&p) {
            Res::fail(format!("bash: cd: {target}: Not a directory"), 1)
        } else {
            Res::fail(format!("bash: cd: {target}: No such file or directory"), 1)
        }
    }

    fn export(&mut self, args: &[String]) -> Res {
        if args.is_empty() || args == ["-p"] {
            let s = self.session();
            return s
                .vars
                .iter()
                .filter(|(_, v)| v.exported)
                .fold(Res::ok(), |r, (k, v)| {
                    r.out(format!("declare -x {k}=\"{}\"", v.value))
                });
        }
        let mut res = Res::ok();
        for a in args {
            let (name, value) = match a.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (a.clone(), None),
            };
            let valid = name
                .chars()
                .next()
                .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
                && name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric());
            if !valid {
                res = res
                    .err(format!("bash: export: `{a}': not a valid identifier"))
                    .with_status(1);
                continue;
            }
            let vars = &mut self.session_mut().vars;
            let old = vars.get(&name).map(|v| v.value.clone()).unwrap_or_default();
            vars.insert(
                name,
                Var {
                    value: value.unwrap_or(old),
                    exported: true,
                },
            );
        }
        res
    }

    fn cat(&mut self, args: &[String], stdin: Option<String>) -> Res {
        if args.is_empty() || args == ["-"] {
            return text_lines(Res::ok(), &stdin.unwrap_or_default());
        }
        let mut r = Res::ok();
        for a in args {
            let p = self.abs(a);
            match self.fsr().read(&p) {
                Ok(t) => r = text_lines(r, t),
                Err(e) => r = r.err(format!("cat: {a}: {}", e.text())).with_status(1),
            }
        }
        r
    }

    fn tee(&mut self, args: &[String], stdin: Option<String>) -> Res {
        let text = stdin.unwrap_or_default();
        let append = args.iter().any(|a| a == "-a" || a == "--append");
        let mut r = text_lines(Res::ok(), &text);
        for a in args.iter().filter(|a| !a.starts_with('-')) {
            let p = self.abs(a);
            let full = match (append, self.fsr().read(&p)) {
                (true, Ok(old)) => format!("{old}{text}"),
                _ => text.clone(),
            };
            if let Err(e) = self.fsm().write(&p, &full, false) {
                r = r.err(format!("tee: {a}: {}", e.text())).with_status(1);
            }
        }
        r
    }

    fn ls(&mut self, args: &[String]) -> Res {
        let long = args.iter().any(|a| a.starts_with('-') && a.contains('l'));
        let one = args.iter().any(|a| a.starts_with('-') && a.contains('1'));
        let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        let targets: Vec<String> = if paths.is_empty() {
            vec![".".into()]
        } else {
            paths.iter().map(|s| s.to_string()).collect()
        };
        let mut r = Res::ok();
        let many = targets.len() > 1;
        for (i, t) in targets.iter().enumerate() {
            let p = self.abs(t);
            match self.fsr().get(&p) {
                None => {
                    r = r
                        .err(format!(
                            "ls: cannot access '{t}': No such file or directory"
                        ))
                        .with_status(2)
                }
                Some(Node::File { .. }) => r = r.out(t.clone()),
                Some(Node::Dir) => {
                    if many {
                        if i > 0 {
                            r = r.out("");
                        }
                        r = r.out(format!("{t}:"));
                    }
                    let names: Vec<(String, bool)> = self.fsr().list(&p);
                    if long || one {
                        for (n, d) in names {
                            r = r.out(if long {
                                let kind = if d { "drwxr-xr-x" } else { "-rw-r--r--" };
                                format!("{kind} 1 student student 4096 {n}")
                            } else {
                                n
                            });
                        }
                    } else if !names.is_empty() {
                        let joined: Vec<String> = names.into_iter().map(|(n, _)| n).collect();
                        r = r.out(joined.join("  "));
                    }
                }
            }
        }
        r
    }

    fn mkdir(&mut self, args: &[String]) -> Res {
        let parents = args.iter().any(|a| a == "-p" || a == "--parents");
        let mut r = Res::ok();
        for a in args.iter().filter(|a| !a.starts_with('-')) {
            let p = self.abs(a);
            let res = if parents {
                self.fsm().mkdir_p(&p)
            } else {
                self.fsm().mkdir(&p)
            };
            if let Err(e) = res {
                r = r
                    .err(format!(
                        "mkdir: cannot create directory ‘{a}’: {}",
                        e.text()
                    ))
                    .with_status(1);
            }
        }
        if args.iter().all(|a| a.starts_with('-')) {
            return Res::fail("mkdir: missing operand", 1)
                .err("Try 'mkdir --help' for more information.");
        }
        r
    }

    fn touch(&mut self, args: &[String]) -> Res {
        let mut r = Res::ok();
        for a in args.iter().filter(|a| !a.starts_with('-')) {
            let p = self.abs(a);
            if self.fsr().exists(&p) {
                continue;
            }
            if let Err(e) = self.fsm().write(&p, "", false) {
                r = r
                    .err(format!("touch: cannot touch '{a}': {}", e.text()))
                    .with_status(1);
            }
        }
        r
    }

    fn rm(&mut self, args: &[String]) -> Res {
        let recursive = args
            .iter()
            .any(|a| a.starts_with('-') && (a.contains('r') || a.contains('R')));
        let force = args.iter().any(|a| a.starts_with('-') && a.contains('f'));
        let mut r = Res::ok();
        for a in args.iter().filter(|a| !a.starts_with('-')) {
            let p = self.abs(a);
            match self.fsr().get(&p) {
                None if force => {}
                None => {
                    r = r
                        .err(format!(
                            "rm: cannot remove '{a}': No such file or directory"
                        ))
                        .with_status(1)
                }
                Some(Node::Dir) if !recursive => {
                    r = r
                        .err(format!("rm: cannot remove '{a}': Is a directory"))
                        .with_status(1)
                }
                Some(_) => self.fsm().remove(&p),
            }
        }
        r
    }

    fn cp_mv(&mut self, args: &[String], mv: bool) -> Res {
        let tool = if mv { "mv" } else { "cp" };
        let recursive = mv
            || args.iter().any(|a| {
                a.starts_with('-') && (a.contains('r') || a.contains('R') || a.contains('a'))
            });
        let ops: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        if ops.len() < 2 {
            let what = match ops.first() {
                None => "missing file operand".to_string(),
                Some(f) => format!("missing destination file operand after '{f}'"),
            };
            return Res::fail(format!("{tool}: {what}"), 1)
                .err(format!("Try '{tool} --help' for more information."));
        }
        let (dst, srcs) = ops
            .split_last()
            .map(|(d, s)| (d.to_string(), s.to_vec()))
            .unwrap_or_default();
        let dst_abs = self.abs(&dst);
        let into_dir = self.fsr().is_dir(&dst_abs);
        if srcs.len() > 1 && !into_dir {
            return Res::fail(format!("{tool}: target '{dst}' is not a directory"), 1);
        }
        let mut r = Res::ok();
        for s in srcs {
            let sp = self.abs(s);
            if !self.fsr().exists(&sp) {
                r = r
                    .err(format!(
                        "{tool}: cannot stat '{s}': No such file or directory"
                    ))
                    .with_status(1);
                continue;
            }
            if self.fsr().is_dir(&sp) && !recursive {
                r = r
                    .err(format!("cp: -r not specified; omitting directory '{s}'"))
                    .with_status(1);
                continue;
            }
            let target = if into_dir {
                format!("{}/{}", dst_abs.trim_end_matches('/'), fs::base(&sp))
            } else {
                dst_abs.clone()
            };
            let res = if mv {
                self.fsm().rename(&sp, &target)
            } else {
                self.fsm().copy(&sp, &target)
            };
            if let Err(e) = res {
                let msg = match e {
                    FsError::NotFound | FsError::NotDir => {
                        format!("{tool}: cannot create regular file '{dst}': {}", e.text())
                    }
                    _ => format!("{tool}: cannot copy '{s}': {}", e.text()),
                };
                r = r.err(msg).with_status(1);
            }
        }
        r
    }

    fn tar(&mut self, args: &[String]) -> Res {
        let Some(opts) = args.first() else {
            return Res::fail(
                "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options",
                2,
            )
            .err("Try 'tar --help' or 'tar --usage' for more information.");
        };
        let o = opts.trim_start_matches('-');
        let extract = o.contains('x');
        let verbose = o.contains('v');
        let file = if o.contains('f') { args.get(1) } else { None };
        if !extract && !o.contains('t') {
            return Res::fail(
                "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options",
                2,
            )
            .err("Try 'tar --help' or 'tar --usage' for more information.");
        }
        let Some(file) = file else {
            return Res::fail(
                "tar: Refusing to read archive contents from terminal (missing -f option?)",
                2,
            )
            .err("tar: Error is not recoverable: exiting now");
        };
        let p = self.abs(file);
        if !self.fsr().exists(&p) {
            return Res::fail(
                format!("tar: {file}: Cannot open: No such file or directory"),
                2,
            )
            .err("tar: Error is not recoverable: exiting now");
        }
        if fs::base(&p) != TARBALL {
            return Res::fail("gzip: stdin: not in gzip format", 2)
                .err("tar: Child returned status 1")
                .err("tar: Error is not recoverable: exiting now");
        }
        let cwd = self.session().cwd.clone();
        let mut r = Res::ok();
        for e in TAR_ENTRIES {
            if verbose || !extract {
                r = r.out(e.to_string());
            }
            if !extract {
                continue;
            }
            let path = fs::resolve(&cwd, HOME, e);
            let res = if e.ends_with('/') {
                self.fsm().mkdir_p(&path)
            } else {
                let name = fs::base(&path).to_string();
                let exec = name == "etcd" || name == "etcdctl";
                let content = if exec {
                    install::binary(&name)
                } else {
                    format!("# {name}\n")
                };
                self.fsm().write(&path, &content, exec)
            };
            if let Err(err) = res {
                r = r
                    .err(format!("tar: {e}: Cannot open: {}", err.text()))
                    .with_status(2);
            }
        }
        r
    }

    fn wget(&mut self, args: &[String]) -> Res {
        let quiet = args.iter().any(|a| a == "-q" || a == "--quiet");
        let Some(url) = args.iter().find(|a| !a.starts_with('-')) else {
            return Res::fail("wget: missing URL", 1)
                .err("Usage: wget [OPTION]... [URL]...")
                .err("")
                .err("Try `wget --help' for more options.");
        };
        if !URLS.contains(&url.as_str()) {
            let host = url
                .split("://")
                .nth(1)
                .unwrap_or(url)
                .split('/')
                .next()
                .unwrap_or("");
            let r = Res::status(4);
            return if quiet {
                r
            } else {
                r.err(format!("wget: unable to resolve host address ‘{host}’"))
            };
        }
        let dest = self.abs(TARBALL);
        let mut name = TARBALL.to_string();
        if self.fsr().exists(&dest) {
            // wget never overwrites: it numbers the new copy.
            let mut n = 1;
            while self.fsr().exists(&format!("{dest}.{n}")) {
                n += 1;
            }
            name = format!("{TARBALL}.{n}");
        }
        let p = self.abs(&name);
        if let Err(e) = self.fsm().write(&p, "(gzip compressed data)", false) {
            return Res::fail(format!("{name}: {}", e.text()), 3);
        }
        if quiet {
            return Res::ok();
        }
        Res::ok()
            .err(format!("Saving to: ‘{name}’"))
            .err("")
            .err(format!("‘{name}’ saved [11254519/11254519]"))
    }

    fn ssh(&mut self, args: &[String]) -> Res {
        let Some(host) = args.iter().find(|a| !a.starts_with('-')) else {
            return Res::fail(
                "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] destination [command]",
                255,
            );
        };
        let h = host.rsplit('@').next().unwrap_or(host);
        let found = self.machines.iter().position(|m| m.name == h || m.ip == h);
        match found {
            Some(i) => {
                self.sessions.push(Session::login(i));
                Res::ok()
            }
            None => Res::fail(
                format!("ssh: Could not resolve hostname {h}: Name or service not known"),
                255,
            ),
        }
    }

    fn exit(&mut self) -> Res {
        if self.sessions.len() > 1 {
            let s = self.sessions.pop();
            let name = s
                .map(|s| self.machines[s.machine].name.clone())
                .unwrap_or_default();
            return Res::ok()
                .out("logout")
                .err(format!("Connection to {name} closed."));
        }
        Res::ok().out("logout")
    }

    fn systemctl(&mut self, args: &[String]) -> Res {
        let pos: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        let (Some(verb), unit) = (pos.first(), pos.get(1)) else {
            return Res::fail("systemctl: this terminal only manages the etcd service", 1);
        };
        if verb.as_str() == "daemon-reload" {
            return Res::ok();
        }
        let unit = unit.map(|u| u.trim_end_matches(".service").to_string());
        if unit.as_deref() != Some("etcd") {
            let u = unit.unwrap_or_default();
            return Res::fail(format!("Unit {u}.service could not be found."), 4);
        }
        let has_unit = self.fsr().exists(UNIT_PATH);
        let member = self.machine().member;
        let running = member.is_some_and(|m| self.backend.is_running(m));
        match verb.as_str() {
            "start" | "restart" => {
                if !has_unit {
                    return Res::fail(
                        "Failed to start etcd.service: Unit etcd.service not found.",
                        5,
                    );
                }
                let binary_ok = self.which("etcd").is_some();
                let Some(m) = member.filter(|_| binary_ok) else {
                    return Res::fail("Job for etcd.service failed because the control process exited with error code.", 1)
                        .err("See \"systemctl status etcd.service\" and \"journalctl -xe\" for details.");
                };
                if verb.as_str() == "restart" {
                    self.backend.set_running(m, false);
                }
                self.backend.set_running(m, true);
                Res::ok()
            }
            "stop" => {
                if let Some(m) = member {
                    self.backend.set_running(m, false);
                }
                if !has_unit {
                    return Res::fail(
                        "Failed to stop etcd.service: Unit etcd.service not loaded.",
                        5,
                    );
                }
                Res::ok()
            }
            "enable" => {
                if !has_unit {
                    return Res::fail(
                        "Failed to enable unit: Unit file etcd.service does not exist.",
                        1,
                    );
                }
                Res::ok().err("Created symlink /etc/systemd/system/multi-user.target.wants/etcd.service → /etc/systemd/system/etcd.service.")
            }
            "status" | "is-active" => {
                if !has_unit {
                    return Res::fail("Unit etcd.service could not be found.", 4);
                }
                if verb.as_str() == "is-active" {
                    return if running {
                        Res::ok().out("active")
                    } else {
                        Res::status(3).out("inactive")
                    };
                }
                let active = if running {
                    "active (running)"
                } else {
                    "inactive (dead)"
                };
                let r = Res::ok()
                    .out(format!(
                        "{} etcd.service - etcd",
                        if running { "●" } else { "○" }
                    ))
                    .out(format!(
                        "     Loaded: loaded ({UNIT_PATH}; enabled; vendor preset: enabled)"
                    ))
                    .out(format!("     Active: {active}"))
                    .out("       Docs: https://github.com/coreos");
                if running {
                    r.out(format!("   Main PID: {} (etcd)", self.next_pid))
                } else {
                    r.with_status(3)
                }
            }
            other => Res::fail(format!("Unknown command verb {other}."), 1),
        }
    }

    fn sleep(&mut self, args: &[String], out: &mut Output) -> Res {
        let Some(a) = args.first() else {
            return Res::fail("sleep: missing operand", 1)
                .err("Try 'sleep --help' for more information.");
        };
        let (num, seconds_per_unit) = match a.chars().last() {
            Some('s') => (&a[..a.len() - 1], 1),
            Some('m') => (&a[..a.len() - 1], 60),
            Some('h') => (&a[..a.len() - 1], 3600),
            _ => (a.as_str(), 1),
        };
        let us =
            quorum_sim::units::parse_decimal(num, 6).and_then(|v| v.checked_mul(seconds_per_unit));
        match us {
            Some(us) if us < 10_000_000_000_000 => {
                let t = self.tick(us as i64);
                out.lines.extend(t.lines);
                Res::ok()
            }
            _ => Res::fail(format!("sleep: invalid time interval ‘{a}’"), 1)
                .err("Try 'sleep --help' for more information."),
        }
    }

    fn jobs_list(&mut self) -> Res {
        self.jobs.iter().fold(Res::ok(), |r, j| {
            r.out(format!(
                "[{}]+  Running                 {} &",
                j.num, j.cmdline
            ))
        })
    }

    fn job_index(&self, spec: Option<&String>) -> Option<usize> {
        match spec {
            None => self.jobs.len().checked_sub(1),
            Some(s) => {
                let n: usize = s.trim_start_matches('%').parse().ok()?;
                self.jobs.iter().position(|j| j.num == n)
            }
        }
    }

    fn kill(&mut self, args: &[String]) -> Res {
        let spec = args
            .iter()
            .find(|a| !a.starts_with('-') || a.starts_with("%"));
        let Some(spec) = spec else {
            return Res::fail("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]", 2);
        };
        if !spec.starts_with('%') {
            return Res::fail(format!("bash: kill: ({spec}) - No such process"), 1);
        }
        match self.job_index(Some(spec)) {
            Some(i) => {
                // SIGTERM: `lock` and `elect` catch it and clean up first.
                let mut j = self.jobs.remove(i);
                let (lines, status) = match j.job.stop(&mut self.backend) {
                    Some((lines, s)) => (lines, Some(s)),
                    None => (Vec::new(), None),
                };
                self.job_note(&j, status);
                Res { lines, status: 0 }
            }
            None => Res::fail(format!("bash: kill: {spec}: no such job"), 1),
        }
    }

    fn fg(&mut self, args: &[String]) -> Exec {
        match self.job_index(args.first()) {
            Some(i) => {
                let j = self.jobs.remove(i);
                let r = Res::ok().out(j.cmdline.clone());
                self.mode = Mode::Foreground(j);
                r.into()
            }
            None => Res::fail(
                format!(
                    "bash: fg: {}: no such job",
                    args.first().map_or("current", |s| s.as_str())
                ),
                1,
            )
            .into(),
        }
    }
}

/// `printenv [NAME...]` (and `env` without arguments): the environment it was given.
fn printenv(args: &[String], env: &LiteMap<String, String>) -> Res {
    if args.is_empty() {
        return env
            .iter()
            .fold(Res::ok(), |r, (k, v)| r.out(format!("{k}={v}")));
    }
    args.iter().fold(Res::ok(), |r, a| match env.get(a) {
        Some(v) => r.out(v.clone()),
        None => r.with_status(1),
    })
}

fn text_lines(mut r: Res, text: &str) -> Res {
    let t = text.strip_suffix('\n').unwrap_or(text);
    if text.is_empty() {
        return r;
    }
    for l in t.split('\n') {
        r = r.out(l.to_string());
    }
    r
}

fn echo(args: &[String]) -> Res {
    let mut no_nl = false;
    let mut esc = false;
    let mut i = 0;
    while i < args.len()
        && args[i].starts_with('-')
        && args[i].len() > 1
        && args[i][1..].chars().all(|c| "neE".contains(c))
    {
        no_nl |= args[i].contains('n');
        esc |= args[i].contains('e');
        i += 1;
    }
    let mut s = args[i..].join(" ");
    if esc {
        s = s.replace("\\n", "\n").replace("\\t", "\t");
    }
    let _ = no_nl;
    text_lines(Res::ok(), &format!("{s}\n"))
}

fn etcd_binary(args: &[String]) -> Res {
    if args.iter().any(|a| a == "--version" || a == "-version") {
        return Res::ok()
            .out("etcd Version: 3.3.9")
            .out("Git SHA: fca8add78")
            .out("Go Version: go1.10.3")
            .out("Go OS/Arch: linux/amd64");
    }
    Res::fail(
        "etcd: run the member as a service here: sudo systemctl start etcd",
        1,
    )
}

fn help() -> Res {
    let lines = [
        "This terminal is a small bash on a simulated VM. It knows:",
        "  etcdctl (v2 by default as in etcd 3.3; export ETCDCTL_API=3 for v3)",
        "  etcd --version, systemctl start|stop|restart|status etcd, ssh NODE, exit",
        "  echo, printenv, cat, tee, ls, mkdir -p, touch, rm, cp, mv, tar -xvf, wget, cd, pwd",
        "  export, unset, hostname, sleep, jobs, fg, kill %N, history, clear, help",
        "Pipes (|), redirections (>, >>), heredocs (<<EOF), ;, &&, || and & work.",
        "Ctrl-C stops a running watch, keep-alive, lock or elect.",
    ];
    lines.iter().fold(Res::ok(), |r, l| r.out(*l))
}
