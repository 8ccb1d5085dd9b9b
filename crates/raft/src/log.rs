//! The in-memory Raft log: a snapshot (the compacted prefix) followed by
//! entries, plus the volatile commit/applied indexes and what is not yet persisted.

use crate::entry::Entry;
use crate::storage::Snapshot;
use crate::types::{Index, Term};

/// Result of offering entries from an AppendEntries.
#[derive(Debug, PartialEq, Eq)]
pub struct AppendOutcome {
    /// Last index known to match the leader after the append.
    pub last_new: Index,
    /// First index of a conflicting suffix that was removed, if any.
    pub truncated_from: Option<Index>,
    /// Terms of the removed entries (for explanations).
    pub removed_terms: Vec<Term>,
}

#[derive(Clone, Debug)]
pub struct RaftLog {
    /// The compacted prefix. Its data is kept so the leader can send it.
    pub snapshot: Snapshot,
    /// Entries `snapshot.meta.index + 1 ..= last_index()`.
    entries: Vec<Entry>,
    pub commit: Index,
    pub applied: Index,
    /// Lowest index changed since the last Ready (entries from here on must be persisted).
    unstable_from: Option<Index>,
    /// Lowest index removed by a conflict since the last Ready.
    truncated_from: Option<Index>,
    /// A snapshot received from the leader, not yet handed to the application.
    pub pending_install: Option<Snapshot>,
    /// A snapshot created by `compact`, not yet handed to the application.
    pub pending_compacted: Option<Snapshot>,
}

impl RaftLog {
    /// Restores from persisted parts. Entries not contiguous after the snapshot
    /// are dropped (corrupt input must not panic).
    pub fn new(snapshot: Snapshot, entries: Vec<Entry>) -> RaftLog {
        let mut kept = Vec::with_capacity(entries.len());
        let mut expect = snapshot.meta.index.saturating_add(1);
        let mut last_term = snapshot.meta.term;
        for e in entries {
            if e.index != expect || e.term < last_term {
                break;
            }
            last_term = e.term;
            expect = expect.saturating_add(1);
            kept.push(e);
        }
        let base = snapshot.meta.index;
        RaftLog {
            snapshot,
            entries: kept,
            commit: base,
            applied: base,
            unstable_from: None,
            truncated_from: None,
            pending_install: None,
            pending_compacted: None,
        }
    }

    pub fn snapshot_index(&self) -> Index {
        self.snapshot.meta.index
    }

    pub fn first_index(&self) -> Index {
        self.snapshot_index().saturating_add(1)
    }

    pub fn last_index(&self) -> Index {
        self.entries
            .last()
            .map_or(self.snapshot_index(), |e| e.index)
    }

