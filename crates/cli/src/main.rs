//! `quorum`: a thin native shell over the Quorum crates.

fn main() {
    eprintln!("quorum: no commands yet");
    std::process::exit(2);
}
