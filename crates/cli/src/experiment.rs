//! `quorum experiment`: not written yet.

pub fn run(_args: &[String]) -> i32 {
    eprintln!("quorum experiment: not implemented yet");
    2
}
