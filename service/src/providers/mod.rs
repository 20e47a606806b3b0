//! Providers' own data: profile, expertise, conflicts of interest and weekly hours.

mod profile;

pub use profile::{ProviderProfileInput, WeeklyRange, replace_weekly_hours, save_profile};
