//! Providers' own data: profile, expertise, conflicts of interest, weekly hours, date overrides
//! and time off; the profile and availability forms as typed; the free-time preview (what a
//! coordinator's ranking sees); the provider's own sessions; and a provider leaving the
//! programme (their remaining engagements, marking them as leaving).

mod availability;
mod departure;
mod display;
mod form;
mod preview;
mod profile;
mod profile_form;
mod sessions;

pub use departure::{
    Engagement, ProviderOverview, action, provider_overview, remaining_engagements, set_departed,
    set_departed_as_chosen,
};

pub use availability::{
    AvailabilityDraft, AvailabilityForm, OverrideEntry, OverrideRow, RangeRow, TimeOffEntry,
    TimeOffRow, own_availability, save_own_availability,
};
pub use display::{zone_choices, zone_label};
pub use form::FieldError;
pub use preview::{FreeTimeDay, FreeTimePreview, free_time_preview};
pub use profile::{ProviderProfileInput, WeeklyRange, replace_weekly_hours, save_profile};
pub use profile_form::{
    ProfileDraft, ProfileForm, TRAVEL_REGIONS, home_zone_of, load_profile_form, save_own_profile,
};
pub use sessions::{
    ProviderSession, SessionsPage, SessionsPosition, provider_sessions_page,
    provider_sessions_with_sites,
};
