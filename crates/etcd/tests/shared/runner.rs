//! The transcript runner both helper modules use: feed terminal lines, render what the
//! terminal shows. Each backend brings its own `@directives`.

use quorum_etcd::{EtcdBackend, Output, Shell, Stream};

/// Runs input lines and renders the transcript: each input after its prompt, stdout lines
/// as they are, stderr lines prefixed with `2> `, a non-zero exit status as `[exit N]`.
/// `^C` is Ctrl-C; a line starting with `@` goes to `directive` (which may print notes).
pub fn run_with<B: EtcdBackend>(
    t: &mut Shell<B>,
    input: &str,
    mut directive: impl FnMut(&mut Shell<B>, &str, &mut String) -> Output,
) -> String {
    let mut s = String::new();
    for line in input.lines() {
        let out = if let Some(d) = line.strip_prefix('@') {
            directive(t, d, &mut s)
        } else if line == "^C" {
            t.interrupt()
        } else {
            s.push_str(&format!("{}{line}\n", t.prompt()));
            t.input(line)
        };
        for l in &out.lines {
            match l.stream {
                Stream::Stdout => s.push_str(&format!("{}\n", l.text)),
                Stream::Stderr => s.push_str(&format!("2> {}\n", l.text)),
            }
        }
        if out.status != 0 && !t.busy() {
            s.push_str(&format!("[exit {}]\n", out.status));
        }
    }
    s
}

/// Compares a transcript with what is expected, showing both on failure.
#[track_caller]
pub fn assert_transcript(got: &str, expected: &str) {
    let want = expected.strip_prefix('\n').unwrap_or(expected);
    assert_eq!(got, want, "\n--- got ---\n{got}--- want ---\n{want}");
}
