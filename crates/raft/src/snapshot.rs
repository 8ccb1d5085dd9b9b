//! Snapshots: log compaction by the application, InstallSnapshot (§7).

use crate::explain::Explain;
use crate::messages::MessageBody;
use crate::node::{CompactError, Node, Role};
use crate::progress::ProgressState;
use crate::storage::{Snapshot, SnapshotData, SnapshotMeta};
use crate::types::{Index, NodeId};

impl Node {
    pub(crate) fn compact_log(
        &mut self,
        index: Index,
        data: SnapshotData,
    ) -> Result<(), CompactError> {
        let applied = self.log.applied;
        let first_index = self.log.first_index();
        let err = if index > applied {
            Some(CompactError::NotApplied { index, applied })
        } else if index < first_index {
            Some(CompactError::AlreadyCompacted { index, first_index })
        } else {
            None
        };
        if let Some(e) = err {
            self.explain(Explain::CompactRejected {
                index,
                applied,
                first_index,
            });
            return Err(e);
        }
        let term = self.log.term(index).unwrap_or(0);
        let (membership, _) = self.membership_at(index);
        let snap = Snapshot {
            meta: SnapshotMeta {
                index,
                term,
                membership,
            },
            data,
        };
        self.log.compact(snap);
        self.explain(Explain::SnapshotCreated { index, term });
        Ok(())
    }

    /// Leader: the follower needs entries we compacted; send the snapshot.
    pub(crate) fn send_snapshot(&mut self, to: NodeId) -> bool {
        let snap = self.log.snapshot.clone();
        let (index, term) = (snap.meta.index, snap.meta.term);
        let now = self.now;
        let Some(pr) = self.progress.get_mut(&to) else {
            return false;
        };
        let old = pr.state;
        pr.become_snapshot(index);
        pr.snapshot_sent_us = now;
        if old != ProgressState::Snapshot {
            self.explain(Explain::ProgressStateChanged {
                peer: to,
                from: old,
                to: ProgressState::Snapshot,
            });
        }
        self.explain(Explain::SnapshotSent { to, index, term });
        self.send(to, MessageBody::InstallSnapshot { snapshot: snap });
        true
    }

    /// Follower: InstallSnapshot from the leader of the current term.
    pub(crate) fn handle_snapshot(&mut self, from: NodeId, snap: Snapshot) {
        let (index, term) = (snap.meta.index, snap.meta.term);
        let commit = self.log.commit;
        if index <= commit {
            self.explain(Explain::SnapshotRejected {
                from,
                index,
                commit,
            });
        } else if self.log.match_term(index, term) {
            // We already have the snapshot's last entry: it is committed, keep the log.
            self.follower_commit(from, index);
        } else {
            self.log.install(snap);
            self.membership = self.log.snapshot.meta.membership.clone();
            self.membership_index = index;
            self.explain(Explain::SnapshotInstalled { from, index, term });
            self.explain(Explain::ConfChangeApplied {
                index,
                membership: self.membership.clone(),
            });
        }
        let (index, last_index) = (self.log.commit, self.log.last_index());
        self.send(
            from,
            MessageBody::AppendResp {
                success: true,
                index,
                conflict_term: 0,
                conflict_index: 0,
                last_index,
            },
        );
    }

    pub(crate) fn on_snapshot_report(&mut self, to: NodeId, ok: bool) {
        if self.role != Role::Leader {
            return;
        }
        let Some(pr) = self.progress.get_mut(&to) else {
            return;
        };
        if pr.state != ProgressState::Snapshot {
            return;
        }
        if !ok {
            pr.pending_snapshot = 0;
        }
        pr.become_probe();
        // Wait for the follower's answer (or a heartbeat) before probing (etcd).
        pr.probe_sent = true;
        self.explain(Explain::SnapshotReported { peer: to, ok });
        self.explain(Explain::ProgressStateChanged {
            peer: to,
            from: ProgressState::Snapshot,
            to: ProgressState::Probe,
        });
    }
}
