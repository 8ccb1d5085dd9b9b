//! Membership (configuration) and changes to it: one server at a time
//! (thesis §4.1) and joint consensus (§4.3 / paper §6), plus learners.

use crate::lite::LiteSet;
use crate::types::NodeId;
use serde::{Deserialize, Serialize};

/// One elementary change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfChangeStep {
    /// Add a voter (or promote a learner to voter).
    AddVoter(NodeId),
    /// Add a learner (or demote a voter to learner).
    AddLearner(NodeId),
    /// Remove a node entirely.
    Remove(NodeId),
    /// Promote an existing learner to voter (fails if it is not a learner).
    PromoteLearner(NodeId),
}

impl ConfChangeStep {
    pub fn node(&self) -> NodeId {
        match *self {
            ConfChangeStep::AddVoter(id)
            | ConfChangeStep::AddLearner(id)
            | ConfChangeStep::Remove(id)
            | ConfChangeStep::PromoteLearner(id) => id,
        }
    }
}

/// A membership change as proposed and stored in the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfChange {
    /// One step that changes the voter set by at most one server.
    Simple(ConfChangeStep),
    /// Enter a joint configuration C_old,new with any number of steps. With
    /// `auto_leave`, the leader proposes `LeaveJoint` once this entry commits.
    EnterJoint {
        steps: Vec<ConfChangeStep>,
        auto_leave: bool,
    },
    /// Leave the joint configuration: C_new alone.
    LeaveJoint,
}

/// The configuration: who votes, who only learns, and (when joint) the old voters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// Voters of the (incoming) configuration.
    pub voters: LiteSet<NodeId>,
    /// Voters of the outgoing configuration; non-empty only while joint.
    pub outgoing: LiteSet<NodeId>,
    /// Non-voting members.
    pub learners: LiteSet<NodeId>,
    /// Outgoing voters that become learners when the joint configuration is left
    /// (a node cannot be a voter and a learner at once).
    pub learners_next: LiteSet<NodeId>,
    /// Whether the leader should leave the joint configuration by itself.
    pub auto_leave: bool,
}

/// Why a configuration change cannot be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum ConfChangeError {
    AlreadyJoint,
    NotJoint,
    /// A simple change would alter more than one voter; use joint consensus.
    MoreThanOneVoterChanged,
    /// The change leaves no voter.
    NoVotersLeft,
    InvalidNodeId,
    NotALearner {
        node: NodeId,
    },
    NotAMember {
        node: NodeId,
    },
    /// Joint steps must not be empty.
    EmptyChange,
}

impl Membership {
    /// A plain configuration of voters.
    pub fn with_voters(voters: impl IntoIterator<Item = NodeId>) -> Membership {
        Membership {
            voters: voters.into_iter().collect(),
            ..Membership::default()
        }
    }

    pub fn is_joint(&self) -> bool {
        !self.outgoing.is_empty()
    }

    /// Voter in either half of the (possibly joint) configuration.
    pub fn is_voter(&self, id: NodeId) -> bool {
        self.voters.contains(&id) || self.outgoing.contains(&id)
    }

    pub fn is_learner(&self, id: NodeId) -> bool {
        self.learners.contains(&id) || self.learners_next.contains(&id)
    }

    pub fn contains(&self, id: NodeId) -> bool {
        self.is_voter(id) || self.is_learner(id)
    }

    /// Every member (voters of both halves and learners), sorted.
    pub fn all_nodes(&self) -> LiteSet<NodeId> {
        let mut all = self.voters.clone();
        all.extend(self.outgoing.iter().copied());
        all.extend(self.learners.iter().copied());
        all.extend(self.learners_next.iter().copied());
        all
    }

    pub fn is_empty(&self) -> bool {
        self.all_nodes().is_empty()
    }

    /// The configuration after `change`, or why it is invalid.
    pub fn apply(&self, change: &ConfChange) -> Result<Membership, ConfChangeError> {
        match change {
            ConfChange::Simple(step) => self.apply_simple(*step),
            ConfChange::EnterJoint { steps, auto_leave } => self.enter_joint(steps, *auto_leave),
            ConfChange::LeaveJoint => self.leave_joint(),
        }
    }

    fn apply_simple(&self, step: ConfChangeStep) -> Result<Membership, ConfChangeError> {
        if self.is_joint() {
            return Err(ConfChangeError::AlreadyJoint);
        }
        let mut next = self.clone();
        next.apply_step(step, false)?;
        // Symmetric difference of voter sets must be at most one node (§4.1).
        if self.voters.count_differences(&next.voters) > 1 {
            return Err(ConfChangeError::MoreThanOneVoterChanged);
        }
        next.check_voters()?;
        Ok(next)
    }

