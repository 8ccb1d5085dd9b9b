//! Forged messages for the fuzzers: every kind of body, with stale, extreme and plausible
//! numbers. `robustness.rs` throws them at one node; `fuzz_sequences.rs` mixes them into
//! a chaotic network.

use proptest::prelude::*;
use quorum_raft::*;

/// Small numbers (where indexes and terms meet), the extremes, and anything.
pub fn num() -> impl Strategy<Value = u64> {
    prop_oneof![0..6u64, Just(u64::MAX), Just(u64::MAX - 1), any::<u64>()]
}

pub fn entry() -> impl Strategy<Value = Entry> {
    (
        num(),
        num(),
        prop_oneof![Just(EntryKind::Noop), Just(EntryKind::Normal(vec![1]))],
    )
        .prop_map(|(i, t, k)| Entry::new(i, t, k))
}

/// Every kind of message body, with garbage and plausible fields alike.
pub fn body() -> impl Strategy<Value = MessageBody> {
    prop_oneof![
        (num(), num()).prop_map(|(last_index, last_term)| MessageBody::PreVote {
            last_index,
            last_term
        }),
        any::<bool>().prop_map(|granted| MessageBody::PreVoteResp { granted }),
        (num(), num(), any::<bool>()).prop_map(|(last_index, last_term, transfer)| {
            MessageBody::RequestVote {
                last_index,
                last_term,
                transfer,
            }
        }),
        any::<bool>().prop_map(|granted| MessageBody::RequestVoteResp { granted }),
        (num(), num(), prop::collection::vec(entry(), 0..4), num()).prop_map(
            |(prev_index, prev_term, entries, commit)| MessageBody::AppendEntries {
                prev_index,
                prev_term,
                entries,
                commit
            }
        ),
        (num(), num(), any::<bool>(), num()).prop_map(|(prev_index, prev_term, _, commit)| {
            // A well-formed batch after an arbitrary prefix.
            let entries = (1..3)
                .filter_map(|k| prev_index.checked_add(k))
                .map(|i| Entry::new(i, prev_term, EntryKind::Noop))
                .collect();
            MessageBody::AppendEntries {
                prev_index,
                prev_term,
                entries,
                commit,
            }
        }),
        (any::<bool>(), num(), num(), num(), num()).prop_map(
            |(success, index, conflict_term, conflict_index, last_index)| {
                MessageBody::AppendResp {
                    success,
                    index,
                    conflict_term,
                    conflict_index,
                    last_index,
                }
            }
        ),
        (num(), num()).prop_map(|(commit, seq)| MessageBody::Heartbeat { commit, seq }),
        num().prop_map(|seq| MessageBody::HeartbeatResp { seq }),
        (num(), num()).prop_map(|(index, term)| MessageBody::InstallSnapshot {
            snapshot: Snapshot {
                meta: SnapshotMeta {
                    index,
                    term,
                    membership: Membership::with_voters([1, 2, 3])
                },
                data: Default::default()
            }
        }),
        Just(MessageBody::TimeoutNow),
        num().prop_map(|ctx| MessageBody::ReadIndex { ctx }),
        (num(), proptest::option::of(num()))
            .prop_map(|(ctx, index)| MessageBody::ReadIndexResp { ctx, index }),
    ]
}

/// A message from one of `from` to one of `to`, of any kind, with any term.
pub fn message(
    from: impl Strategy<Value = NodeId>,
    to: impl Strategy<Value = NodeId>,
) -> impl Strategy<Value = Message> {
    (from, to, prop_oneof![0..4u64, num()], body()).prop_map(|(from, to, term, body)| Message {
        from,
        to,
        term,
        body,
    })
}
