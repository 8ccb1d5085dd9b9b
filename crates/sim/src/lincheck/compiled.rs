//! Operations compiled for the search: values interned to small integers so a model step is a
//! few integer comparisons and a state fits in a `u32`.

use super::hash::WordBuild;
use super::history::Operation;
use super::model::{Input, Output, State};
use std::collections::HashMap;

/// Interned state id; 0 is nil.
pub type Sid = u32;
pub const NIL_STATE: Sid = 0;

/// One operation, with its expected output folded in.
#[derive(Clone, Copy, Debug)]
pub enum COp {
    /// A read that returned this state.
    Read(Sid),
    /// A read with unknown result (constrains nothing).
    ReadAny,
    Write(Sid),
    /// `result`: Some(true) took effect, Some(false) did not, None unknown.
    Cas {
        expect: Sid,
        new: Sid,
        result: Option<bool>,
    },
    /// Appends the interned string `Sid` (its text is looked up when concatenating).
    Append(Sid),
}

/// Values seen so far, plus the results of concatenations (memoized).
#[derive(Default)]
pub struct Interner {
    texts: Vec<String>,
    ids: HashMap<String, Sid, WordBuild>,
    appended: HashMap<(Sid, Sid), Sid, WordBuild>,
}

impl Interner {
    pub fn new() -> Self {
        // Slot 0 is nil; its text is never read.
        Interner {
            texts: vec![String::new()],
            ..Default::default()
        }
    }

    pub fn intern(&mut self, s: &str) -> Sid {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = Sid::try_from(self.texts.len()).unwrap_or(Sid::MAX);
        self.texts.push(s.to_string());
        self.ids.insert(s.to_string(), id);
        id
    }

    /// Interns an owned string without copying it more than once.
    fn intern_owned(&mut self, s: String) -> Sid {
        if let Some(&id) = self.ids.get(&s) {
            return id;
        }
        let id = Sid::try_from(self.texts.len()).unwrap_or(Sid::MAX);
        self.texts.push(s.clone());
        self.ids.insert(s, id);
        id
    }

    pub fn state(&mut self, s: &State) -> Sid {
        match s {
            None => NIL_STATE,
            Some(v) => self.intern(v),
        }
    }

    fn append(&mut self, state: Sid, value: Sid) -> Sid {
        if let Some(&id) = self.appended.get(&(state, value)) {
            return id;
        }
        let mut s = if state == NIL_STATE {
            String::new()
        } else {
            self.texts[state as usize].clone()
        };
        s.push_str(&self.texts[value as usize]);
        let id = self.intern_owned(s);
        self.appended.insert((state, value), id);
        id
    }

    /// The model step on interned states (see `model::step`).
    pub fn step(&mut self, state: Sid, op: COp) -> Option<Sid> {
        match op {
            COp::Read(seen) => (seen == state).then_some(state),
            COp::ReadAny => Some(state),
            COp::Write(v) => Some(v),
            COp::Cas {
                expect,
                new,
                result,
            } => {
                let matches = state == expect && state != NIL_STATE;
                match result {
                    Some(true) => matches.then_some(new),
                    Some(false) => (!matches).then_some(state),
                    None => Some(if matches { new } else { state }),
                }
            }
            COp::Append(v) => Some(self.append(state, v)),
        }
    }

    /// Compiles one operation; `None` when its output cannot come from its input at all.
    pub fn compile(&mut self, op: &Operation) -> Option<COp> {
        let unknown = op.is_unknown();
        Some(match (&op.input, &op.output) {
            (Input::Read, _) if unknown => COp::ReadAny,
            (Input::Read, Output::Read(v)) => COp::Read(self.state(v)),
            (Input::Write(v), out) if unknown || *out == Output::Ok => COp::Write(self.intern(v)),
            (Input::Cas { expect, new }, out) => {
                let result = match (unknown, out) {
                    (true, _) => None,
                    (false, Output::Cas(b)) => Some(*b),
                    _ => return None,
                };
                COp::Cas {
                    expect: self.intern(expect),
                    new: self.intern(new),
                    result,
                }
            }
            (Input::Append(v), out) if unknown || *out == Output::Ok => COp::Append(self.intern(v)),
            _ => return None,
        })
    }
}
