//! etcdctl 3.3's `printResponseKey` (ctlv2/command/format.go): the global `-o/--output`
//! format `simple`, `extended` or `json` for get, set, mk, update, rm and rmdir.

use super::print::jstr;
use crate::shell::term::Res;
use crate::v2::{V2Node, V2Response};

/// Wall-clock time of simulated time 0 (2018-07-24T00:00:00Z, the week etcd 3.3.9 shipped):
/// the simulation has no calendar, but a v2 node's `expiration` is a date.
const SIM_EPOCH_UNIX_S: i64 = 1_532_390_400;

/// Seconds left, rounded up, as the v2 store's `expirationAndTTL` computes them.
pub(crate) fn remaining_ttl(n: &V2Node, now_us: i64) -> i64 {
    match n.expiration_us {
        Some(e) => e.saturating_sub(now_us).max(0).saturating_add(999_999) / 1_000_000,
        None => 0,
    }
}

/// Go's `time.Time` in RFC 3339 with nanoseconds, trailing zeros dropped (JSON form).
pub(crate) fn rfc3339(us: i64) -> String {
    let secs = SIM_EPOCH_UNIX_S.saturating_add(us.div_euclid(1_000_000));
    let frac = us.rem_euclid(1_000_000);
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = quorum_sim::units::civil_from_days(days);
    let mut s = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        sod / 3600,
        sod / 60 % 60,
        sod % 60
    );
    if frac > 0 {
        let f = format!("{:09}", frac * 1000);
        s.push('.');
        s.push_str(f.trim_end_matches('0'));
    }
    s.push('Z');
    s
}

/// The v2 client's `Node` marshalled by encoding/json: `dir`, `expiration` and `ttl` are
/// `omitempty`; `nodes` is always there (`null`: printResponseKey never shows a directory's
/// children).
fn node_json(n: &V2Node, now_us: i64) -> String {
    let mut o = format!("{{\"key\":{}", jstr(&n.key));
    if n.dir {
        o.push_str(",\"dir\":true");
    }
    o.push_str(&format!(
        ",\"value\":{},\"nodes\":null,\"createdIndex\":{},\"modifiedIndex\":{}",
        jstr(&n.value),
        n.created_index,
        n.modified_index
    ));
    if let Some(e) = n.expiration_us {
        o.push_str(&format!(",\"expiration\":{}", jstr(&rfc3339(e))));
        let ttl = remaining_ttl(n, now_us);
        if ttl != 0 {
            o.push_str(&format!(",\"ttl\":{ttl}"));
        }
    }
    o.push('}');
    o
}

fn value_lines(mut r: Res, v: &str) -> Res {
    for l in v.split('\n') {
        r = r.out(l.to_string());
    }
    r
}

/// `printResponseKey(resp, format)`. An unknown format is reported on stderr and the
/// command still succeeds, as in etcdctl 3.3.
pub(crate) fn response(r: &V2Response, format: &str, now_us: i64) -> Res {
    let delete = r.action == "delete";
    let prev_value = r.prev_node.as_ref().map_or("", |p| p.value.as_str());
    match format {
        "simple" if delete => Res::ok().out(format!("PrevNode.Value: {prev_value}")),
        "simple" => value_lines(Res::ok(), &r.node.value),
        "extended" => {
            let mut res = Res::ok()
                .out(format!("Key: {}", r.node.key))
                .out(format!("Created-Index: {}", r.node.created_index))
                .out(format!("Modified-Index: {}", r.node.modified_index));
            if r.prev_node.is_some() {
                res = res.out(format!("PrevNode.Value: {prev_value}"));
            }
            res = res
                .out(format!("TTL: {}", remaining_ttl(&r.node, now_us)))
                .out(format!("Index: {}", r.index));
            if delete {
                res
            } else {
                value_lines(res.out(""), &r.node.value)
            }
        }
        "json" => Res::ok().out(format!(
            "{{\"action\":{},\"node\":{},\"prevNode\":{}}}",
            jstr(&r.action),
            node_json(&r.node, now_us),
            r.prev_node
                .as_ref()
                .map_or("null".into(), |p| node_json(p, now_us))
        )),
        other => Res::ok().err(format!("Unsupported output format: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_matches_go() {
        assert_eq!(rfc3339(0), "2018-07-24T00:00:00Z");
        assert_eq!(rfc3339(65_123_450), "2018-07-24T00:01:05.12345Z");
        assert_eq!(rfc3339(200 * 86_400_000_000), "2019-02-09T00:00:00Z");
    }

    #[test]
    fn ttl_rounds_up() {
        let n = V2Node {
            key: "/a".into(),
            dir: false,
            value: "1".into(),
            created_index: 1,
            modified_index: 1,
            ttl: 5,
            expiration_us: Some(5_000_000),
        };
        assert_eq!(remaining_ttl(&n, 0), 5);
        assert_eq!(remaining_ttl(&n, 1), 5);
        assert_eq!(remaining_ttl(&n, 1_000_000), 4);
        assert_eq!(remaining_ttl(&n, 4_999_999), 1);
    }
}
