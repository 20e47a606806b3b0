//! Providers' own data: profile, expertise, conflicts of interest and weekly hours; and a
//! provider leaving the programme (their remaining engagements, marking them as leaving).

mod departure;
mod profile;

pub use departure::{
    Engagement, ProviderOverview, action, provider_overview, remaining_engagements, set_departed,
};

pub use profile::{ProviderProfileInput, WeeklyRange, replace_weekly_hours, save_profile};
