//! The single event queue. Order: time, then class (user actions after the simulation's own
//! events of the same instant), then insertion sequence. Fully deterministic.

use quorum_raft::NodeId;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// What happens at an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvKind {
    /// A message in flight arrives (or is found lost).
    Deliver(u64),
    /// A node's timer (`next_deadline`) may be due.
    Timer { node: NodeId, incarnation: u32 },
    /// A node's oldest pending disk write completes.
    DiskDone { node: NodeId, incarnation: u32 },
    /// A client wakes up (think time over, or retry).
    ClientWake { client: usize, token: u64 },
    /// A client gives up on an operation.
    ClientTimeout { client: usize, op: u64 },
    /// The i-th timed user action.
    Action(usize),
}

impl EvKind {
    /// A small code for the trace hash.
    pub fn code(&self) -> (u8, u64, u64) {
        match *self {
            EvKind::Deliver(id) => (1, id, 0),
            EvKind::Timer { node, incarnation } => (2, node, u64::from(incarnation)),
            EvKind::DiskDone { node, incarnation } => (3, node, u64::from(incarnation)),
            EvKind::ClientWake { client, token } => (4, client as u64, token),
            EvKind::ClientTimeout { client, op } => (5, client as u64, op),
            EvKind::Action(i) => (6, i as u64, 0),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ev {
    pub time: u64,
    pub class: u8,
    pub seq: u64,
    pub kind: EvKind,
}

impl Ord for Ev {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap and we want the earliest first.
        (other.time, other.class, other.seq).cmp(&(self.time, self.class, self.seq))
    }
}

impl PartialOrd for Ev {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Clone, Debug, Default)]
pub struct Queue {
    heap: BinaryHeap<Ev>,
    seq: u64,
}

impl Queue {
    pub fn push(&mut self, time: u64, kind: EvKind) {
        self.push_class(time, 0, kind);
    }

    pub fn push_class(&mut self, time: u64, class: u8, kind: EvKind) {
        self.seq += 1;
        self.heap.push(Ev {
            time,
            class,
            seq: self.seq,
            kind,
        });
    }

    pub fn peek_time(&self) -> Option<u64> {
        self.heap.peek().map(|e| e.time)
    }

    pub fn pop(&mut self) -> Option<Ev> {
        self.heap.pop()
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}
