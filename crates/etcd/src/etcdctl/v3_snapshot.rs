//! `etcdctl snapshot save|status` of etcdctl 3.5.9 (ctlv3/command/snapshot_command.go,
//! client/v3/snapshot/v3_snapshot.go `Save`, client/v3/maintenance.go, and etcdutl's
//! `SnapshotStatusCommandFunc` with its printers). `restore` stays refused.
//!
//! The saved file is a short text standing in for the bbolt database: a first line that
//! marks it as a snapshot, then what `snapshot status` prints (computed by the member from
//! its own store when the snapshot was taken).

use super::goerr::human_bytes;
use super::print::{jstr, table, Obj};
use super::v3::{Format, Global};
use super::{exit_err, resolve, Cont, Ctx, Files, Job, Run, EXIT_BAD_ARGS, EXIT_ERROR};
use crate::mvcc::SnapshotStatus;
use crate::shell::fs::{resolve as resolve_path, FsError, Node};
use crate::shell::term::Res;
use crate::shell::HOME;

use super::flags::Flags;

/// cobrautl.ExitInterrupted: how `snapshot save` reports every failure of `Save`.
const EXIT_INTERRUPTED: i32 = 5;
const EXIT_BAD_FEATURE: i32 = super::EXIT_BAD_FEATURE;

/// The first line of a snapshot file written by this simulation.
const MAGIC: &str = "etcd 3.5 backend snapshot (simulated bbolt database)";

/// Caller fields of the log lines (etcd 3.5.6 to 3.5.16 print these line numbers; the
/// client module is named with its version, as in a release build of 3.5.9).
const SNAP_GO: &str = "snapshot/v3_snapshot.go";
const MAINT_GO: &str = "v3@v3.5.9/maintenance.go";

/// Simulated durations of the steps of a save (µs): opening the stream, the round trip
/// before the first chunk, fsync and rename; the transfer runs at 100 MB/s.
const OPEN_US: i64 = 1_200;
const FIRST_CHUNK_US: i64 = 50;
const FSYNC_US: i64 = 400;
const RENAME_US: i64 = 100;
const BYTES_PER_US: u64 = 100;
/// The sha256 digest etcd appends to the streamed database.
const SHA256_LEN: u64 = 32;

/// One line of etcd 3.5's zap JSON logger (`logutil.CreateDefaultZapLogger`): the time in
/// UTC with microseconds, trailing zeros dropped (since 3.5.8).
fn log(now_us: i64, client: bool, caller: &str, msg: &str, fields: &[(&str, &str)]) -> String {
    let mut o = format!(
        "{{\"level\":\"info\",\"ts\":{}",
        jstr(&super::v2_print::rfc3339(now_us))
    );
    if client {
        o.push_str(",\"logger\":\"client\"");
    }
    o.push_str(&format!(
        ",\"caller\":{},\"msg\":{}",
        jstr(caller),
        jstr(msg)
    ));
    for (k, v) in fields {
        o.push_str(&format!(",{}:{}", jstr(k), jstr(v)));
    }
    o.push('}');
    o
}

/// `humanize.Time` of a moment `ago_us` in the past.
fn ago(ago_us: i64) -> String {
    let s = ago_us / 1_000_000;
    match s {
        i64::MIN..=0 => "now".into(),
        1 => "1 second ago".into(),
        2..=59 => format!("{s} seconds ago"),
        60..=119 => "1 minute ago".into(),
        _ => format!("{} minutes ago", s / 60),
    }
}

/// Go's text for a failed open/rename (`syscall.Errno` strings).
fn errno(e: &FsError) -> &'static str {
    match e {
        FsError::NotFound => "no such file or directory",
        FsError::NotDir => "not a directory",
        FsError::IsDir => "is a directory",
        FsError::Exists => "file exists",
    }
}

fn file_text(st: &SnapshotStatus) -> String {
    format!(
        "{MAGIC}\nhash {}\nrevision {}\ntotal-keys {}\ntotal-size {}\n",
        st.hash, st.revision, st.total_key, st.total_size
    )
}

