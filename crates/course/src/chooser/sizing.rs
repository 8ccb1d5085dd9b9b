//! The master node sizing table of the course slides (GCP and AWS machine types by
//! cluster size).

use serde::Serialize;

/// One machine type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Machine {
    pub name: &'static str,
    pub vcpus: u16,
    /// Memory in hundredths of a GB (375 = 3.75 GB), to stay exact without floats.
    pub memory_centi_gb: u32,
}

impl Machine {
    /// "3.75 GB", "30 GB": the slides' notation (the unit is the same in both languages).
    pub fn memory_label(&self) -> String {
        let whole = self.memory_centi_gb / 100;
        let frac = self.memory_centi_gb % 100;
        match frac {
            0 => format!("{whole} GB"),
            f if f % 10 == 0 => format!("{whole}.{} GB", f / 10),
            f => format!("{whole}.{f:02} GB"),
        }
    }
}

/// One row: clusters of `min_nodes..=max_nodes` nodes (`max_nodes` `None` = no limit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SizeRow {
    pub min_nodes: u32,
    pub max_nodes: Option<u32>,
    pub gcp: Machine,
    pub aws: Machine,
}

const fn m(name: &'static str, vcpus: u16, memory_centi_gb: u32) -> Machine {
    Machine {
        name,
        vcpus,
        memory_centi_gb,
    }
}

const TABLE: [SizeRow; 6] = [
    SizeRow {
        min_nodes: 1,
        max_nodes: Some(5),
        gcp: m("n1-standard-1", 1, 375),
        aws: m("m3.medium", 1, 375),
    },
    SizeRow {
        min_nodes: 6,
        max_nodes: Some(10),
        gcp: m("n1-standard-2", 2, 750),
        aws: m("m3.large", 2, 750),
    },
    SizeRow {
        min_nodes: 11,
        max_nodes: Some(100),
        gcp: m("n1-standard-4", 4, 1500),
        aws: m("m3.xlarge", 4, 1500),
    },
    SizeRow {
        min_nodes: 101,
        max_nodes: Some(250),
        gcp: m("n1-standard-8", 8, 3000),
        aws: m("m3.2xlarge", 8, 3000),
    },
    SizeRow {
        min_nodes: 251,
        max_nodes: Some(500),
        gcp: m("n1-standard-16", 16, 6000),
        aws: m("c4.4xlarge", 16, 3000),
    },
    SizeRow {
        min_nodes: 501,
        max_nodes: None,
        gcp: m("n1-standard-32", 32, 12000),
        aws: m("c4.8xlarge", 36, 6000),
    },
];

/// The whole table, smallest clusters first.
pub fn size_table() -> &'static [SizeRow] {
    &TABLE
}

/// Why a size has no row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SizingError {
    /// A cluster has at least one node.
    NoNodes,
}

/// The row for a cluster of `nodes` nodes.
pub fn master_size(nodes: u32) -> Result<SizeRow, SizingError> {
    TABLE
        .iter()
        .find(|r| nodes >= r.min_nodes && r.max_nodes.is_none_or(|max| nodes <= max))
        .copied()
        .ok_or(SizingError::NoNodes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gcp(nodes: u32) -> &'static str {
        master_size(nodes).map(|r| r.gcp.name).unwrap_or("none")
    }
    fn aws(nodes: u32) -> &'static str {
        master_size(nodes).map(|r| r.aws.name).unwrap_or("none")
    }

    #[test]
    fn boundaries_pick_the_right_row() {
        let expected = [
            (1, "n1-standard-1", "m3.medium"),
            (5, "n1-standard-1", "m3.medium"),
            (6, "n1-standard-2", "m3.large"),
            (10, "n1-standard-2", "m3.large"),
            (11, "n1-standard-4", "m3.xlarge"),
            (100, "n1-standard-4", "m3.xlarge"),
            (101, "n1-standard-8", "m3.2xlarge"),
            (250, "n1-standard-8", "m3.2xlarge"),
            (251, "n1-standard-16", "c4.4xlarge"),
            (500, "n1-standard-16", "c4.4xlarge"),
            (501, "n1-standard-32", "c4.8xlarge"),
            (5000, "n1-standard-32", "c4.8xlarge"),
            (u32::MAX, "n1-standard-32", "c4.8xlarge"),
        ];
        for (nodes, g, a) in expected {
            assert_eq!((gcp(nodes), aws(nodes)), (g, a), "{nodes} nodes");
        }
        assert_eq!(master_size(0), Err(SizingError::NoNodes));
    }

    #[test]
    fn table_is_contiguous_and_labels_read_like_the_slides() {
        for pair in TABLE.windows(2) {
            assert_eq!(pair[0].max_nodes.map(|m| m + 1), Some(pair[1].min_nodes));
        }
        assert_eq!(TABLE[0].gcp.memory_label(), "3.75 GB");
        assert_eq!(TABLE[1].aws.memory_label(), "7.5 GB");
        assert_eq!(TABLE[5].aws.memory_label(), "60 GB");
        assert_eq!(TABLE[5].aws.vcpus, 36);
    }
}
