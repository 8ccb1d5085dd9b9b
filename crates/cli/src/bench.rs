//! `quorum bench`: not written yet.

pub fn run(_args: &[String]) -> i32 {
    eprintln!("quorum bench: not implemented yet");
    2
}
