//! Clients: issue operations against a node, follow "not leader" hints, retry failed reads,
//! give up after a timeout (outcome unknown), and record every invocation and completion.
//!
//! A write whose entry was overwritten at its index (the proposer lost leadership) is known not
//! to have happened and is proposed again; an operation that times out is recorded as unknown,
//! and the client continues under a new process id (as Jepsen does).

use super::network::{chance, uniform};
use super::queue::EvKind;
use super::World;
use crate::lincheck::{Completion, History, HistoryBuilder, Input, Output};
use crate::statemachine::{KvCommand, KvStore, StateMachine};
use quorum_raft::{NodeId, ProposeError};
use serde::{Deserialize, Serialize};

/// What a client asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum ClientOp {
    Read { key: String },
    Put { key: String, value: String },
    Append { key: String, value: String },
}

impl ClientOp {
    fn key(&self) -> &str {
        match self {
            ClientOp::Read { key } | ClientOp::Put { key, .. } | ClientOp::Append { key, .. } => {
                key
            }
        }
    }

    fn input(&self) -> Input {
        match self {
            ClientOp::Read { .. } => Input::Read,
            ClientOp::Put { value, .. } => Input::Write(value.clone()),
            ClientOp::Append { value, .. } => Input::Append(value.clone()),
        }
    }
}

/// How an operation ended, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum OpOutcome {
    /// A write or append took effect.
    Written,
    /// A read returned this value (`None`: the key is absent).
    Read { value: Option<String> },
    /// Gave up, and it certainly did not take effect (never accepted by any node, or a read).
    Failed,
    /// Timed out: it may or may not have taken effect.
    Unknown,
}

/// One line of the client history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum HistEvent {
    Invoke {
        op: u64,
        process: u64,
        client: usize,
        node: NodeId,
        request: ClientOp,
        time_us: u64,
    },
    Complete {
        op: u64,
        process: u64,
        outcome: OpOutcome,
        time_us: u64,
        /// The world's event count when the answer came (what the page jumps to).
        event: u64,
    },
}

/// The operation a client is waiting on.
#[derive(Clone, Debug)]
pub struct Pending {
    pub op: u64,
    pub request: ClientOp,
    /// Some node accepted the write into its log at least once (so it may take effect).
    pub proposed: bool,
}

#[derive(Clone, Debug)]
pub struct Client {
    pub id: usize,
    /// History process id (changes after an unknown outcome).
    pub process: u64,
    /// Automatic workload client (issues operations forever) or a one-shot user request.
    pub auto: bool,
    pub target: NodeId,
    pub pending: Option<Pending>,
    pub wake_token: u64,
    pub counter: u64,
}

/// Builds the checker's history: instants are positions in the event log, so real-time
/// order is exact.
pub fn build_history(events: &[HistEvent]) -> History {
    let mut b = HistoryBuilder::new(None);
    for (at, e) in events.iter().enumerate() {
        match e {
            HistEvent::Invoke {
                process, request, ..
            } => b.invoke(
                *process,
                request.key().to_string(),
                request.input(),
                at as u64,
            ),
            HistEvent::Complete {
                process, outcome, ..
            } => {
                let c = match outcome {
                    OpOutcome::Written => Completion::Ok(Output::Ok),
                    OpOutcome::Read { value } => Completion::Ok(Output::Read(value.clone())),
                    OpOutcome::Failed => Completion::Failed,
                    OpOutcome::Unknown => Completion::Unknown,
                };
                b.complete(*process, c, at as u64);
            }
        }
    }
    b.finish()
}

impl<S: StateMachine + Default> World<S> {
    pub(crate) fn start_clients(&mut self) {
        for _ in 0..self.config.clients.clients {
            let id = self.new_client(true, 1);
            let wait = self.think();
            self.wake_client(id, wait);
        }
    }

    fn new_client(&mut self, auto: bool, target: NodeId) -> usize {
        let id = self.st.clients.len();
        let process = self.st.next_process;
        self.st.next_process += 1;
        self.st.clients.push(Client {
            id,
            process,
            auto,
            target,
            pending: None,
            wake_token: 0,
            counter: 0,
        });
        id
    }

    fn think(&mut self) -> u64 {
        let c = &self.config.clients;
        uniform(
            &mut self.st.rng,
            c.think_min_us,
            c.think_max_us.max(c.think_min_us),
        )
    }

