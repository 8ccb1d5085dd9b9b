//! quorum-etcd
