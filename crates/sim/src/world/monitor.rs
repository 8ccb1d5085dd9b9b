//! Invariant monitors, run after every event: the five properties of the Raft paper's
//! Figure 3 and the cheap extras (terms and commit never decrease on a running node, one vote
//! per term, applied ≤ committed, in-order apply, no quorum lacks the committed prefix), plus
//! an optional liveness check for calm periods.

use super::config::SimConfig;
use super::hosts::Host;
use super::network::Links;
use crate::lincheck::hash::Fnv64;
use crate::statemachine::StateMachine;
use litemap::LiteMap;
use quorum_raft::lite::LiteSet;
use quorum_raft::{Entry, EntryKind, Membership, Node, NodeId, PersistedState, Role, Term};
use serde::{Deserialize, Serialize};
use std::hash::Hasher;

/// A checked property.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Property {
    ElectionSafety,
    LeaderAppendOnly,
    LogMatching,
    LeaderCompleteness,
    StateMachineSafety,
    TermMonotonic,
    CommitMonotonic,
    OneVotePerTerm,
    AppliedNotAboveCommit,
    InOrderApply,
    QuorumHoldsCommitted,
    /// No leader although the cluster was healthy for `liveness_window_us`.
    Liveness,
    /// The client history is not linearizable (reported by chaos, not per event).
    Linearizability,
}

impl Property {
    pub fn name(self) -> &'static str {
        match self {
            Property::ElectionSafety => "election_safety",
            Property::LeaderAppendOnly => "leader_append_only",
            Property::LogMatching => "log_matching",
            Property::LeaderCompleteness => "leader_completeness",
            Property::StateMachineSafety => "state_machine_safety",
            Property::TermMonotonic => "term_monotonic",
            Property::CommitMonotonic => "commit_monotonic",
            Property::OneVotePerTerm => "one_vote_per_term",
            Property::AppliedNotAboveCommit => "applied_not_above_commit",
            Property::InOrderApply => "in_order_apply",
            Property::QuorumHoldsCommitted => "quorum_holds_committed",
            Property::Liveness => "liveness",
            Property::Linearizability => "linearizability",
        }
    }
}

/// A violated property: which, where, and when (replay to `event` to see it happen).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub property: Property,
    pub nodes: Vec<NodeId>,
    pub event: u64,
    pub time_us: u64,
    pub term: Option<Term>,
    pub index: Option<u64>,
}

/// What the monitor remembers about a running node (reset when it crashes).
#[derive(Clone, Copy, Debug, Default)]
struct Seen {
    term: Term,
    commit: u64,
    /// Highest index this node has put in the global committed record: committed here and
    /// on this node's disk.
    recorded: u64,
    applied: u64,
    /// While leader: (term, last index, term of last index).
    leading: Option<(Term, u64, Term)>,
}

#[derive(Clone, Debug, Default)]
pub struct Monitor {
    /// Terms arrive in (almost always) increasing order, so inserts append.
    leaders: LiteMap<Term, NodeId>,
    votes: LiteMap<(NodeId, Term), NodeId>,
    seen: LiteMap<NodeId, Seen>,
    reported: LiteMap<Property, u32>,
    pub calm_since: Option<u64>,
    pub last_leader_us: u64,
}

/// Reports at most this many violations of one property per run.
const MAX_PER_PROPERTY: u32 = 5;

/// A short fingerprint of an entry (term + payload).
pub fn entry_hash(e: &Entry) -> u64 {
    let mut h = Fnv64::new();
    h.write_u64_le(e.term);
    match &e.kind {
        EntryKind::Noop => h.write(&[0]),
        EntryKind::Normal(d) => {
            h.write(&[1]);
            h.write(d);
        }
        EntryKind::ConfChange(c) => {
            h.write(&[2]);
            h.write(format!("{c:?}").as_bytes());
        }
    }
    h.finish()
}

struct Ctx<'a> {
    out: &'a mut Vec<Violation>,
    reported: &'a mut LiteMap<Property, u32>,
    event: u64,
    now: u64,
}

impl Ctx<'_> {
    fn flag(
        &mut self,
        property: Property,
        nodes: Vec<NodeId>,
        term: Option<Term>,
        index: Option<u64>,
    ) {
        let n = self.reported.entry(property).or_insert(0);
        if *n >= MAX_PER_PROPERTY {
            return;
        }
        *n += 1;
        self.out.push(Violation {
            property,
            nodes,
            event: self.event,
            time_us: self.now,
            term,
            index,
        });
    }
}

impl Monitor {
    pub fn on_crash(&mut self, id: NodeId) {
        self.seen.remove(&id);
    }

