//! The pages, by role (`admin`, `coordinator`, `provider`, `site`) the way `api` is laid out,
//! and the pages everyone reaches (home, log-in, password, invitation).

pub mod account;
pub mod admin;
pub mod certificates;
pub mod coordinator;
pub mod events;
pub mod home;
pub mod invitations;
pub mod login;
pub mod not_found;
pub mod password;
pub mod provider;
pub mod role_home;
pub mod site;
pub mod tokens;
