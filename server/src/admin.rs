//! `tta create-admin`: the first account, made from the command line.

use service::accounts::{EmailAddress, Password, Role, users};
use service::zone::TimeZone;

use crate::config::Config;
use crate::startup::open_database;

/// Variable read for the password before asking on the terminal.
pub const PASSWORD_VARIABLE: &str = "TTA_ADMIN_PASSWORD";

/// Creates an administrator; the error text is meant for the person at the terminal.
pub async fn create_admin(
    config: &Config,
    email: &str,
    name: &str,
    time_zone: &str,
) -> Result<(), String> {
    let email = EmailAddress::parse(email).map_err(|e| e.to_string())?;
    let time_zone = TimeZone::parse(time_zone).map_err(|e| e.to_string())?;
    let password = read_password()?;
    let password = Password::parse(&password).map_err(|e| format!("password refused: {e}"))?;
    let database = open_database(config).await.map_err(|e| e.to_string())?;
    let user = users::create_user(&database, email, name, time_zone, Role::Admin, &password)
        .await
        .map_err(|e| match e {
            e if e.is_client_error() => e.to_string(),
            e => format!("could not create the account: {e}"),
        })?;
    println!(
        "Administrator {} created (id {}). Log in at /login.",
        user.email, user.id
    );
    Ok(())
}

fn read_password() -> Result<String, String> {
    if let Ok(password) = std::env::var(PASSWORD_VARIABLE) {
        return Ok(password);
    }
    let first = rpassword::prompt_password("Password for the new administrator: ")
        .map_err(|e| format!("cannot read the password ({e}); set {PASSWORD_VARIABLE} instead"))?;
    let second = rpassword::prompt_password("Type it again: ")
        .map_err(|e| format!("cannot read the password: {e}"))?;
    if first != second {
        return Err("the two passwords differ; nothing was created".to_owned());
    }
    Ok(first)
}