    fn enter_joint(
        &self,
        steps: &[ConfChangeStep],
        auto_leave: bool,
    ) -> Result<Membership, ConfChangeError> {
        if self.is_joint() {
            return Err(ConfChangeError::AlreadyJoint);
        }
        if steps.is_empty() {
            return Err(ConfChangeError::EmptyChange);
        }
        let mut next = self.clone();
        next.outgoing = self.voters.clone();
        for step in steps {
            next.apply_step(*step, true)?;
        }
        next.auto_leave = auto_leave;
        next.check_voters()?;
        Ok(next)
    }

    fn leave_joint(&self) -> Result<Membership, ConfChangeError> {
        if !self.is_joint() {
            return Err(ConfChangeError::NotJoint);
        }
        let mut next = self.clone();
        next.outgoing.clear();
        let demoted = std::mem::take(&mut next.learners_next);
        next.learners.extend(demoted);
        next.auto_leave = false;
        Ok(next)
    }

    /// Applies one step to the incoming half. While joint, a voter of the outgoing
    /// half that becomes a learner goes to `learners_next` (it still votes there).
    fn apply_step(&mut self, step: ConfChangeStep, joint: bool) -> Result<(), ConfChangeError> {
        let id = step.node();
        if id == 0 {
            return Err(ConfChangeError::InvalidNodeId);
        }
        match step {
            ConfChangeStep::AddVoter(_) => {
                self.learners.remove(&id);
                self.learners_next.remove(&id);
                self.voters.insert(id);
            }
            ConfChangeStep::PromoteLearner(_) => {
                if !self.learners.contains(&id) {
                    return Err(ConfChangeError::NotALearner { node: id });
                }
                self.learners.remove(&id);
                self.voters.insert(id);
            }
            ConfChangeStep::AddLearner(_) => {
                self.voters.remove(&id);
                if joint && self.outgoing.contains(&id) {
                    self.learners_next.insert(id);
                } else {
                    self.learners.insert(id);
                }
            }
            ConfChangeStep::Remove(_) => {
                if !self.contains(id) {
                    return Err(ConfChangeError::NotAMember { node: id });
                }
                self.voters.remove(&id);
                self.learners.remove(&id);
                self.learners_next.remove(&id);
            }
        }
        Ok(())
    }

    fn check_voters(&self) -> Result<(), ConfChangeError> {
        if self.voters.is_empty() {
            return Err(ConfChangeError::NoVotersLeft);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConfChangeStep::*;

    #[test]
    fn simple_changes_one_voter_at_a_time() {
        let m = Membership::with_voters([1, 2, 3]);
        let m4 = m.apply(&ConfChange::Simple(AddVoter(4))).unwrap();
        assert_eq!(m4.voters, [1, 2, 3, 4].into());
        let l = m.apply(&ConfChange::Simple(AddLearner(5))).unwrap();
        assert!(l.is_learner(5) && !l.is_voter(5));
        let p = l.apply(&ConfChange::Simple(PromoteLearner(5))).unwrap();
        assert!(p.is_voter(5) && !p.is_learner(5));
        assert_eq!(
            m.apply(&ConfChange::Simple(PromoteLearner(2))),
            Err(ConfChangeError::NotALearner { node: 2 })
        );
        let one = Membership::with_voters([1]);
        assert_eq!(
            one.apply(&ConfChange::Simple(Remove(1))),
            Err(ConfChangeError::NoVotersLeft)
        );
    }

    #[test]
    fn joint_consensus_enter_and_leave() {
        let m = Membership::with_voters([1, 2, 3]);
        let steps = vec![AddVoter(4), Remove(1), AddLearner(2)];
        let j = m
            .apply(&ConfChange::EnterJoint {
                steps,
                auto_leave: true,
            })
            .unwrap();
        assert!(j.is_joint());
        assert_eq!(j.outgoing, [1, 2, 3].into());
        assert_eq!(j.voters, [3, 4].into());
        assert_eq!(j.learners_next, [2].into());
        assert_eq!(
            j.apply(&ConfChange::Simple(AddVoter(9))),
            Err(ConfChangeError::AlreadyJoint)
        );
        let n = j.apply(&ConfChange::LeaveJoint).unwrap();
        assert!(!n.is_joint());
        assert_eq!(n.voters, [3, 4].into());
        assert_eq!(n.learners, [2].into());
        assert_eq!(
            n.apply(&ConfChange::LeaveJoint),
            Err(ConfChangeError::NotJoint)
        );
    }
}
