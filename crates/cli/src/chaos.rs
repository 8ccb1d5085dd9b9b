//! `quorum chaos`: not written yet.

pub fn run(_args: &[String]) -> i32 {
    eprintln!("quorum chaos: not implemented yet");
    2
}
