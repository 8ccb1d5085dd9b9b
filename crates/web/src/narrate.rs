//! Words for the Raft core's explanations, in English and Korean (being written).
