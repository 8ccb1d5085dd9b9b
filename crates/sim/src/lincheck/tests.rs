use super::parse::{detect, parse_checked, parse_edn, parse_jepsen, Format};
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

/// Parses `text`, which must have no event line the reader skips.
#[track_caller]
fn parse_all(text: &str, format: Format) -> History {
    let parsed = parse_checked(text, format);
    assert!(
        parsed.not_understood.is_empty(),
        "{:?}",
        parsed.not_understood
    );
    parsed.history
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
fn jepsen_lines_may_carry_fields_after_the_value() {
    // Porcupine's newer etcd logs (`test_data/etcd/`) end each line with `:hint N`, and
    // Jepsen's `log-op` prints an error after the value.
    let text = "INFO  jepsen.util - 3 \t:invoke :write \t54 \t:hint 0\n\
        INFO  jepsen.util - 10 \t:invoke :read \tnil \t:hint 0\n\
        INFO  jepsen.util - 3 \t:ok :write \t54 \t:hint 2\n\
        INFO  jepsen.util - 10 \t:ok :read \t54 \t:hint 2\n\
        INFO  jepsen.util - 1\t:invoke\t:cas\t[54 1]\n\
        INFO  jepsen.util - 1\t:info\t:cas\t[54 1]\t:timed-out\n\
        INFO  jepsen.util - 2\t:invoke\t:read\tnil\n\
        INFO  jepsen.util - 2\t:fail\t:read\t:timed-out\t:hint 0\n";
    let h = parse_all(text, Format::Jepsen);
    assert_eq!(h.ops.len(), 4);
    assert_eq!(h.ops[1].output, Output::Read(Some("54".into())));
    assert!(h.ops[2].is_unknown() && h.ops[3].is_unknown());
    assert!(check(&h).is_linearizable());
    // A read that saw a value nobody wrote is still caught through the hints.
    let stale = text.replace("\t:ok :read \t54", "\t:ok :read \t55");
    assert!(!check(&parse_jepsen(&stale)).is_linearizable());
    // Two values are not a value and a field.
    let two = parse_checked(
        "INFO  jepsen.util - 1\t:invoke\t:write\t4 5\n",
        Format::Jepsen,
    );
    assert_eq!(two.not_understood, vec![1]);
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

#[test]
fn independent_keys_split_into_registers() {
    // jepsen.independent tuples as Jepsen's etcd register workload records them.
    let text = "{:type :invoke, :f :write, :value [3 1], :process 0, :time 1}\n\
        {:type :ok, :f :write, :value [3 1], :process 0, :time 2}\n\
        {:type :invoke, :f :cas, :value [3 [1 2]], :process 1, :time 3}\n\
        {:type :ok, :f :cas, :value [3 [1 2]], :process 1, :time 4}\n\
        {:type :invoke, :f :read, :value [4 nil], :process 2, :time 5}\n\
        {:type :ok, :f :read, :value [4 nil], :process 2, :time 6}\n\
        {:type :invoke, :f :read, :value [3 nil], :process 2, :time 7}\n\
        {:type :ok, :f :read, :value [3 2], :process 2, :time 8}";
    let h = parse_all(text, Format::Edn);
    assert_eq!(h.ops.len(), 4);
    assert_eq!(h.ops[1].key, "3");
    assert_eq!(
        h.ops[1].input,
        Input::Cas {
            expect: "1".into(),
            new: "2".into()
        }
    );
    assert!(check(&h).is_linearizable());
    // Key 4 was never written: reading 7 from it cannot be linearized.
    let bad = text.replace(
        ":value [4 nil], :process 2, :time 6",
        ":value [4 7], :process 2, :time 6",
    );
    match check(&parse_edn(&bad)) {
        Verdict::NotLinearizable(w) => assert_eq!(w.key, "4"),
        v => panic!("{v:?}"),
    }
    // The same in the jepsen.util log form.
    let log = "INFO  jepsen.util - 0\t:invoke\t:read\t[5 nil]\n\
        INFO  jepsen.util - 0\t:ok\t:read\t[5 9]\n";
    assert!(!check(&parse_jepsen(log)).is_linearizable());
}

#[test]
fn unreadable_events_are_reported_not_silently_dropped() {
    let text = "[{:type :invoke, :f :write, :value 1, :process 0}\n\
        {:type :ok, :f :write, :value 1, :process 0}\n\
        {:type :info, :f :start, :value nil, :process :nemesis}\n\
        {:type :invoke, :f :txn, :value [[:r 1 nil]], :process 1}\n\
        {:type :invoke, :f :read, :value {:a 1}, :process 2}\n\
        {:type :invoke, :f :read, :value nil, :process 3}\n\
        {:type :ok, :f :read, :value 1, :process 3}]";
    assert_eq!(detect(text), Some(Format::Edn));
    let parsed = parse_checked(text, Format::Edn);
    // The nemesis is not a client; the txn and the map value are not understood.
    assert_eq!(parsed.not_understood, vec![4, 5]);
    assert_eq!(parsed.history.ops.len(), 2);
    assert!(check(&parsed.history).is_linearizable());
    let log = "INFO  jepsen.util - :nemesis\t:info\t:start\tnil\n\
        INFO  jepsen.util - 1\t:invoke\t:add\t3\n\
        INFO  jepsen.util - x\t:ok\t:read\t4\n";
    assert_eq!(
        parse_checked(log, Format::Jepsen).not_understood,
        vec![2, 3]
    );
}

#[test]
fn list_history_keeps_its_first_event() {
    // A history saved as a list: the first event shares its line with the `(`. Dropping it
    // would leave the read of 0 unexplained.
    let text = "({:type :invoke, :f :write, :value 0, :process 0}\n\
        {:type :ok, :f :write, :value 0, :process 0}\n\
        {:type :invoke, :f :read, :value nil, :process 1}\n\
        {:type :ok, :f :read, :value 0, :process 1}\n\
        )";
    let h = parse_all(text, Format::Edn);
    assert_eq!(h.ops.len(), 2);
    assert!(check(&h).is_linearizable());
}

#[test]
fn pretty_printed_maps_spanning_lines_are_read() {
    // Clojure's pretty-printer breaks long maps over lines; comments sit between events and
    // error strings hold brackets, quotes and semicolons of their own.
    let text = "; a comment before the history\n\
        ({:type :invoke, :f :write, :value 1, :process 0, :time 1}\n \
        {:type :ok, :f :write, :value 1, :process 0, :time 2}\n \
        ; value is 1; a write of 2 crashes, a read sees it\n \
        {:type :invoke, :f :write, :value 2, :process 1, :time 3}\n \
        {:type :info,\n  :f :write,\n  :value 2,\n  :process 1,\n  :time 4,\n  :error\n  \
        \"lost contact {:t 18, :r [\\\"no primary; retry\\\"], :n []}\"}\n \
        {:type :invoke, :f :read, :value nil, :process 2, :time 5}\n \
        {:type :ok,\n  :f :read,\n  :value 2,\n  :process 2,\n  :time 6,\n  :error {:nested [1 #{2}]}}\n \
        {:type :invoke, :f :read, :value nil, :process 3, :time 7}\n \
        {:type :ok, :f :read, :value 1, :process 3, :time 8})";
    assert_eq!(detect(text), Some(Format::Edn));
    let h = parse_all(text, Format::Edn);
    assert_eq!(h.ops.len(), 4);
    // Instants are the (0-based) lines events start on, so real-time order is kept.
    assert_eq!((h.ops[2].call, h.ops[2].ret), (12, Some(13)));
    // Once 2 was read, reading 1 again is impossible: the multi-line events were not lost.
    assert!(!check(&h).is_linearizable());
}

#[test]
fn knossos_tuples_are_read() {
    // Older Knossos histories: `[process type f value extra...]`, one per line, no outer
    // vector, the nemesis among them.
    let text = "[0  :invoke :write  1]\n\
        [0  :ok :write  1]\n\
        [:nemesis  :info :start  \"Cut off [:n1 #[:n2]]\"]\n\
        [1  :invoke :cas  [1 2]]\n\
        [2  :invoke :read nil]\n\
        [1  :info :cas  [1 2] :conn-lost]\n\
        [2  :fail :read nil :no-conns]\n\
        [3  :invoke :read nil]\n\
        [3  :ok :read 2]\n";
    assert_eq!(detect(text), Some(Format::Edn));
    let parsed = parse_checked(text, Format::Edn);
    assert!(
        parsed.not_understood.is_empty(),
        "{:?}",
        parsed.not_understood
    );
    assert_eq!(parsed.history.ops.len(), 3);
    assert!(check(&parsed.history).is_linearizable());
    // The same events as a vector of tuples; a read of a value never written fails.
    let bad = format!(
        "[{}]",
        text.trim_end()
            .replace("[3  :ok :read 2]", "[3  :ok :read 5]")
    );
    assert_eq!(detect(&bad), Some(Format::Edn));
    let parsed = parse_checked(&bad, Format::Edn);
    assert!(
        parsed.not_understood.is_empty(),
        "{:?}",
        parsed.not_understood
    );
    assert!(!check(&parsed.history).is_linearizable());
}

#[test]
fn an_unclosed_map_does_not_swallow_the_events_after_it() {
    let text = "{:type :invoke, :f :write, :value 1, :process 0\n\
        {:type :invoke, :f :write, :value 1, :process 1}\n\
        {:type :ok, :f :write, :value 1, :process 1}\n\
        {:type :invoke, :f :read, :value nil, :process 2}\n\
        {:type :ok, :f :read, :value 1, :process 2}";
    let parsed = parse_checked(text, Format::Edn);
    // The broken first line is reported; everything else is read.
    assert_eq!(parsed.not_understood, vec![1]);
    assert_eq!(parsed.history.ops.len(), 2);
    assert!(check(&parsed.history).is_linearizable());
}

#[test]
fn an_answer_no_state_can_give_is_a_refutation_not_unknown() {
    // A write that "returned" what a read returns: refuted before the search takes a step.
    let h = History {
        initial: None,
        ops: vec![
            op(0, w("1"), Output::Ok, 0, Some(1)),
            op(1, w("2"), r(Some("2")), 2, Some(3)),
        ],
    };
    match check(&h) {
        Verdict::NotLinearizable(w) => assert!(w.ops.contains(&1), "{w:?}"),
        v => panic!("{v:?}"),
    }
}
