//! quorum-course
