//! Runs the `quorum lincheck` binary: verdict lines and exit codes.

use std::process::Command;

fn quorum(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quorum"))
        // English whatever the machine's locale (tests/lang.rs covers Korean).
        .env("LC_ALL", "C")
        .args(args)
        .output()
        .expect("run quorum");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn hist(name: &str) -> String {
    format!(
        "{}/../../../shared/reference/histories/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn linearizable_files_exit_zero() {
    let (a, b) = (hist("kv/c01-ok.txt"), hist("jepsen-etcd/etcd_002.log"));
    let (code, out, _) = quorum(&["lincheck", &a, &b]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, format!("{a}: linearizable\n{b}: linearizable\n"));
}

#[test]
fn a_bad_file_exits_one() {
    let (a, b) = (hist("kv/c01-ok.txt"), hist("kv/c10-bad.txt"));
    let (code, out, _) = quorum(&["lincheck", "--format", "edn", &a, &b]);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("{b}: not linearizable")), "{out}");
    let (code, out, _) = quorum(&["lincheck", "--witness", &hist("jepsen-etcd/etcd_000.log")]);
    assert_eq!(code, 1);
    assert!(out.lines().count() > 1, "witness lines expected: {out}");
}

#[test]
fn bad_usage_exits_two() {
    let (code, _, err) = quorum(&["lincheck", "/nonexistent/history.log"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
    assert_eq!(quorum(&["lincheck"]).0, 2);
    assert_eq!(
        quorum(&["lincheck", "--format", "xml", &hist("kv/c01-ok.txt")]).0,
        2
    );
    let junk = std::env::temp_dir().join("quorum-lincheck-junk.txt");
    std::fs::write(&junk, "hello\nworld\n").expect("write temp");
    assert_eq!(quorum(&["lincheck", junk.to_str().expect("utf8")]).0, 2);
}

#[test]
fn skipped_events_are_warned_about() {
    let dir = std::env::temp_dir();
    let partly = dir.join("quorum-lincheck-partly.edn");
    std::fs::write(
        &partly,
        "{:type :invoke, :f :write, :value [1 5], :process 0}\n\
         {:type :ok, :f :write, :value [1 5], :process 0}\n\
         {:type :invoke, :f :txn, :value [[:r 1 nil]], :process 1}\n",
    )
    .expect("write temp");
    let (code, out, err) = quorum(&["lincheck", partly.to_str().expect("utf8")]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.ends_with(": linearizable\n"), "{out}");
    assert!(
        err.contains("1 event line(s) not understood") && err.contains("line 3"),
        "{err}"
    );
    let nothing = dir.join("quorum-lincheck-nothing.edn");
    std::fs::write(&nothing, "{:type :invoke, :f :add, :value 1, :process 0}\n")
        .expect("write temp");
    let (code, _, err) = quorum(&["lincheck", nothing.to_str().expect("utf8")]);
    assert_eq!(code, 2);
    assert!(err.contains("no operation understood"), "{err}");
}

/// A Knossos-style history whose first read sees 0: linearizable only from an initial 0.
#[test]
fn initial_value_and_json() {
    let file = std::env::temp_dir().join("quorum-lincheck-initial.edn");
    std::fs::write(
        &file,
        "{:process 0, :type :invoke, :f :read, :value nil}\n\
         {:process 0, :type :ok, :f :read, :value 0}\n\
         {:process 1, :type :invoke, :f :cas, :value [0 2]}\n\
         {:process 1, :type :ok, :f :cas, :value [0 2]}\n",
    )
    .expect("write temp");
    let path = file.to_str().expect("utf8");
    assert_eq!(quorum(&["lincheck", path]).0, 1, "nil by default");
    let (code, out, _) = quorum(&["lincheck", "--initial", "0", path]);
    assert_eq!((code, out), (0, format!("{path}: linearizable\n")));

    let (code, out, _) = quorum(&["lincheck", "--json", path]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(v["linearizable"], false);
    let f = &v["files"][0];
    assert_eq!(
        (f["file"].as_str(), f["verdict"].as_str()),
        (Some(path), Some("not_linearizable"))
    );
    assert_eq!(
        (f["ops"].as_u64(), f["not_understood"].as_u64()),
        (Some(2), Some(0))
    );
    assert!(
        !f["witness"]["ops"]
            .as_array()
            .expect("witness ops")
            .is_empty(),
        "{out}"
    );

    let (code, out, _) = quorum(&["lincheck", "--json", "--initial", "0", path]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(
        (
            v["linearizable"].as_bool(),
            v["files"][0]["witness"].is_null()
        ),
        (Some(true), true)
    );
}

/// `--knossos`: a read of nil before the first write and a failed no-op cas are fine the way
/// Knossos reads them, violations by default.
#[test]
fn knossos_reading() {
    let file = std::env::temp_dir().join("quorum-lincheck-knossos.edn");
    std::fs::write(
        &file,
        "{:process 0, :type :invoke, :f :read, :value nil}\n\
         {:process 0, :type :ok, :f :read, :value nil}\n\
         {:process 1, :type :invoke, :f :cas, :value [0 0]}\n\
         {:process 1, :type :fail, :f :cas, :value [0 0]}\n\
         {:process 2, :type :invoke, :f :read, :value nil}\n\
         {:process 2, :type :ok, :f :read, :value 0}\n",
    )
    .expect("write temp");
    let path = file.to_str().expect("utf8");
    assert_eq!(quorum(&["lincheck", "--initial", "0", path]).0, 1);
    let (code, out, _) = quorum(&["lincheck", "--initial", "0", "--knossos", path]);
    assert_eq!((code, out), (0, format!("{path}: linearizable\n")));
}