    /// Checks everything after an event; returns new violations.
    pub fn check_all<S: StateMachine>(
        &mut self,
        hosts: &LiteMap<NodeId, Host<S>>,
        committed: &mut Vec<(Term, u64)>,
        links: &Links,
        now: u64,
        event: u64,
        cfg: &SimConfig,
    ) -> Vec<Violation> {
        let mut out = Vec::new();
        let mut reported = std::mem::take(&mut self.reported);
        let mut ctx = Ctx {
            out: &mut out,
            reported: &mut reported,
            event,
            now,
        };
        let live: Vec<&Node> = hosts.values().filter_map(|h| h.node.as_ref()).collect();
        for h in hosts.values() {
            if let Some(node) = h.node.as_ref() {
                self.check_node(node, &h.disk, committed, &mut ctx);
            }
        }
        Self::check_log_matching(&live, &mut ctx);
        Self::check_quorum(hosts, &live, committed, &mut ctx);
        self.check_liveness(&live, links, cfg, &mut ctx);
        self.reported = reported;
        out
    }

    fn check_node(
        &mut self,
        node: &Node,
        disk: &PersistedState,
        committed: &mut Vec<(Term, u64)>,
        ctx: &mut Ctx<'_>,
    ) {
        let durable = disk.hard_state;
        let id = node.id();
        let prev = self.seen.get(&id).copied();
        let mut seen = prev.unwrap_or_default();
        let (term, commit) = (node.term(), node.commit());
        if let Some(p) = prev {
            if term < p.term {
                ctx.flag(Property::TermMonotonic, vec![id], Some(term), None);
            }
            if commit < p.commit {
                ctx.flag(Property::CommitMonotonic, vec![id], None, Some(commit));
            }
        }
        // One vote per term, on what is durable: a vote lost with an unfinished disk write was
        // never sent, so voting again after the restart is legitimate.
        if let Some(v) = durable.vote {
            let t = durable.term;
            match self.votes.get(&(id, t)) {
                Some(&old) if old != v => {
                    ctx.flag(Property::OneVotePerTerm, vec![id, old, v], Some(t), None)
                }
                Some(_) => {}
                None => {
                    self.votes.insert((id, t), v);
                }
            }
        }
        if node.applied() > commit {
            ctx.flag(
                Property::AppliedNotAboveCommit,
                vec![id],
                None,
                Some(node.applied()),
            );
        }
        // Entries newly committed here join the global record (or must match it) once they
        // are also on this node's disk. A leader counts its own copy when it appends, before
        // the write ends (etcd does too); until then nothing outside the node has seen the
        // commit (messages and applies wait for the write), and a crash in that window loses
        // an entry that was never committed for anyone else.
        let from = seen.recorded.max(node.first_index().saturating_sub(1));
        for i in from.saturating_add(1)..=commit {
            let Some(e) = node.entry(i) else {
                continue;
            };
            if !disk_holds(disk, i, e.term) {
                break;
            }
            record_committed(
                committed,
                i,
                e.term,
                entry_hash(e),
                id,
                ctx,
                Property::StateMachineSafety,
            );
            seen.recorded = i;
        }
        seen.term = seen.term.max(term);
        seen.commit = seen.commit.max(commit);
        self.check_leader(node, &mut seen, committed, ctx);
        self.seen.insert(id, seen);
    }

    fn check_leader(
        &mut self,
        node: &Node,
        seen: &mut Seen,
        committed: &[(Term, u64)],
        ctx: &mut Ctx<'_>,
    ) {
        let (id, term) = (node.id(), node.term());
        if node.role() != Role::Leader {
            seen.leading = None;
            return;
        }
        self.last_leader_us = ctx.now;
        match self.leaders.get(&term) {
            Some(&other) if other != id => {
                ctx.flag(Property::ElectionSafety, vec![other, id], Some(term), None)
            }
            Some(_) => {}
            None => {
                self.leaders.insert(term, id);
            }
        }
        match seen.leading {
            Some((t, idx, idx_term)) if t == term => {
                let kept = idx < node.first_index() || node.term_at(idx) == Some(idx_term);
                if node.last_index() < idx || !kept {
                    ctx.flag(Property::LeaderAppendOnly, vec![id], Some(term), Some(idx));
                }
            }
            _ => {
                // A new leader: it must hold every entry known to be committed.
                let first = node.first_index();
                for (i, &(t, h)) in committed.iter().enumerate() {
                    let index = i as u64 + 1;
                    if index < first || t == 0 {
                        continue;
                    }
                    let holds = node
                        .entry(index)
                        .is_some_and(|e| e.term == t && entry_hash(e) == h);
                    if !holds {
                        ctx.flag(
                            Property::LeaderCompleteness,
                            vec![id],
                            Some(term),
                            Some(index),
                        );
                        break;
                    }
                }
            }
        }
        seen.leading = Some((term, node.last_index(), node.last_term()));
    }

    /// Log Matching at the tails: where two logs share (index, term) at the shorter one's end,
    /// the entries and their predecessors' terms agree.
    fn check_log_matching(live: &[&Node], ctx: &mut Ctx<'_>) {
        for (a_i, a) in live.iter().enumerate() {
            for b in &live[a_i + 1..] {
                let i = a.last_index().min(b.last_index());
                let (Some(ea), Some(eb)) = (a.entry(i), b.entry(i)) else {
                    continue;
                };
                if ea.term != eb.term {
                    continue;
                }
                let prev_ok = match (a.term_at(i - 1), b.term_at(i - 1)) {
                    (Some(x), Some(y)) => x == y,
                    _ => true,
                };
                if ea != eb || !prev_ok {
                    ctx.flag(
                        Property::LogMatching,
                        vec![a.id(), b.id()],
                        Some(ea.term),
                        Some(i),
                    );
                }
            }
        }
    }

