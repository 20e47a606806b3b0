//! The four roles; each account has exactly one.

use std::fmt;

use crate::ServiceError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Users, roles, sites, settings; the outbox and the audit log.
    Admin,
    /// DOJ/TTA staff who match requests to providers and approve schedules.
    Coordinator,
    /// A practitioner or consultant delivering TTA.
    Provider,
    /// A person at a site who requests TTA for it.
    SiteContact,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Coordinator,
        Role::Provider,
        Role::SiteContact,
    ];

    pub fn parse(text: &str) -> Result<Self, ServiceError> {
        match text.trim() {
            "admin" => Ok(Self::Admin),
            "coordinator" => Ok(Self::Coordinator),
            "provider" => Ok(Self::Provider),
            "site_contact" => Ok(Self::SiteContact),
            other => Err(ServiceError::Invalid(format!(
                "'{other}' is not a role: choose admin, coordinator, provider or site_contact."
            ))),
        }
    }

    /// The stored spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Coordinator => "coordinator",
            Self::Provider => "provider",
            Self::SiteContact => "site_contact",
        }
    }

    /// For people: `Site contact`.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Admin => "Administrator",
            Self::Coordinator => "Coordinator",
            Self::Provider => "Provider",
            Self::SiteContact => "Site contact",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_as_str_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()).unwrap(), role);
        }
        assert!(Role::parse("root").unwrap_err().is_client_error());
    }
}