    fn wake_client(&mut self, client: usize, after: u64) {
        let at = self.st.now.saturating_add(after);
        let Some(c) = self.st.clients.get_mut(client) else {
            return;
        };
        c.wake_token += 1;
        let token = c.wake_token;
        self.st.queue.push(at, EvKind::ClientWake { client, token });
    }

    /// A user request through `node` (one-shot client).
    pub(crate) fn user_request(&mut self, node: NodeId, request: ClientOp) {
        let id = self.new_client(false, node);
        self.issue(id, request);
    }

    fn next_auto_request(&mut self, client: usize) -> ClientOp {
        let cc = self.config.clients.clone();
        let key = format!(
            "k{}",
            uniform(&mut self.st.rng, 0, u64::from(cc.keys.max(1)) - 1)
        );
        if chance(&mut self.st.rng, cc.read_ppm) {
            return ClientOp::Read { key };
        }
        let c = &mut self.st.clients[client];
        c.counter += 1;
        let value = format!("c{}.{} ", c.id, c.counter);
        if chance(&mut self.st.rng, cc.append_ppm) {
            ClientOp::Append { key, value }
        } else {
            ClientOp::Put { key, value }
        }
    }

    fn issue(&mut self, client: usize, request: ClientOp) {
        let op = self.st.next_op;
        self.st.next_op += 1;
        let now = self.st.now;
        let Some(c) = self.st.clients.get_mut(client) else {
            return;
        };
        c.pending = Some(Pending {
            op,
            request: request.clone(),
            proposed: false,
        });
        let (process, node) = (c.process, c.target);
        self.logs.history.push(HistEvent::Invoke {
            op,
            process,
            client,
            node,
            request,
            time_us: now,
        });
        let timeout = now.saturating_add(self.config.clients.timeout_us);
        self.st
            .queue
            .push(timeout, EvKind::ClientTimeout { client, op });
        self.attempt(client);
    }

    /// Sends the pending operation to the client's current target node.
    fn attempt(&mut self, client: usize) {
        let now = self.st.now;
        let Some(c) = self.st.clients.get(client) else {
            return;
        };
        let Some(p) = c.pending.clone() else { return };
        let target = c.target;
        let retry = self.config.clients.retry_us.max(1);
        let up = self.st.hosts.get(&target).is_some_and(|h| h.is_up());
        if !up {
            self.retarget(client, None);
            self.wake_client(client, retry);
            return;
        }
        match p.request {
            ClientOp::Read { .. } => {
                let ctx = self.st.next_ctx;
                self.st.next_ctx += 1;
                self.st.read_ctx.insert(ctx, (client, p.op));
                if let Some(node) = self.node_mut(target) {
                    node.read_index(ctx, now);
                }
                self.drive(target);
            }
            ClientOp::Put { key, value } | ClientOp::Append { key, value } => {
                let cmd = match self.st.clients[client].pending.as_ref().map(|p| &p.request) {
                    Some(ClientOp::Append { .. }) => KvCommand::Append {
                        op: p.op,
                        key,
                        value,
                    },
                    _ => KvCommand::Put {
                        op: p.op,
                        key,
                        value,
                    },
                };
                let result = self.node_mut(target).map(|n| n.propose(cmd.encode(), now));
                match result {
                    Some(Ok(index)) => {
                        self.st.proposals.insert((target, index), p.op);
                        if let Some(p) = self.st.clients[client].pending.as_mut() {
                            p.proposed = true;
                        }
                    }
                    Some(Err(ProposeError::NotLeader { leader })) => {
                        self.retarget(client, leader);
                        self.wake_client(client, retry);
                    }
                    _ => self.wake_client(client, retry),
                }
                self.drive(target);
            }
        }
    }

    /// Points the client at `hint`, or at the next node in id order.
    fn retarget(&mut self, client: usize, hint: Option<NodeId>) {
        let ids: Vec<NodeId> = self.st.hosts.keys().copied().collect();
        let Some(c) = self.st.clients.get_mut(client) else {
            return;
        };
        c.target = match hint {
            Some(h) if h != c.target && ids.contains(&h) => h,
            _ => ids
                .iter()
                .copied()
                .find(|&i| i > c.target)
                .or(ids.first().copied())
                .unwrap_or(c.target),
        };
    }

    pub(crate) fn node_mut(&mut self, id: NodeId) -> Option<&mut quorum_raft::Node> {
        self.st.hosts.get_mut(&id).and_then(|h| h.node.as_mut())
    }