/// Reads back what `file_text` wrote; `None` if the text is anything else.
fn parse_file(text: &str) -> Option<SnapshotStatus> {
    let mut lines = text.lines();
    if lines.next()? != MAGIC {
        return None;
    }
    // One number parser for all four fields keeps the wasm small.
    let mut field = |name: &str| -> Option<u64> { lines.next()?.strip_prefix(name)?.parse().ok() };
    Some(SnapshotStatus {
        hash: u32::try_from(field("hash ")?).ok()?,
        revision: i64::try_from(field("revision ")?).ok()?,
        total_key: field("total-keys ")?,
        total_size: field("total-size ")?,
    })
}

/// `snapshot save <filename>`.
pub(crate) fn save(ctx: &mut Ctx, g: &Global, f: &Flags, pos: &[String]) -> Run {
    if pos.len() != 1 {
        return exit_err(EXIT_BAD_ARGS, "snapshot save expects one argument").into();
    }
    if g.endpoints.len() != 1 {
        let msg = format!(
            "snapshot must be requested to one selected node, not multiple [{}]",
            g.endpoints.join(" ")
        );
        return exit_err(EXIT_INTERRUPTED, msg).into();
    }
    let Some(mut files) = ctx.files.take() else {
        return exit_err(
            EXIT_ERROR,
            "this command is not available in the simulated cluster",
        )
        .into();
    };
    let run = save_to(ctx, g, f, &mut files, &pos[0]);
    ctx.files = Some(files);
    run
}

fn save_to(ctx: &mut Ctx, g: &Global, f: &Flags, files: &mut Files, path: &str) -> Run {
    let ep = &g.endpoints[0];
    let part = format!("{path}.part");
    let (abs, part_abs) = (
        resolve_path(&files.cwd, HOME, path),
        resolve_path(&files.cwd, HOME, &part),
    );
    let fs = &mut *files.fs;
    if let Err(e) = fs.write(&part_abs, "", false) {
        let msg = format!("could not open {part} (open {part}: {})", errno(&e));
        return exit_err(EXIT_INTERRUPTED, msg).into();
    }
    let start = ctx.backend.now_us();
    let mut res = Res::ok().err(log(
        start,
        false,
        &format!("{SNAP_GO}:65"),
        "created temporary db file",
        &[("path", &part)],
    ));
    let member = resolve(ctx, ep).filter(|&m| ctx.backend.is_running(m));
    let status = member.and_then(|m| ctx.backend.snapshot_status(m));
    let Some(st) = status else {
        // The client retries the connection until the context ends: never, unless
        // --command-timeout was given (then the deferred cleanup removes the .part file).
        if !f.changed("command-timeout") {
            return Run {
                res,
                cont: Some(Cont::Job(Job::Stalled)),
            };
        }
        ctx.backend.advance(g.timeout_us);
        fs.remove(&part_abs);
        return res
            .err("Error: context deadline exceeded")
            .with_status(EXIT_INTERRUPTED)
            .into();
    };
    let mut step = |us: i64| {
        ctx.backend.advance(us);
        ctx.backend.now_us()
    };
    let opened = step(OPEN_US);
    let fetching = step(FIRST_CHUNK_US);
    let size = st.total_size.saturating_add(SHA256_LEN);
    let transfer = i64::try_from(size / BYTES_PER_US).unwrap_or(i64::MAX);
    let completed = step(transfer);
    let fetched = step(FSYNC_US);
    let saved = step(RENAME_US);
    let size_text = human_bytes(size);
    let took = ago(fetched.saturating_sub(start));
    res = res
        .err(log(
            opened,
            true,
            &format!("{MAINT_GO}:212"),
            "opened snapshot stream; downloading",
            &[],
        ))
        .err(log(
            fetching,
            false,
            &format!("{SNAP_GO}:73"),
            "fetching snapshot",
            &[("endpoint", ep)],
        ))
        .err(log(
            completed,
            true,
            &format!("{MAINT_GO}:220"),
            "completed snapshot read; closing",
            &[],
        ))
        .err(log(
            fetched,
            false,
            &format!("{SNAP_GO}:88"),
            "fetched snapshot",
            &[("endpoint", ep), ("size", &size_text), ("took", &took)],
        ));
    // os.Rename refuses to replace a directory (EEXIST); the deferred RemoveAll then
    // deletes the .part file.
    fs.remove(&part_abs);
    let renamed = match path {
        "" => Err(FsError::NotFound),
        _ if fs.is_dir(&abs) => Err(FsError::Exists),
        _ => fs.write(&abs, &file_text(&st), false),
    };
    if let Err(e) = renamed {
        let msg = format!(
            "could not rename {part} to {path} (rename {part} {path}: {})",
            errno(&e)
        );
        return res
            .err(format!("Error: {msg}"))
            .with_status(EXIT_INTERRUPTED)
            .into();
    }
    res.err(log(
        saved,
        false,
        &format!("{SNAP_GO}:97"),
        "saved",
        &[("path", path)],
    ))
    .out(format!("Snapshot saved at {path}"))
    .into()
}

