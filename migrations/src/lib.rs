//! Database schema migrations for TTA Scheduler.
//!
//! One file per schema step, each with `up` and `down`, written with sea-query's schema builder so
//! the same migration runs on SQLite and PostgreSQL. Migrations own their identifiers (the
//! `Iden` enums in each file) and never import entity types from `service`, so later changes to
//! entities cannot rewrite history.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_create_site_and_topic;

/// Applies every migration of the application in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20261129_000001_create_site_and_topic::Migration)]
    }
}
