use super::parse::{detect, parse_edn, parse_jepsen, Format};
use super::*;

fn op(client: u64, input: Input, output: Output, call: u64, ret: Option<u64>) -> Operation {
    Operation {
        client,
        key: String::new(),
        input,
        output,
        call,
        ret,
    }
}

fn w(v: &str) -> Input {
    Input::Write(v.to_string())
}

fn r(v: Option<&str>) -> Output {
    Output::Read(v.map(str::to_string))
}

#[test]
fn sequential_history_is_linearizable() {
    let h = History {
        initial: None,
        ops: vec![
            op(0, w("1"), Output::Ok, 0, Some(1)),
            op(1, Input::Read, r(Some("1")), 2, Some(3)),
        ],
    };
    assert_eq!(check(&h), Verdict::Linearizable);
}

#[test]
fn stale_read_is_not_linearizable_and_witness_is_small() {
    let h = History {
        initial: None,
        ops: vec![
            op(0, w("1"), Output::Ok, 0, Some(1)),
            op(2, Input::Read, r(Some("1")), 0, Some(9)), // concurrent, harmless
            op(0, w("2"), Output::Ok, 2, Some(3)),
            op(1, Input::Read, r(Some("1")), 4, Some(5)), // stale
            op(1, Input::Read, r(Some("2")), 6, Some(7)),
        ],
    };
    match check(&h) {
        Verdict::NotLinearizable(wit) => assert_eq!(wit.ops, vec![0, 2, 3]),
        other => panic!("expected a violation, got {other:?}"),
    }
}

#[test]
fn unknown_write_may_take_effect_late_or_never() {
    // The write of 2 timed out; reads see 1, then 2, then 2: fine (took effect late).
    let late = History {
        initial: None,
        ops: vec![
            op(0, w("1"), Output::Ok, 0, Some(1)),
            op(1, w("2"), Output::Unknown, 2, None),
            op(2, Input::Read, r(Some("1")), 5, Some(6)),
            op(2, Input::Read, r(Some("2")), 7, Some(8)),
        ],
    };
    assert!(check(&late).is_linearizable());
    // Never took effect: also fine.
    let never = History {
        initial: None,
        ops: vec![
            op(0, w("1"), Output::Ok, 0, Some(1)),
            op(1, w("2"), Output::Unknown, 2, Some(3)),
            op(2, Input::Read, r(Some("1")), 5, Some(6)),
        ],
    };
    assert!(check(&never).is_linearizable());
    // But it cannot take effect before it was invoked.
    let early = History {
        initial: None,
        ops: vec![
            op(2, Input::Read, r(Some("2")), 0, Some(1)),
            op(1, w("2"), Output::Unknown, 2, None),
        ],
    };
    assert!(!check(&early).is_linearizable());
}

#[test]
fn budget_exhaustion_gives_unknown() {
    let mut ops = Vec::new();
    for i in 0..30u64 {
        ops.push(op(i, w(&i.to_string()), Output::Ok, 0, Some(100)));
    }
    ops.push(op(99, Input::Read, r(Some("zzz")), 101, Some(102)));
    let h = History { initial: None, ops };
    assert_eq!(check_with(&h, &mut Budget::steps(100)), Verdict::Unknown);
}

#[test]
fn kv_is_checked_per_key() {
    let text = r#"{:process 0, :type :invoke, :f :put, :key "a", :value "x"}
{:process 0, :type :ok, :f :put, :key "a", :value "x"}
{:process 1, :type :invoke, :f :append, :key "b", :value "y"}
{:process 1, :type :ok, :f :append, :key "b", :value "y"}
{:process 2, :type :invoke, :f :get, :key "b", :value nil}
{:process 2, :type :ok, :f :get, :key "b", :value "y"}
{:process 2, :type :invoke, :f :get, :key "c", :value nil}
{:process 2, :type :ok, :f :get, :key "c", :value ""}"#;
    assert_eq!(detect(text), Some(Format::Edn));
    let h = parse_edn(text);
    assert_eq!(h.ops.len(), 4);
    assert!(check(&h).is_linearizable());
    let bad = text.replace(
        r#":value "y"}
{:process 2, :type :invoke, :f :get, :key "c""#,
        r#":value "yy"}
{:process 2, :type :invoke, :f :get, :key "c""#,
    );
    match check(&parse_edn(&bad)) {
        Verdict::NotLinearizable(w) => assert_eq!(w.key, "b"),
        v => panic!("{v:?}"),
    }
}

#[test]
fn jepsen_parser_handles_all_forms_and_garbage() {
    let text = "garbage\nINFO  jepsen.util - 3\t:invoke\t:read\tnil\n\
        INFO  jepsen.util - 1   :invoke :cas    [4 0]\n\
        INFO  jepsen.util - 3\t:fail\t:read\t:timed-out\n\
        INFO  jepsen.util - 1\t:fail\t:cas\t[4 0]\n\
        INFO  jepsen.util - 2\t:invoke\t:write\t4\n\
        INFO  jepsen.util - 2\t:info\t:write\t:timed-out\n\
        INFO  jepsen.util - x\t:ok\t:read\t4\n\
        INFO  jepsen.util -\n\
        INFO  jepsen.util - 99999999999999999999999 :ok :read 1\n";
    assert_eq!(detect(text), Some(Format::Jepsen));
    let h = parse_jepsen(text);
    assert_eq!(h.ops.len(), 3);
    assert_eq!(h.ops[1].output, Output::Cas(false));
    assert!(h.ops[2].is_unknown());
    assert!(check(&h).is_linearizable());
}

#[test]
fn parsers_never_panic_on_odd_input() {
    let odd = [
        "",
        "{",
        "}",
        "{:process",
        "{:process 1, :type",
        "{:process \"",
        "{:process 1 :value [1 [2]]}",
        "{:a \"\\",
        "INFO jepsen.util",
        "jepsen.util - 1 :ok",
        "jepsen.util - 1 :ok :cas [",
        "{:process 1, :type :ok, :f :cas, :value [1 2 3]}",
        "\u{feff}{é}",
        "{:x {:y 1}}",
    ];
    for line in odd {
        let _ = parse_edn(line);
        let _ = parse_jepsen(line);
        let _ = detect(line);
    }
}
