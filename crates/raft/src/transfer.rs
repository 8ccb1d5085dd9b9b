//! Leadership transfer (thesis §3.10): catch the target up, then TimeoutNow.

use crate::explain::{Explain, TransferAbortReason};
use crate::messages::MessageBody;
use crate::node::{Node, Role, Transfer, TransferError};
use crate::types::NodeId;

impl Node {
    pub(crate) fn start_transfer(&mut self, to: NodeId) -> Result<(), TransferError> {
        if self.role != Role::Leader {
            return Err(TransferError::NotLeader {
                leader: self.leader,
            });
        }
        if to == self.id {
            // etcd: a transfer back to the leader itself cancels a pending one
            // (and is otherwise a no-op).
            let Some(t) = self.transfer.take() else {
                return Err(TransferError::ToSelf);
            };
            self.explain(Explain::TransferAborted {
                to: t.to,
                reason: TransferAbortReason::Superseded,
            });
            return Ok(());
        }
        if !self.membership.is_voter(to) || !self.progress.contains_key(&to) {
            self.explain(Explain::TransferIgnored {
                to,
                reason: TransferAbortReason::NotAVoter,
            });
            return Err(TransferError::NotAVoter { node: to });
        }
        if let Some(t) = self.transfer {
            if t.to == to {
                return Err(TransferError::AlreadyTransferring { to });
            }
            self.explain(Explain::TransferAborted {
                to: t.to,
                reason: TransferAbortReason::Superseded,
            });
        }
        // Abandon the transfer if it has not completed in one election timeout.
        let deadline_us = self.now.saturating_add(self.cfg.election_timeout_min_us);
        self.transfer = Some(Transfer { to, deadline_us });
        let target_match = self.progress.get(&to).map_or(0, |p| p.matched);
        let last_index = self.log.last_index();
        self.explain(Explain::TransferStarted {
            to,
            term: self.term,
            target_match,
            last_index,
        });
        if target_match == last_index {
            self.send_timeout_now(to);
        } else {
            self.send_append(to, true);
        }
        Ok(())
    }

    /// Once the transfer target has caught up, tell it to campaign.
    pub(crate) fn maybe_send_timeout_now(&mut self, peer: NodeId) {
        let Some(t) = self.transfer else { return };
        let caught_up = self
            .progress
            .get(&peer)
            .is_some_and(|p| p.matched == self.log.last_index());
        if t.to == peer && caught_up {
            self.send_timeout_now(peer);
        }
    }

    fn send_timeout_now(&mut self, to: NodeId) {
        self.explain(Explain::TimeoutNowSent { to });
        self.send(to, MessageBody::TimeoutNow);
    }

    /// Called when the configuration changes: a removed target ends the transfer.
    pub(crate) fn check_transfer_target(&mut self) {
        if let Some(t) = self.transfer {
            if !self.membership.is_voter(t.to) {
                self.transfer = None;
                self.explain(Explain::TransferAborted {
                    to: t.to,
                    reason: TransferAbortReason::TargetRemoved,
                });
            }
        }
    }
}
