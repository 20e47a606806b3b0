//! sea-orm entities: one module per table. Only `service` uses them.

pub mod site;
pub mod topic;
