//! migrations crate (placeholder while the walking skeleton is built).