/// What bbolt says when asked to open `path` read-only, for a file that is not one of our
/// snapshots (bbolt 1.3.7 `Open`): an empty file cannot be initialised through a read-only
/// descriptor, a short one has no readable meta page, and a file under two pages is too
/// small to map.
fn bolt_error(path: &str, node: &Node) -> String {
    match node {
        Node::Dir => "invalid database".into(),
        Node::File { content, .. } => match content.len() {
            0 => format!("write {path}: bad file descriptor"),
            1..=4095 => "invalid database".into(),
            4096..=8191 => "file size too small".into(),
            _ => "invalid database".into(),
        },
    }
}

/// `snapshot status <filename>` (deprecated in 3.5: etcdutl does the work).
pub(crate) fn status(ctx: &mut Ctx, g: &Global, _: &Flags, pos: &[String]) -> Run {
    let res = Res::ok()
        .err("Deprecated: Use `etcdutl snapshot status` instead.")
        .err("");
    if pos.len() != 1 {
        let msg = "Error: snapshot status requires exactly one argument";
        return res.err(msg).with_status(EXIT_BAD_ARGS).into();
    }
    let path = &pos[0];
    let read = match &ctx.files {
        Some(files) => {
            let fs = &*files.fs;
            match fs.get(&resolve_path(&files.cwd, HOME, path)) {
                None => Err(format!("stat {path}: no such file or directory")),
                Some(node) => match node {
                    Node::File { content, .. } => parse_file(content),
                    Node::Dir => None,
                }
                .ok_or_else(|| bolt_error(path, node)),
            }
        }
        None => Err("this command is not available in the simulated cluster".into()),
    };
    match read {
        Ok(st) => print_status(res, g.format, &st).into(),
        Err(e) => res
            .err(format!("Error: {e}"))
            .with_status(EXIT_ERROR)
            .into(),
    }
}

/// etcdutl's printers for `snapshot.Status` (3.5: no version field).
fn print_status(res: Res, format: Format, st: &SnapshotStatus) -> Res {
    let row = vec![
        format!("{:x}", st.hash),
        st.revision.to_string(),
        st.total_key.to_string(),
        human_bytes(st.total_size),
    ];
    match format {
        Format::Simple => res.out(row.join(", ")),
        Format::Table => res.into_lines(table(
            &["hash", "revision", "total keys", "total size"],
            &[row],
            true,
        )),
        Format::Json => res.out(
            Obj::new()
                .num("hash", i128::from(st.hash))
                .num("revision", i128::from(st.revision))
                .num("totalKey", i128::from(st.total_key))
                .num("totalSize", i128::from(st.total_size))
                .build(),
        ),
        Format::Fields => res
            .out(format!("\"Hash\" : {}", st.hash))
            .out(format!("\"Revision\" : {}", st.revision))
            .out(format!("\"Keys\" : {}", st.total_key))
            .out(format!("\"Size\" : {}", st.total_size)),
        Format::Protobuf => {
            let e = exit_err(EXIT_BAD_FEATURE, "protobuf not supported as output format");
            let mut res = res;
            res.lines.extend(e.lines);
            res.with_status(e.status)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_text_round_trips() {
        let st = SnapshotStatus {
            hash: 0xdead_beef,
            revision: 42,
            total_key: 19,
            total_size: 24_576,
        };
        assert_eq!(parse_file(&file_text(&st)), Some(st));
        assert_eq!(parse_file("hello\n"), None);
        assert_eq!(parse_file(MAGIC), None);
        assert_eq!(parse_file(&file_text(&st).replace("42", "x")), None);
    }

    #[test]
    fn humanized_ages() {
        assert_eq!(ago(999_999), "now");
        assert_eq!(ago(1_500_000), "1 second ago");
        assert_eq!(ago(59_000_000), "59 seconds ago");
        assert_eq!(ago(61_000_000), "1 minute ago");
        assert_eq!(ago(600_000_000), "10 minutes ago");
    }
}
