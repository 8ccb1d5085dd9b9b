//! The side-by-side view: the same failures applied to a stacked and an external
//! topology of the same size.

use super::{BuildError, Capability, Cluster, Failure, FailureError};
use crate::topology::TopologySpec;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub stacked: Vec<Capability>,
    pub external: Vec<Capability>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CompareError {
    Build(BuildError),
    /// A failure that does not exist in one of the two topologies (e.g. an external
    /// etcd host in the stacked one).
    Failure {
        stacked: bool,
        error: FailureError,
    },
}

/// Start both clusters (`control_planes` nodes; the external one with as many etcd
/// hosts), apply `failures` to each, and probe what still works.
pub fn side_by_side(
    control_planes: u8,
    workers: u8,
    failures: &[Failure],
    seed: u64,
) -> Result<Comparison, CompareError> {
    let probe = |spec: TopologySpec, stacked: bool| -> Result<Vec<Capability>, CompareError> {
        let mut c = Cluster::started(spec, seed).map_err(CompareError::Build)?;
        for f in failures {
            c.apply(f.clone())
                .map_err(|error| CompareError::Failure { stacked, error })?;
        }
        Ok(c.what_works())
    };
    Ok(Comparison {
        stacked: probe(TopologySpec::stacked(control_planes, workers), true)?,
        external: probe(
            TopologySpec::external(control_planes, control_planes, workers),
            false,
        )?,
    })
}
