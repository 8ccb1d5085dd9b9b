//! etcdctl 3.5's `-w fields` printer (ctlv3/command/printer_fields.go): one `"Name" : value`
//! line per field, Go's `fmt.Println` spacing, strings quoted with `%q`.

use super::goerr::quote;
use super::Ctx;
use crate::backend::MemberId;
use crate::mvcc::{DeleteRangeResponse, KeyValue, PutResponse, RangeResponse, ResponseOp};
use crate::shell::term::Res;

/// `fmt.Println(`"name" :`, v)`: one space between the operands, even before an empty string.
pub(crate) fn field(r: Res, name: &str, v: impl std::fmt::Display) -> Res {
    r.out(format!("\"{name}\" : {v}"))
}

/// `fmt.Printf("\"name\" : %q\n", v)`.
pub(crate) fn qfield(r: Res, name: &str, v: &str) -> Res {
    field(r, name, quote(v))
}

/// A response header: cluster, member, revision, raft term.
pub(crate) fn hdr(r: Res, cluster: u64, member: u64, revision: i64, term: u64) -> Res {
    let r = field(r, "ClusterID", cluster);
    let r = field(r, "MemberID", member);
    let r = field(r, "Revision", revision);
    field(r, "RaftTerm", term)
}

/// The header member `m` puts on a response at `revision`.
pub(crate) fn header(r: Res, ctx: &Ctx, m: MemberId, revision: i64) -> Res {
    hdr(
        r,
        ctx.backend.cluster_id(),
        m,
        revision,
        ctx.backend.raft_term(m),
    )
}

pub(crate) fn kv(r: Res, pfx: &str, kv: &KeyValue) -> Res {
    let r = qfield(r, &format!("{pfx}Key"), &kv.key);
    let r = field(r, &format!("{pfx}CreateRevision"), kv.create_revision);
    let r = field(r, &format!("{pfx}ModRevision"), kv.mod_revision);
    let r = field(r, &format!("{pfx}Version"), kv.version);
    let r = qfield(r, &format!("{pfx}Value"), &kv.value);
    field(r, &format!("{pfx}Lease"), kv.lease)
}

/// The body of Get after its header.
pub(crate) fn get(r: Res, g: &RangeResponse) -> Res {
    let r = g.kvs.iter().fold(r, |r, x| kv(r, "", x));
    let r = field(r, "More", g.more);
    field(r, "Count", g.count)
}

pub(crate) fn put(r: Res, p: &PutResponse) -> Res {
    match &p.prev_kv {
        Some(x) => kv(r, "Prev", x),
        None => r,
    }
}

pub(crate) fn del(r: Res, d: &DeleteRangeResponse) -> Res {
    let r = field(r, "Deleted", d.deleted);
    d.prev_kvs.iter().fold(r, |r, x| kv(r, "Prev", x))
}

/// Txn: the header, `Succeeded`, then each operation's fields with that operation's own
/// header (only its revision is set: the server leaves the rest of it zero).
pub(crate) fn txn(r: Res, revision: i64, succeeded: bool, ops: &[ResponseOp]) -> Res {
    let r = field(r, "Succeeded", succeeded);
    ops.iter().fold(r, |r, op| {
        let r = hdr(r, 0, 0, revision, 0);
        match op {
            ResponseOp::Put(p) => put(r, p),
            ResponseOp::Range(g) => get(r, g),
            ResponseOp::DeleteRange(d) => del(r, d),
        }
    })
}

/// Go's `fmt.Println` of a `[]string`: `[a b]`.
pub(crate) fn go_slice(items: &[String]) -> String {
    format!("[{}]", items.join(" "))
}
