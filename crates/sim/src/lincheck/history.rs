//! A client history: operations with invocation and completion instants.
//!
//! Builders turn a stream of invoke/complete events (from a log or from the simulator's
//! clients) into operations, handling the awkward cases the same way everywhere: a process that
//! invokes again while an operation is outstanding, `:info`, and logs that simply end.

use super::model::{Input, Output, State, Value};
use litemap::LiteMap;
use serde::{Deserialize, Serialize};

/// One client operation. `ret == None` means the outcome is unknown: it may take effect at any
/// instant after `call`, or never.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    pub client: u64,
    pub key: String,
    pub input: Input,
    pub output: Output,
    pub call: u64,
    pub ret: Option<u64>,
}

impl Operation {
    /// The outcome is unknown (timed out, `:info`, or never answered).
    pub fn is_unknown(&self) -> bool {
        self.ret.is_none() || self.output == Output::Unknown
    }
}

impl History {
    /// Reads the history as Knossos's cas-register model does, where it differs from the
    /// reference semantics: a failed cas did not happen at all (Knossos drops every `:fail`,
    /// here a failed cas otherwise means its compare did not match), and a read that returned
    /// nil says nothing (Knossos accepts it in any state; here nil otherwise means empty).
    /// Both kinds of operation are removed; neither can change the state.
    pub fn read_as_knossos(&mut self) {
        self.ops.retain(|op| {
            op.ret.is_none() || !matches!(op.output, Output::Cas(false) | Output::Read(None))
        });
    }
}

/// A whole history plus the initial value of every key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    pub initial: State,
    pub ops: Vec<Operation>,
}

/// How an operation ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Completion {
    /// Definite result.
    Ok(Output),
    /// Definitely did not take effect (Jepsen `:fail`).
    Failed,
    /// Unknown outcome (Jepsen `:info`, or a `:fail` that is really a timeout).
    Unknown,
}

/// Collects invoke/complete events keyed by process.
#[derive(Debug, Default)]
pub struct HistoryBuilder {
    history: History,
    /// Index into `history.ops` of each process's outstanding operation.
    pending: LiteMap<u64, usize>,
    /// Operations that definitely did not happen; removed at `finish`.
    failed: Vec<usize>,
}

impl HistoryBuilder {
    pub fn new(initial: State) -> Self {
        HistoryBuilder {
            history: History {
                initial,
                ops: Vec::new(),
            },
            ..Default::default()
        }
    }

    /// A process invokes an operation at instant `at`.
    pub fn invoke(&mut self, client: u64, key: String, input: Input, at: u64) {
        // A process has at most one operation outstanding; if the log shows a new one anyway,
        // the earlier one never answered and its outcome is unknown.
        self.pending.remove(&client);
        let idx = self.history.ops.len();
        self.history.ops.push(Operation {
            client,
            key,
            input,
            output: Output::Unknown,
            call: at,
            ret: None,
        });
        self.pending.insert(client, idx);
    }

    /// The process's outstanding operation completes at instant `at`. Ignored if none.
    pub fn complete(&mut self, client: u64, completion: Completion, at: u64) {
        let Some(idx) = self.pending.remove(&client) else {
            return;
        };
        let Some(op) = self.history.ops.get_mut(idx) else {
            return;
        };
        match completion {
            Completion::Ok(output) => {
                op.output = output;
                op.ret = Some(at.max(op.call));
            }
            Completion::Failed => match op.input {
                // A failed cas is a real answer: the value was not the expected one.
                Input::Cas { .. } => {
                    op.output = Output::Cas(false);
                    op.ret = Some(at.max(op.call));
                }
                _ => self.failed.push(idx),
            },
            Completion::Unknown => {}
        }
    }

    /// The history so far. Operations still outstanding keep an unknown outcome.
    pub fn finish(mut self) -> History {
        if !self.failed.is_empty() {
            // A mask, not a set: chaos histories can fail thousands of operations.
            let mut failed = vec![false; self.history.ops.len()];
            for i in self.failed {
                if let Some(f) = failed.get_mut(i) {
                    *f = true;
                }
            }
            let ops = std::mem::take(&mut self.history.ops);
            self.history.ops = ops
                .into_iter()
                .zip(failed)
                .filter(|(_, failed)| !failed)
                .map(|(op, _)| op)
                .collect();
        }
        self.history
    }
}

/// Convenience for tests and the simulator.
pub fn value(v: impl Into<Value>) -> Value {
    v.into()
}