    pub(crate) fn client_wake(&mut self, client: usize, token: u64) -> bool {
        let Some(c) = self.st.clients.get(client) else {
            return false;
        };
        if c.wake_token != token {
            return false;
        }
        if c.pending.is_some() {
            self.attempt(client);
        } else if c.auto {
            let req = self.next_auto_request(client);
            self.issue(client, req);
        }
        true
    }

    pub(crate) fn client_timeout(&mut self, client: usize, op: u64) -> bool {
        let now = self.st.now;
        let Some(c) = self.st.clients.get_mut(client) else {
            return false;
        };
        if c.pending.as_ref().map(|p| p.op) != Some(op) {
            return false;
        }
        // A write no node ever accepted, or a read, definitely had no effect: "failed".
        let definite = c
            .pending
            .take()
            .is_some_and(|p| !p.proposed || matches!(p.request, ClientOp::Read { .. }));
        let process = c.process;
        let outcome = if definite {
            OpOutcome::Failed
        } else {
            OpOutcome::Unknown
        };
        self.logs.history.push(HistEvent::Complete {
            op,
            process,
            outcome,
            time_us: now,
            event: self.st.events,
        });
        if !definite {
            // Like Jepsen: a process with an indeterminate operation is replaced by a new one.
            self.st.clients[client].process = self.st.next_process;
            self.st.next_process += 1;
        }
        if self.st.clients[client].auto {
            let wait = self.think();
            self.wake_client(client, wait);
        }
        true
    }

    fn complete(&mut self, client: usize, op: u64, outcome: OpOutcome) {
        let now = self.st.now;
        let Some(c) = self.st.clients.get_mut(client) else {
            return;
        };
        if c.pending.as_ref().map(|p| p.op) != Some(op) {
            return;
        }
        c.pending = None;
        let process = c.process;
        self.logs.history.push(HistEvent::Complete {
            op,
            process,
            outcome,
            time_us: now,
            event: self.st.events,
        });
        if self.st.clients[client].auto {
            let wait = self.think();
            self.wake_client(client, wait);
        }
    }

    fn client_of(&self, op: u64) -> Option<usize> {
        self.st
            .clients
            .iter()
            .position(|c| c.pending.as_ref().is_some_and(|p| p.op == op))
    }

    /// Node `id` applied the entry at `index` (carrying client op `applied_op`, if any).
    pub(crate) fn on_applied(&mut self, id: NodeId, index: u64, applied_op: Option<u64>) {
        let Some(op) = self.st.proposals.remove(&(id, index)) else {
            return;
        };
        let Some(client) = self.client_of(op) else {
            return;
        };
        if applied_op == Some(op) {
            self.complete(client, op, OpOutcome::Written);
        } else {
            // Our entry was overwritten at that index: it never happened; propose again.
            self.retarget(client, self.leader_hint(id));
            self.wake_client(client, 0);
        }
    }

    fn leader_hint(&self, id: NodeId) -> Option<NodeId> {
        self.st
            .hosts
            .get(&id)
            .and_then(|h| h.node.as_ref())
            .and_then(|n| n.leader())
    }

    pub(crate) fn on_read_failed(&mut self, ctx: u64, leader: Option<NodeId>) {
        let Some((client, op)) = self.st.read_ctx.remove(&ctx) else {
            return;
        };
        if self.client_of(op) != Some(client) {
            return;
        }
        self.retarget(client, leader);
        let retry = self.config.clients.retry_us.max(1);
        self.wake_client(client, retry);
    }

    /// Answers confirmed reads once the application has caught up with their index.
    pub(crate) fn serve_reads(&mut self, id: NodeId) {
        let Some(host) = self.st.hosts.get_mut(&id) else {
            return;
        };
        let applied = host.applied;
        let (ready, waiting): (Vec<_>, Vec<_>) =
            host.reads.drain(..).partition(|&(_, idx)| idx <= applied);
        host.reads = waiting;
        for (ctx, _) in ready {
            let Some((client, op)) = self.st.read_ctx.remove(&ctx) else {
                continue;
            };
            let Some(key) = self
                .st
                .clients
                .get(client)
                .and_then(|c| c.pending.as_ref())
                .and_then(|p| match &p.request {
                    ClientOp::Read { key } if p.op == op => Some(key.clone()),
                    _ => None,
                })
            else {
                continue;
            };
            let Some(host) = self.st.hosts.get(&id) else {
                return;
            };
            let value = KvStore::decode_read(&host.sm.query(key.as_bytes()));
            self.complete(client, op, OpOutcome::Read { value });
        }
    }
}
