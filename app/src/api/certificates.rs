//! Server function of certificates of completion: the public check of a verification code.
//! The PDFs themselves are plain downloads (`server/src/pdf_downloads.rs`).

use leptos::prelude::*;

use contract::views::certificate::CertificateCheck;

/// Checks a certificate's verification code. Public: answers valid, revoked or unknown with
/// only the participant's name, the event and its date.
#[server(endpoint = "certificates/verify")]
pub async fn verify_certificate(code: String) -> Result<CertificateCheck, ServerFnError> {
    use super::context::{database, to_server_error};

    let db = database()?;
    service::certificates::verify_certificate(&db, &code)
        .await
        .map_err(to_server_error)
}