    /// No quorum of the current leader's configuration may lack the last committed entry on
    /// disk (otherwise it could elect a leader without it).
    fn check_quorum<S: StateMachine>(
        hosts: &LiteMap<NodeId, Host<S>>,
        live: &[&Node],
        committed: &[(Term, u64)],
        ctx: &mut Ctx<'_>,
    ) {
        let Some(&(term, _)) = committed.last() else {
            return;
        };
        if term == 0 {
            return;
        }
        let index = committed.len() as u64;
        let Some(leader) = live
            .iter()
            .filter(|n| n.is_leader())
            .max_by_key(|n| n.term())
        else {
            return;
        };
        // A leader of an older term than the committed entry is a deposed one that has not
        // heard yet (cut off, say): its configuration may predate changes committed since,
        // such as the removal of a member, so its quorums say nothing about that entry.
        if leader.term() < term {
            return;
        }
        let m: &Membership = leader.membership();
        for half in [&m.voters, &m.outgoing] {
            if half.is_empty() {
                continue;
            }
            let lacking: Vec<NodeId> = half
                .iter()
                .copied()
                .filter(|id| {
                    !hosts
                        .get(id)
                        .is_some_and(|h| disk_holds(&h.disk, index, term))
                })
                .collect();
            if lacking.len() > half.len() / 2 {
                ctx.flag(
                    Property::QuorumHoldsCommitted,
                    lacking,
                    Some(term),
                    Some(index),
                );
            }
        }
    }

    fn check_liveness(
        &mut self,
        live: &[&Node],
        links: &Links,
        cfg: &SimConfig,
        ctx: &mut Ctx<'_>,
    ) {
        let window = cfg.liveness_window_us;
        if window == 0 || !links.is_healthy() {
            return;
        }
        if live.iter().any(|n| n.is_leader()) {
            self.last_leader_us = ctx.now;
            return;
        }
        let Some(calm) = self.calm_since else { return };
        let since = calm.max(self.last_leader_us);
        if ctx.now.saturating_sub(since) > window {
            let nodes = live.iter().map(|n| n.id()).collect();
            ctx.flag(
                Property::Liveness,
                nodes,
                live.iter().map(|n| n.term()).max(),
                None,
            );
            self.last_leader_us = ctx.now;
        }
    }

    /// Applied entries: in order, and equal to what is committed at that index everywhere.
    pub fn on_apply(
        &mut self,
        id: NodeId,
        entries: &[Entry],
        committed: &mut Vec<(Term, u64)>,
        now: u64,
        event: u64,
        out: &mut Vec<Violation>,
    ) {
        if entries.is_empty() {
            return;
        }
        let mut reported = std::mem::take(&mut self.reported);
        let mut ctx = Ctx {
            out,
            reported: &mut reported,
            event,
            now,
        };
        let seen = self.seen.entry(id).or_default();
        for e in entries {
            if seen.applied != 0 && e.index != seen.applied + 1 {
                ctx.flag(
                    Property::InOrderApply,
                    vec![id],
                    Some(e.term),
                    Some(e.index),
                );
            }
            seen.applied = e.index;
            record_committed(
                committed,
                e.index,
                e.term,
                entry_hash(e),
                id,
                &mut ctx,
                Property::StateMachineSafety,
            );
        }
        self.reported = reported;
    }

    /// After a snapshot restore the next applied index jumps.
    pub fn on_restore(&mut self, id: NodeId, index: u64) {
        self.seen.entry(id).or_default().applied = index;
    }

    /// Distinct terms that had a leader.
    pub fn leader_terms(&self) -> &LiteMap<Term, NodeId> {
        &self.leaders
    }

    pub fn violated(&self) -> LiteSet<Property> {
        self.reported.keys().copied().collect()
    }
}

fn disk_holds(disk: &PersistedState, index: u64, term: Term) -> bool {
    let snap = disk.snapshot.meta.index;
    if index <= snap {
        return true;
    }
    let pos = (index - snap - 1) as usize;
    disk.entries
        .get(pos)
        .is_some_and(|e| e.index == index && e.term == term)
}

fn record_committed(
    committed: &mut Vec<(Term, u64)>,
    index: u64,
    term: Term,
    hash: u64,
    id: NodeId,
    ctx: &mut Ctx<'_>,
    property: Property,
) {
    let Some(pos) = index.checked_sub(1).map(|p| p as usize) else {
        return;
    };
    if pos >= committed.len() {
        // Unknown gaps (e.g. covered by a snapshot) are placeholders with term 0.
        committed.resize(pos, (0, 0));
        committed.push((term, hash));
        return;
    }
    let slot = &mut committed[pos];
    if slot.0 == 0 {
        *slot = (term, hash);
    } else if *slot != (term, hash) {
        ctx.flag(property, vec![id], Some(term), Some(index));
    }
}
