//! Transactions: compares, then the success or failure ops, all in one revision.

use quorum_raft::lite::LiteSet;

use super::store::MvccStore;
use super::types::*;

impl MvccStore {
    pub fn txn(&mut self, req: &TxnRequest) -> Result<TxnResponse, StoreError> {
        let succeeded = req.compare.iter().all(|c| self.compare(c));
        let ops = if succeeded {
            &req.success
        } else {
            &req.failure
        };
        check_duplicates(ops)?;
        // Validate first so a failing op leaves no partial transaction behind.
        for op in ops {
            self.check_op(op)?;
        }
        let mut w = self.write();
        let mut responses = Vec::with_capacity(ops.len());
        for op in ops {
            let r = match op {
                RequestOp::Range(r) => {
                    let current = if w.changes > 0 { w.rev } else { w.rev - 1 };
                    ResponseOp::Range(w.store.range_at(r, current)?)
                }
                RequestOp::Put(p) => ResponseOp::Put(w.put(p)?),
                RequestOp::DeleteRange(d) => ResponseOp::DeleteRange(w.delete_range(d)?),
            };
            responses.push(r);
        }
        let revision = w.finish();
        for r in &mut responses {
            match r {
                ResponseOp::Range(x) => x.revision = revision,
                ResponseOp::Put(x) => x.revision = revision,
                ResponseOp::DeleteRange(x) => x.revision = revision,
            }
        }
        Ok(TxnResponse {
            revision,
            succeeded,
            responses,
        })
    }

    fn check_op(&self, op: &RequestOp) -> Result<(), StoreError> {
        match op {
            RequestOp::Range(r) => {
                let rev = r.revision;
                if rev > 0 && rev < self.compact_revision {
                    return Err(StoreError::Compacted);
                }
                if rev > self.revision {
                    return Err(StoreError::FutureRevision);
                }
                Ok(())
            }
            RequestOp::Put(p) => {
                if p.key.is_empty() {
                    return Err(StoreError::EmptyKey);
                }
                if p.lease != 0 && !p.ignore_lease && !self.leases.contains_key(&p.lease) {
                    return Err(StoreError::LeaseNotFound);
                }
                if (p.ignore_value || p.ignore_lease) && self.latest(&p.key).is_none() {
                    return Err(StoreError::KeyNotFound);
                }
                Ok(())
            }
            RequestOp::DeleteRange(_) => Ok(()),
        }
    }

    /// etcd's compare: a missing key compares as all-zero, except that a value compare on a
    /// missing key is always false (an absent value and an empty one cannot be told apart).
    fn compare(&self, c: &Compare) -> bool {
        let kv = self.latest(&c.key);
        let ord = match (&c.target, kv) {
            (CompareTarget::Value(_), None) => return false,
            (CompareTarget::Value(v), Some(kv)) => kv.value.as_str().cmp(v.as_str()),
            (CompareTarget::Version(v), kv) => kv.map_or(0, |k| k.version).cmp(v),
            (CompareTarget::Create(v), kv) => kv.map_or(0, |k| k.create_revision).cmp(v),
            (CompareTarget::Mod(v), kv) => kv.map_or(0, |k| k.mod_revision).cmp(v),
            (CompareTarget::Lease(v), kv) => kv.map_or(0, |k| k.lease).cmp(v),
        };
        match c.result {
            CompareResult::Equal => ord.is_eq(),
            CompareResult::NotEqual => ord.is_ne(),
            CompareResult::Less => ord.is_lt(),
            CompareResult::Greater => ord.is_gt(),
        }
    }
}

/// etcd refuses a transaction that writes the same key twice (two puts, or a put inside a
/// deleted range).
fn check_duplicates(ops: &[RequestOp]) -> Result<(), StoreError> {
    let mut puts = LiteSet::new();
    for op in ops {
        if let RequestOp::Put(p) = op {
            if !puts.insert(p.key.as_str()) {
                return Err(StoreError::DuplicateKey);
            }
        }
    }
    for op in ops {
        if let RequestOp::DeleteRange(d) = op {
            if puts.iter().any(|k| d.range.contains(&d.key, k)) {
                return Err(StoreError::DuplicateKey);
            }
        }
    }
    Ok(())
}
