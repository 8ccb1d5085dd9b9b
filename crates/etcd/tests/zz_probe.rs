mod common;
use common::*;
#[test]
fn probe() {
    let input = std::fs::read_to_string("/tmp/probe/in.txt").unwrap();
    let mut t = term();
    let s = run(&mut t, &input);
    std::fs::write("/tmp/probe/out.txt", s).unwrap();
}
