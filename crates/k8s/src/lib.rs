//! quorum-k8s
