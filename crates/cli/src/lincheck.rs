//! `quorum lincheck`: not written yet.

pub fn run(_args: &[String]) -> i32 {
    eprintln!("quorum lincheck: not implemented yet");
    2
}
