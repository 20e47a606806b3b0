//! Server functions of a logged-in person's home page: what needs their action and what is
//! coming up, and (coordinators, administrators) how their notices arrive.

use contract::views::home::{Delivery, HomeView};
use leptos::prelude::*;

/// The acting person's home page, by their role.
#[server(endpoint = "home/overview")]
pub async fn home_overview() -> Result<HomeView, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::views::home::home_overview(&db, &actor, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// The coordinator chooses how notices of what waits for them arrive: `immediate` or `daily`.
#[server(endpoint = "home/notice-delivery")]
pub async fn set_notice_delivery(delivery: String) -> Result<Delivery, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::notify::set_notice_delivery(&db, &actor, &delivery)
        .await
        .map_err(to_server_error)
}