    pub fn last_term(&self) -> Term {
        self.entries
            .last()
            .map_or(self.snapshot.meta.term, |e| e.term)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Term of the entry at `i`, if it is known (the snapshot's last entry included).
    pub fn term(&self, i: Index) -> Option<Term> {
        if i == self.snapshot_index() {
            return Some(self.snapshot.meta.term);
        }
        self.entry(i).map(|e| e.term)
    }

    pub fn entry(&self, i: Index) -> Option<&Entry> {
        let off = i.checked_sub(self.first_index())?;
        self.entries.get(usize::try_from(off).ok()?)
    }

    pub fn match_term(&self, i: Index, t: Term) -> bool {
        self.term(i) == Some(t)
    }

    /// §5.4.1: is a log ending at (`last_index`, `last_term`) at least as up to date as mine?
    pub fn is_up_to_date(&self, last_index: Index, last_term: Term) -> bool {
        last_term > self.last_term()
            || (last_term == self.last_term() && last_index >= self.last_index())
    }

    /// Entries `lo..=hi`, at most `max` of them (empty if out of range).
    pub fn slice(&self, lo: Index, hi: Index, max: usize) -> Vec<Entry> {
        if lo < self.first_index() || lo > hi {
            return Vec::new();
        }
        let hi = hi.min(self.last_index());
        let from = usize::try_from(lo - self.first_index()).unwrap_or(usize::MAX);
        let to = usize::try_from(hi.saturating_sub(self.first_index())).unwrap_or(0);
        if from > to || from >= self.entries.len() {
            return Vec::new();
        }
        self.entries[from..=to.min(self.entries.len() - 1)]
            .iter()
            .take(max)
            .cloned()
            .collect()
    }

    /// First index of the run of entries with term `term` that ends at or
    /// before `upto` (fast-backtracking hint on a follower).
    pub fn first_index_of_term_at(&self, upto: Index) -> (Term, Index) {
        let Some(term) = self.term(upto) else {
            return (0, self.last_index().saturating_add(1));
        };
        let mut i = upto;
        while i > self.first_index() && self.term(i - 1) == Some(term) {
            i -= 1;
        }
        (term, i)
    }

    /// Last index whose term is `term`, if any (leader side of fast backtracking).
    pub fn last_index_of_term(&self, term: Term) -> Option<Index> {
        if let Some(e) = self.entries.iter().rev().find(|e| e.term == term) {
            return Some(e.index);
        }
        (self.snapshot.meta.term == term && self.snapshot_index() > 0)
            .then_some(self.snapshot_index())
    }

    /// Leader append of a new entry.
    pub fn append_one(&mut self, entry: Entry) {
        self.mark_unstable(entry.index);
        self.entries.push(entry);
    }

    /// Follower side of AppendEntries after the consistency check passed:
    /// skips entries already present, truncates at the first conflict (never
    /// below commit), appends the rest (§5.3 rules 3 and 4).
    pub fn append_from_leader(&mut self, prev_index: Index, entries: &[Entry]) -> AppendOutcome {
        let last_new = prev_index.saturating_add(entries.len() as u64);
        let mut out = AppendOutcome {
            last_new,
            truncated_from: None,
            removed_terms: Vec::new(),
        };
        let conflict = entries
            .iter()
            .position(|e| !self.match_term(e.index, e.term));
        let Some(pos) = conflict else {
            return out;
        };
        let first_new = entries[pos].index;
        if first_new <= self.last_index() {
            if first_new <= self.commit {
                // Never happens with a correct leader: committed entries are
                // final. Only the matching prefix is acknowledged.
                out.last_new = prev_index;
                return out;
            }
            out.removed_terms = self.truncate_from(first_new);
            out.truncated_from = Some(first_new);
        }
        for e in &entries[pos..] {
            self.append_one(e.clone());
        }
        out
    }

    fn truncate_from(&mut self, from: Index) -> Vec<Term> {
        let keep = usize::try_from(from.saturating_sub(self.first_index())).unwrap_or(usize::MAX);
        let removed: Vec<Term> = self.entries.iter().skip(keep).map(|e| e.term).collect();
        self.entries.truncate(keep);
        self.truncated_from = Some(self.truncated_from.map_or(from, |t| t.min(from)));
        self.mark_unstable(from);
        removed
    }

    fn mark_unstable(&mut self, from: Index) {
        self.unstable_from = Some(self.unstable_from.map_or(from, |u| u.min(from)));
    }

    /// Raises commit (never lowers it, never past the last index).
    pub fn commit_to(&mut self, to: Index) -> bool {
        let to = to.min(self.last_index());
        if to > self.commit {
            self.commit = to;
            true
        } else {
            false
        }
    }

    /// Replaces the whole log with a leader's snapshot (§7). The caller handles
    /// the case where the log already contains the snapshot's last entry.
    pub fn install(&mut self, snap: Snapshot) {
        let idx = snap.meta.index;
        self.entries.clear();
        self.unstable_from = None;
        self.truncated_from = None;
        self.commit = self.commit.max(idx);
        self.applied = self.applied.max(idx);
        self.snapshot = snap.clone();
        self.pending_install = Some(snap);
        self.pending_compacted = None;
    }

    /// Discards entries up to `index` (≤ applied), remembering them as a snapshot.
    pub fn compact(&mut self, snap: Snapshot) {
        let idx = snap.meta.index;
        let drop = usize::try_from(idx.saturating_sub(self.snapshot_index())).unwrap_or(usize::MAX);
        self.entries.drain(..drop.min(self.entries.len()));
        self.snapshot = snap.clone();
        self.pending_compacted = Some(snap);
        if let Some(u) = self.unstable_from {
            self.unstable_from = Some(u.max(idx.saturating_add(1)));
        }
    }

    pub fn has_unstable(&self) -> bool {
        self.unstable_from.is_some() || self.truncated_from.is_some()
    }

    /// Entries to persist since the last call, and where a truncation started.
    pub fn take_unstable(&mut self) -> (Vec<Entry>, Option<Index>) {
        let from = self.unstable_from.take();
        let trunc = self.truncated_from.take();
        let entries = match from {
            Some(f) => self.slice(f.max(self.first_index()), self.last_index(), usize::MAX),
            None => Vec::new(),
        };
        (entries, trunc)
    }

    /// Committed entries not yet handed out; marks them applied.
    pub fn take_committed(&mut self) -> Vec<Entry> {
        if self.commit <= self.applied {
            return Vec::new();
        }
        let out = self.slice(self.applied.saturating_add(1), self.commit, usize::MAX);
        self.applied = self.commit;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::EntryKind;

    fn log(terms: &[Term]) -> RaftLog {
        let entries = terms
            .iter()
            .enumerate()
            .map(|(i, &t)| Entry::new(i as u64 + 1, t, EntryKind::Noop))
            .collect();
        RaftLog::new(Snapshot::default(), entries)
    }

    #[test]
    fn terms_and_hints() {
        let l = log(&[1, 1, 2, 2, 2, 3]);
        assert_eq!(l.term(0), Some(0));
        assert_eq!(l.term(7), None);
        assert_eq!(l.first_index_of_term_at(5), (2, 3));
        assert_eq!(l.first_index_of_term_at(9), (0, 7));
        assert_eq!(l.last_index_of_term(2), Some(5));
        assert_eq!(l.last_index_of_term(4), None);
        assert_eq!(l.slice(2, 4, 10).len(), 3);
        assert_eq!(l.slice(2, 40, 2).len(), 2);
        assert!(l.slice(0, 4, 10).is_empty());
    }

    #[test]
    fn corrupt_persisted_log_is_cut_at_the_first_gap() {
        let entries = vec![
            Entry::new(1, 1, EntryKind::Noop),
            Entry::new(3, 1, EntryKind::Noop),
        ];
        let l = RaftLog::new(Snapshot::default(), entries);
        assert_eq!(l.last_index(), 1);
    }
}
