//! `quorum etcdctl`: not written yet.

pub fn run(_args: &[String]) -> i32 {
    eprintln!("quorum etcdctl: not implemented yet");
    2
}
