//! User actions: what the page's buttons (and the chaos nemesis) do to the world.

use super::clients::ClientOp;
use super::config::{TimedAction, UserAction};
use super::{SimError, World};
use crate::statemachine::StateMachine;
use quorum_raft::{ConfChange, ConfChangeStep, NodeId};

impl<S: StateMachine + Default> World<S> {
    /// Performs `action` now. If the world is in the past (after a seek), the old future is
    /// discarded first (fork). Returns why the action was refused, if it was; refused actions
    /// are still recorded (replaying them refuses them again).
    pub fn apply(&mut self, action: UserAction) -> Result<(), SimError> {
        self.fork();
        self.actions_recorded += 1;
        let idx = self.actions.len();
        self.actions.push(TimedAction {
            at_us: self.st.now,
            action,
        });
        // Run every event of this instant that precedes it, then the action itself.
        while self.st.actions_done <= idx {
            if !self.step() {
                break;
            }
        }
        match self.st.last_action_error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    pub(crate) fn run_action(&mut self, idx: usize) -> bool {
        let Some(a) = self.actions.get(idx).map(|a| a.action.clone()) else {
            return false;
        };
        let result = self.perform(a);
        self.st.last_action_error = result.err();
        true
    }

    pub(crate) fn perform(&mut self, action: UserAction) -> Result<(), SimError> {
        let now = self.st.now;
        match action {
            UserAction::StopNode { node } => self.crash(node),
            UserAction::RestartNode { node } => self.restart(node),
            UserAction::StopLeader => {
                let leader = self.leader().ok_or(SimError::NoLeader)?;
                self.crash(leader)
            }
            UserAction::IsolateLeader => {
                let leader = self.leader().ok_or(SimError::NoLeader)?;
                let rest = self
                    .st
                    .hosts
                    .keys()
                    .copied()
                    .filter(|&n| n != leader)
                    .collect();
                self.st.links.partition(&[vec![leader], rest]);
                self.update_calm();
                Ok(())
            }
            UserAction::ForceTimeout { node } => {
                self.node_mut(node)
                    .ok_or(SimError::UnknownNode { node })?
                    .campaign(now);
                self.drive(node);
                Ok(())
            }
            UserAction::ClientWrite { node, key, value } => {
                self.known(node)?;
                self.user_request(node, ClientOp::Put { key, value });
                Ok(())
            }
            UserAction::ClientAppend { node, key, value } => {
                self.known(node)?;
                self.user_request(node, ClientOp::Append { key, value });
                Ok(())
            }
            UserAction::ClientRead { node, key } => {
                self.known(node)?;
                self.user_request(node, ClientOp::Read { key });
                Ok(())
            }
            UserAction::TransferLeadership { to } => {
                let leader = self.leader().ok_or(SimError::NoLeader)?;
                let r = self
                    .node_mut(leader)
                    .map(|n| n.transfer_leadership(to, now));
                self.drive(leader);
                match r {
                    Some(Err(reason)) => Err(SimError::TransferRefused { reason }),
                    _ => Ok(()),
                }
            }
            // The server starts only once the leader accepted the change, so a refused
            // proposal leaves no stray server behind.
            UserAction::AddNode { node } => {
                self.can_add_host(node)?;
                self.propose_change(ConfChangeStep::AddVoter(node))?;
                self.add_host(node)
            }
            UserAction::AddLearner { node } => {
                self.can_add_host(node)?;
                self.propose_change(ConfChangeStep::AddLearner(node))?;
                self.add_host(node)
            }
            UserAction::PromoteLearner { node } => {
                self.propose_change(ConfChangeStep::PromoteLearner(node))
            }
            UserAction::RemoveNode { node } => self.propose_change(ConfChangeStep::Remove(node)),
            UserAction::Partition { groups } => {
                self.st.links.partition(&groups);
                self.update_calm();
                Ok(())
            }
            UserAction::CutLink { from, to } => {
                self.st.links.cuts.insert((from, to));
                self.update_calm();
                Ok(())
            }
            UserAction::RestoreLink { from, to } => {
                self.st.links.cuts.remove(&(from, to));
                self.update_calm();
                Ok(())
            }
            UserAction::Heal => {
                self.st.links.heal();
                self.update_calm();
                Ok(())
            }
            UserAction::SetNetwork { net } => {
                if net.latency_max_us < net.latency_min_us {
                    return Err(SimError::InvalidLatency);
                }
                self.st.net = net;
                Ok(())
            }
            UserAction::SetDiskLatency { us } => {
                self.st.disk_write_us = us;
                Ok(())
            }
            UserAction::DropMessage { id } => {
                let f = self
                    .st
                    .flight
                    .get_mut(id)
                    .ok_or(SimError::UnknownMessage { id })?;
                f.dropped = true;
                Ok(())
            }
            UserAction::Compact { node } => {
                self.known(node)?;
                self.compact_now(node);
                Ok(())
            }
            UserAction::Propose { node, data, track } => {
                self.perform_propose(node, Ok(data), track);
                Ok(())
            }
            UserAction::ProposeConfChange { node, step } => {
                self.perform_propose(node, Err(step), true);
                Ok(())
            }
            UserAction::ReadIndex { node } => {
                self.perform_read_index(node);
                Ok(())
            }
            UserAction::TransferFrom { node, to } => {
                self.perform_transfer(node, to);
                Ok(())
            }
            UserAction::StartNode { node } => self.perform_start(node),
        }
    }

    fn known(&self, node: NodeId) -> Result<(), SimError> {
        if self.st.hosts.contains_key(&node) {
            Ok(())
        } else {
            Err(SimError::UnknownNode { node })
        }
    }

    /// The running leader with the highest term, if any.
    pub fn leader(&self) -> Option<NodeId> {
        self.st
            .hosts
            .values()
            .filter_map(|h| h.node.as_ref())
            .filter(|n| n.is_leader())
            .max_by_key(|n| n.term())
            .map(|n| n.id())
    }

    fn propose_change(&mut self, step: ConfChangeStep) -> Result<(), SimError> {
        let now = self.st.now;
        let leader = self.leader().ok_or(SimError::NoLeader)?;
        let r = self
            .node_mut(leader)
            .map(|n| n.propose_conf_change(ConfChange::Simple(step), now));
        self.drive(leader);
        match r {
            Some(Err(reason)) => Err(SimError::ProposalRefused { reason }),
            _ => Ok(()),
        }
    }
}
