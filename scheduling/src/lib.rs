//! The pure scheduling engine of TTA Scheduler: time zones, provider availability, free slots,
//! recurring series and provider matching.
//!
//! Nothing in this crate performs I/O, spawns tasks or knows about databases or the UI; every
//! function is a deterministic computation over its arguments (the current instant is always
//! passed in). It compiles for `wasm32-unknown-unknown` as well as for the server.

pub mod matching;
