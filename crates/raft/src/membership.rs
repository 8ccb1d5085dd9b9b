//! Applying configuration changes to a running node. The configuration in
//! effect is the latest one in the log, committed or not (thesis §4.1), so it
//! survives restarts (the commit index does not) and is undone by truncation.

use crate::confchange::{ConfChange, Membership};
use crate::entry::{Entry, EntryKind};
use crate::explain::{Explain, ProposeError};
use crate::node::{Node, Role};
use crate::progress::Progress;
use crate::types::Index;

impl Node {
    /// Configuration as of `index`: the snapshot's, then every valid change up to it.
    pub(crate) fn membership_at(&self, index: Index) -> (Membership, Index) {
        let mut m = self.log.snapshot.meta.membership.clone();
        let mut at = self.log.snapshot_index();
        for e in self.log.entries().iter().take_while(|e| e.index <= index) {
            if let EntryKind::ConfChange(cc) = &e.kind {
                // An invalid change is a no-op everywhere (the leader never proposes one).
                if let Ok(next) = m.apply(cc) {
                    m = next;
                    at = e.index;
                }
            }
        }
        (m, at)
    }

    /// Recomputes the configuration after the log changed.
    pub(crate) fn recompute_membership(&mut self) {
        let (m, at) = self.membership_at(self.log.last_index());
        if m == self.membership && at == self.membership_index {
            return;
        }
        self.membership = m.clone();
        self.membership_index = at;
        self.explain(Explain::ConfChangeApplied {
            index: at,
            membership: m,
        });
        if self.role == Role::Leader {
            self.sync_progress();
            self.check_transfer_target();
        }
    }

    /// Leader: track exactly the members of the new configuration.
    fn sync_progress(&mut self) {
        let members = self.membership.all_nodes();
        self.progress
            .retain(|id, _| members.contains(id) || *id == self.id);
        let next = self.log.last_index().saturating_add(1);
        for id in members {
            self.progress.entry(id).or_insert_with(|| {
                // As in etcd: a new member counts as recently active, or the next
                // check-quorum round could depose the leader before it can answer.
                let mut p = Progress::new(next);
                p.recent_active = true;
                p
            });
        }
    }

    pub(crate) fn propose_membership(&mut self, change: ConfChange) -> Result<Index, ProposeError> {
        let res = self.check_conf_change(&change);
        if let Err(error) = res {
            self.explain(Explain::ProposalRejected { error });
            return Err(error);
        }
        let index = self.log.last_index().saturating_add(1);
        self.explain(Explain::ConfChangeProposed {
            index,
            change: change.clone(),
        });
        self.append_leader_entry(Entry::new(index, self.term, EntryKind::ConfChange(change)));
        self.broadcast_append();
        Ok(index)
    }

    fn check_conf_change(&self, change: &ConfChange) -> Result<(), ProposeError> {
        self.check_can_propose()?;
        if !self.committed_in_term() {
            return Err(ProposeError::LeaderNotReady);
        }
        if self.membership_index > self.log.commit {
            return Err(ProposeError::ConfChangePending {
                index: self.membership_index,
            });
        }
        self.membership
            .apply(change)
            .map(|_| ())
            .map_err(ProposeError::InvalidConfChange)
    }

    pub(crate) fn propose_leave_joint(&mut self) {
        let index = self.log.last_index().saturating_add(1);
        self.explain(Explain::LeaveJointProposed { index });
        self.append_leader_entry(Entry::new(
            index,
            self.term,
            EntryKind::ConfChange(ConfChange::LeaveJoint),
        ));
        self.broadcast_append();
    }

    /// Explains each configuration change among newly committed entries.
    pub(crate) fn explain_committed_conf_changes(&mut self, old_commit: Index) {
        let commit = self.log.commit;
        let idx: Vec<Index> = self
            .log
            .entries()
            .iter()
            .filter(|e| e.index > old_commit && e.index <= commit && e.is_conf_change())
            .map(|e| e.index)
            .collect();
        for index in idx {
            self.explain(Explain::ConfChangeCommitted { index });
        }
    }
}
